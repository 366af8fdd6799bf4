// The store contract, follow-ups: every test runs against the memory store and a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../../server/store/types.ts";
import type { FollowUp } from "../../../shared/protocol/index.ts";
import { conversation, storeFactories } from "../../support/store-contract.ts";

const item = (conversationId: string, kind: FollowUp["kind"], dueAt: number, ownerId?: string): FollowUp => ({
  id: `fu_${conversationId}_${kind}`,
  siteKey: "site1",
  conversationId,
  kind,
  dueAt,
  state: "open",
  createdAt: 1,
  rev: 0,
  ...(ownerId ? { ownerId } : {}),
});

describe.each(storeFactories)("store contract, follow-ups: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
    await store.createConversation(conversation("c1", "v1"));
    await store.createConversation(conversation("c2", "v2"));
  });
  afterEach(async () => cleanup());

  it("FU8 opens an item once, however many open it at the same time, and never reopens a done one", async () => {
    const opened = await Promise.all([1, 2, 3].map(() => store.openFollowUp(item("c1", "callback", 50))));
    expect(opened.filter(Boolean)).toHaveLength(1);
    const stored = (await store.getFollowUp("fu_c1_callback")) as FollowUp;
    const done = await store.updateFollowUp({ ...stored, state: "done", doneAt: 60, doneBy: "u1" });
    expect(done).toMatchObject({ state: "done", rev: 1 });
    expect(await store.openFollowUp(item("c1", "callback", 70))).toBe(false);
    expect(await store.getFollowUp("fu_c1_callback")).toMatchObject({ state: "done", dueAt: 50 });
  });

  it("lists a site's open items by due time (a snooze counts), per owner, and done ones leave the list", async () => {
    await store.openFollowUp(item("c1", "callback", 30, "ann"));
    await store.openFollowUp(item("c1", "check-in", 10));
    await store.openFollowUp(item("c2", "missed-handoff", 20, "bob"));
    await store.openFollowUp({ ...item("c2", "check-in", 5), siteKey: "site2" });
    const ids = async (owner?: string) => (await store.listOpenFollowUps("site1", owner)).map((f) => f.id);
    expect(await ids()).toEqual(["fu_c1_check-in", "fu_c2_missed-handoff", "fu_c1_callback"]);
    expect(await ids("ann")).toEqual(["fu_c1_callback"]);
    const checkIn = (await store.getFollowUp("fu_c1_check-in")) as FollowUp;
    await store.updateFollowUp({ ...checkIn, snoozedUntil: 100 });
    expect(await ids()).toEqual(["fu_c2_missed-handoff", "fu_c1_callback", "fu_c1_check-in"]);
    const missed = (await store.getFollowUp("fu_c2_missed-handoff")) as FollowUp;
    await store.updateFollowUp({ ...missed, state: "done", doneAt: 40, doneBy: "system" });
    expect(await ids()).toEqual(["fu_c1_callback", "fu_c1_check-in"]);
    expect((await store.listConversationFollowUps("c1")).map((f) => f.kind)).toEqual(["callback", "check-in"]);
  });

  it("updates by compare-and-set: a stale rev writes nothing", async () => {
    await store.openFollowUp(item("c1", "callback", 30));
    const read = (await store.getFollowUp("fu_c1_callback")) as FollowUp;
    const [a, b] = await Promise.all([
      store.updateFollowUp({ ...read, ownerId: "ann" }),
      store.updateFollowUp({ ...read, ownerId: "bob" }),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(await store.updateFollowUp({ ...read, state: "done" })).toBeNull();
    expect(await store.updateFollowUp({ ...item("c9", "callback", 1) })).toBeNull();
  });

  it("erasing the visitor erases their items; others stay", async () => {
    await store.openFollowUp(item("c1", "callback", 30));
    await store.openFollowUp(item("c2", "callback", 40));
    expect(await store.eraseVisitor("site1", "v1")).toEqual(["c1"]);
    expect(await store.getFollowUp("fu_c1_callback")).toBeNull();
    expect(await store.listConversationFollowUps("c1")).toEqual([]);
    expect((await store.listOpenFollowUps("site1")).map((f) => f.id)).toEqual(["fu_c2_callback"]);
  });
});
