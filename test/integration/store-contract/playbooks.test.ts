// The store contract, playbooks: every test runs against the memory store and a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../../server/store/types.ts";
import { defaultPlaybook } from "../../../shared/engine/index.ts";
import { storeFactories } from "../../support/store-contract.ts";

describe.each(storeFactories)("store contract, playbooks: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  it("keeps playbooks", async () => {
    await store.putPlaybook(defaultPlaybook);
    expect(await store.getPlaybook(defaultPlaybook.id, 1)).toEqual(defaultPlaybook);
    expect(await store.getPlaybook(defaultPlaybook.id, 2)).toBeNull();
    expect(await store.nextPlaybookVersion(defaultPlaybook.id)).toBe(2);
    expect(await store.nextPlaybookVersion(defaultPlaybook.id)).toBe(3);
    expect(await store.nextPlaybookVersion("other")).toBe(1);
    // Publish times: the first store of a version is its time; newest version first.
    await store.putPlaybook(defaultPlaybook, 999);
    await store.putPlaybook({ ...defaultPlaybook, version: 2 }, 2000);
    const first = (await store.listPlaybookVersions(defaultPlaybook.id)).at(-1);
    expect(first?.version).toBe(1);
    expect(first?.publishedAt).not.toBe(999);
    expect((await store.listPlaybookVersions(defaultPlaybook.id))[0]).toEqual({ version: 2, publishedAt: 2000 });
    expect(await store.listPlaybookVersions("other")).toEqual([]);
  });

  it("keeps who published a version, the first publisher only", async () => {
    await store.putPlaybook(defaultPlaybook);
    await store.putPlaybook({ ...defaultPlaybook, version: 2 }, 2000, "user-ana");
    await store.putPlaybook({ ...defaultPlaybook, version: 2 }, 3000, "user-bo");
    expect(await store.listPlaybookVersions(defaultPlaybook.id)).toEqual([
      { version: 2, publishedAt: 2000, publishedBy: "user-ana" },
      { version: 1, publishedAt: expect.any(Number) },
    ]);
  });
});
