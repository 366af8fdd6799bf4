// The store contract, presence: every test runs against the memory store and a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../../server/store/types.ts";
import { unrestartedFactories } from "../../support/store-contract.ts";

describe.each(unrestartedFactories)("store contract, presence: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  it("keeps presence: several tabs count once, a rep is offline when the last tab expires", async () => {
    const user = (id: string) => ({
      id,
      email: `${id}@x.co`,
      name: id,
      role: "rep" as const,
      passwordHash: "h",
      createdAt: 1,
    });
    await store.putUser(user("r1"));
    await store.putUser(user("r2"));
    await store.setRepStatus("r1", "available");
    await store.touchRepTab("r1", "tab-a", 100);
    await store.touchRepTab("r1", "tab-b", 200);
    await store.touchRepTab("r2", "tab-c", 100);
    expect(await store.presence(50)).toEqual([
      { repId: "r1", status: "available", online: true, lastOfferedAt: 0 },
      // Never chose: available while a console tab is open.
      { repId: "r2", status: "available", online: true, lastOfferedAt: 0 },
    ]);
    // At 150 tab-a and tab-c expired: r1 still has tab-b, r2 has nothing left and is reported once.
    expect(await store.expireRepTabs(150)).toEqual(["r2"]);
    expect(await store.expireRepTabs(150)).toEqual([]);
    const p = await store.presence(150);
    expect(p.map((r) => [r.repId, r.online])).toEqual([
      ["r1", true],
      ["r2", false],
    ]);
    await store.dropRepTab("r1", "tab-b");
    await store.markOffered("r1", 42);
    expect((await store.presence(150))[0]).toEqual({
      repId: "r1",
      status: "available",
      online: false,
      lastOfferedAt: 42,
    });
  });
});
