// The store contract, timers: every test runs against the memory store and a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../../server/store/types.ts";
import { storeFactories } from "../../support/store-contract.ts";

describe.each(storeFactories)("store contract, timers: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  it("fires each due timer once, however many take at the same time", async () => {
    await store.scheduleDue("offer", "c1", 10);
    await store.scheduleDue("wait", "c1", 20);
    await store.scheduleDue("offer", "c2", 30);
    await store.scheduleDue("offer", "c3", 5);
    await store.cancelDue("offer", "c3");
    const takers = await Promise.all([store.takeDue(25, 10), store.takeDue(25, 10), store.takeDue(25, 10)]);
    expect(takers.flat()).toEqual([
      { kind: "offer", conversationId: "c1" },
      { kind: "wait", conversationId: "c1" },
    ]);
    expect(await store.takeDue(100, 10)).toEqual([{ kind: "offer", conversationId: "c2" }]);
  });
});
