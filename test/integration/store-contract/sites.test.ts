// The store contract, sites: every test runs against the memory store and a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../../server/store/types.ts";
import { storeFactories } from "../../support/store-contract.ts";

describe.each(storeFactories)("store contract, sites: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  it("keeps sites", async () => {
    const site = {
      key: "k1",
      name: "Acme",
      allowedOrigins: ["https://acme.com"],
      greeting: "Hi",
      accentColor: "#123456",
      playbookId: "p",
      playbookVersion: 1,
      createdAt: 5,
    };
    await store.putSite(site);
    expect(await store.getSite("k1")).toEqual(site);
    expect(await store.getSite("nope")).toBeNull();
    expect(await store.listSites()).toEqual([site]);
  });

  it("updates sites atomically: concurrent edits all land", async () => {
    const site = {
      key: "k1",
      name: "Acme",
      allowedOrigins: [],
      greeting: "Hi",
      accentColor: "#123456",
      playbookId: "p",
      playbookVersion: 1,
      createdAt: 5,
    };
    await store.putSite(site);
    await Promise.all([
      store.updateSite("k1", (s) => ({ ...s, playbookVersion: 2 })),
      store.updateSite("k1", (s) => ({ ...s, allowedOrigins: ["https://acme.com"] })),
    ]);
    expect(await store.getSite("k1")).toMatchObject({ playbookVersion: 2, allowedOrigins: ["https://acme.com"] });
    expect(await store.updateSite("nope", (s) => s)).toBeNull();
  });

  it("keeps each site's latest widget load (the install check)", async () => {
    expect(await store.lastWidgetLoad("k1")).toBeNull();
    await store.recordWidgetLoad("k1", { at: 10, page: "https://acme.com/pricing" });
    await store.recordWidgetLoad("k1", { at: 20, page: "https://acme.com/" });
    await store.recordWidgetLoad("k2", { at: 15, page: "https://beta.io/" });
    expect(await store.lastWidgetLoad("k1")).toEqual({ at: 20, page: "https://acme.com/" });
    expect(await store.lastWidgetLoad("k2")).toEqual({ at: 15, page: "https://beta.io/" });
  });
});
