// The store contract, stats: every test runs against the memory store and a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../../server/store/types.ts";
import { storeFactories } from "../../support/store-contract.ts";

describe.each(storeFactories)("store contract, stats: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  it("averages accept times", async () => {
    expect(await store.averageAccept("s")).toBeNull();
    await store.recordAccept("s", 10_000);
    await store.recordAccept("s", 20_000);
    expect(await store.averageAccept("s")).toBe(12_000);
  });
});
