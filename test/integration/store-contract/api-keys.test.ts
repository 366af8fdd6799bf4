// The store contract, API keys: every test runs against the memory store and a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../../server/store/types.ts";
import { storeFactories } from "../../support/store-contract.ts";

describe.each(storeFactories)("store contract, api-keys: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  it("keeps API keys by hash: listed newest first, last use recorded, revoked at once", async () => {
    const key = (id: string, createdAt: number) => ({
      id,
      name: `Key ${id}`,
      scope: "read" as const,
      hash: `h-${id}`,
      prefix: "bk_abc",
      createdBy: "u1",
      createdAt,
    });
    await store.putApiKey(key("k1", 1));
    await store.putApiKey({ ...key("k2", 2), scope: "write" });
    expect(await store.findApiKey("h-k1")).toEqual(key("k1", 1));
    expect(await store.findApiKey("nope")).toBeNull();
    expect((await store.listApiKeys()).map((k) => k.id)).toEqual(["k2", "k1"]);
    await store.touchApiKey("k1", 50);
    expect((await store.findApiKey("h-k1"))?.lastUsedAt).toBe(50);
    expect((await store.listApiKeys()).find((k) => k.id === "k1")?.lastUsedAt).toBe(50);
    expect(await store.revokeApiKey("k1")).toBe(true);
    expect(await store.revokeApiKey("k1")).toBe(false);
    expect(await store.findApiKey("h-k1")).toBeNull();
    // A use racing the revoke brings nothing back.
    await store.touchApiKey("k1", 60);
    expect(await store.findApiKey("h-k1")).toBeNull();
    expect((await store.listApiKeys()).map((k) => k.id)).toEqual(["k2"]);
  });
});
