// The store contract, rate limits and slots: every test runs against the memory store and a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../../server/store/types.ts";
import { unrestartedFactories } from "../../support/store-contract.ts";

describe.each(unrestartedFactories)("store contract, limits: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  it("counts rate limits in order: the first over its limit refuses, and the limits after it do not count", async () => {
    const checks = (n: number) => [
      { key: "own", limit: n, windowMs: 60_000 },
      { key: "shared", limit: 100, windowMs: 60_000 },
    ];
    expect(await store.hits(checks(2))).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(await store.hits(checks(2))).toEqual({ allowed: true, retryAfterMs: 0 });
    const refused = await store.hits(checks(2));
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    // "shared" counted the two allowed events only: 98 more fit, the 99th does not.
    for (let i = 0; i < 98; i++) expect((await store.hit("shared", 100, 60_000)).allowed).toBe(true);
    expect((await store.hit("shared", 100, 60_000)).allowed).toBe(false);
    expect(await store.hits([])).toEqual({ allowed: true, retryAfterMs: 0 });
  });

  it("connection slots: held per holder, freed on release or expiry, a refusal extends nothing", async () => {
    expect(await store.acquireSlot("ip", "a", 2, 0, 100)).toBe(true);
    expect(await store.acquireSlot("ip", "b", 2, 0, 200)).toBe(true);
    expect(await store.acquireSlot("ip", "c", 2, 50, 1000)).toBe(false);
    await store.releaseSlot("ip", "a");
    expect(await store.acquireSlot("ip", "c", 2, 50, 1000)).toBe(true);
    // b expires at 200 whatever was refused meanwhile: a crashed process's slots free themselves.
    expect(await store.acquireSlot("ip", "d", 2, 150, 1000)).toBe(false);
    expect(await store.acquireSlot("ip", "d", 2, 250, 1000)).toBe(true);
  });
});
