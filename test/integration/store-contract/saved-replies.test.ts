// The store contract, saved replies: every test runs against the memory store and a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../../server/store/types.ts";
import type { SavedReply } from "../../../shared/protocol/index.ts";
import { storeFactories } from "../../support/store-contract.ts";

const reply = (id: string, shortcut: string, text = `Text of ${shortcut}`): SavedReply => ({
  id,
  shortcut,
  text,
  createdAt: 1,
  updatedAt: 1,
});

describe.each(storeFactories)("store contract, saved replies: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  it("keeps the team's saved replies by shortcut, each shortcut once, at most `max`", async () => {
    expect(await store.addSavedReply(reply("r1", "pricing"), 2)).toBe("ok");
    expect(await store.addSavedReply({ ...reply("r2", "demo"), title: "Book a demo" }, 2)).toBe("ok");
    expect(await store.addSavedReply(reply("r3", "pricing"), 3)).toBe("duplicate");
    expect(await store.addSavedReply(reply("r3", "trial"), 2)).toBe("full");
    expect((await store.listSavedReplies()).map((r) => r.shortcut)).toEqual(["demo", "pricing"]);
    expect(await store.getSavedReply("r2")).toEqual({ ...reply("r2", "demo"), title: "Book a demo" });
    expect(await store.getSavedReply("r3")).toBeNull();
  });

  it("replaces a reply: its old shortcut is free again, another's is refused, a deleted one stays deleted", async () => {
    await store.addSavedReply(reply("r1", "pricing"), 10);
    await store.addSavedReply(reply("r2", "demo"), 10);
    expect(await store.replaceSavedReply({ ...reply("r1", "demo"), updatedAt: 2 })).toBe("duplicate");
    expect(await store.getSavedReply("r1")).toEqual(reply("r1", "pricing"));
    expect(await store.replaceSavedReply({ ...reply("r1", "prices", "New text"), updatedAt: 2 })).toBe("ok");
    expect(await store.getSavedReply("r1")).toEqual({ ...reply("r1", "prices", "New text"), updatedAt: 2 });
    expect(await store.addSavedReply(reply("r3", "pricing"), 10)).toBe("ok");

    expect(await store.removeSavedReply("r1")).toBe(true);
    expect(await store.removeSavedReply("r1")).toBe(false);
    expect(await store.replaceSavedReply(reply("r1", "prices"))).toBe("missing");
    expect(await store.getSavedReply("r1")).toBeNull();
    // The deleted reply's shortcut is free again.
    expect(await store.addSavedReply(reply("r4", "prices"), 10)).toBe("ok");
    expect((await store.listSavedReplies()).map((r) => r.id)).toEqual(["r2", "r4", "r3"]);
  });

  it("lets only one of two owners adding the same shortcut at once, or the last free place, have it", async () => {
    const same = await Promise.all([
      store.addSavedReply(reply("a", "hello"), 10),
      store.addSavedReply(reply("b", "hello"), 10),
    ]);
    expect(same.sort()).toEqual(["duplicate", "ok"]);
    const last = await Promise.all([
      store.addSavedReply(reply("c", "one"), 2),
      store.addSavedReply(reply("d", "two"), 2),
    ]);
    expect(last.sort()).toEqual(["full", "ok"]);
    expect(await store.listSavedReplies()).toHaveLength(2);
  });
});
