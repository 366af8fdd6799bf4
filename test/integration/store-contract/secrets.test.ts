// The store contract, secrets: every test runs against the memory store and a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../../server/store/types.ts";
import { storeFactories } from "../../support/store-contract.ts";

describe.each(storeFactories)("store contract, secrets: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  it("shares one secret: the first value wins", async () => {
    expect(await store.getOrCreateSecret("s", () => "one")).toBe("one");
    expect(await store.getOrCreateSecret("s", () => "two")).toBe("one");
  });

  it("reads a secret without making it", async () => {
    expect(await store.getSecret("s")).toBeNull();
    expect(await store.getSecret("s")).toBeNull();
    await store.getOrCreateSecret("s", () => "one");
    expect(await store.getSecret("s")).toBe("one");
  });
});
