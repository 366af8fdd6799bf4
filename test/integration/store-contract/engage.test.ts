// The store contract, the teasers' counts (shared/funnel/SPEC.md F24): every test runs against the memory store and
// a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../../server/store/types.ts";
import { storeFactories } from "../../support/store-contract.ts";

describe.each(storeFactories)("store contract, engage counts: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  it("counts each event per site, trigger and day, and sums the days asked for per trigger", async () => {
    await store.countEngageEvent("s1", "2026-12-04", "pricing00001", "shown");
    await store.countEngageEvent("s1", "2026-12-04", "pricing00001", "shown");
    await store.countEngageEvent("s1", "2026-12-04", "pricing00001", "opened");
    await store.countEngageEvent("s1", "2026-12-05", "pricing00001", "dismissed");
    await store.countEngageEvent("s1", "2026-12-05", "exit00000001", "shown");
    await store.countEngageEvent("s2", "2026-12-05", "pricing00001", "shown");
    expect(await store.engageTotals("s1", ["2026-12-04", "2026-12-05"])).toEqual([
      { trigger: "exit00000001", shown: 1, opened: 0, dismissed: 0 },
      { trigger: "pricing00001", shown: 2, opened: 1, dismissed: 1 },
    ]);
    expect(await store.engageTotals("s1", ["2026-12-04"])).toEqual([
      { trigger: "pricing00001", shown: 2, opened: 1, dismissed: 0 },
    ]);
    expect(await store.engageTotals("s2", ["2026-12-05"])).toEqual([
      { trigger: "pricing00001", shown: 1, opened: 0, dismissed: 0 },
    ]);
  });

  it("reads only the days asked for; days and sites without counts read as nothing", async () => {
    await store.countEngageEvent("s1", "2026-12-01", "pricing00001", "shown");
    await store.countEngageEvent("s1", "2026-12-03", "pricing00001", "opened");
    await store.countEngageEvent("s1", "2026-12-04", "pricing00001", "opened");
    expect(await store.engageTotals("s1", ["2026-12-03", "2026-12-02", "2026-12-01"])).toEqual([
      { trigger: "pricing00001", shown: 1, opened: 1, dismissed: 0 },
    ]);
    expect(await store.engageTotals("s1", ["2026-12-02"])).toEqual([]);
    expect(await store.engageTotals("s1", [])).toEqual([]);
    expect(await store.engageTotals("nobody", ["2026-12-01"])).toEqual([]);
  });

  it("sums a year's days in one read", async () => {
    const days = Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(2025, 11, 5 + i)).toISOString().slice(0, 10));
    for (const day of days.filter((_, i) => i % 30 === 0))
      await store.countEngageEvent("s1", day, "exit00000001", "shown");
    expect(await store.engageTotals("s1", days)).toEqual([
      { trigger: "exit00000001", shown: 13, opened: 0, dismissed: 0 },
    ]);
  });

  it("counts made at once all add up", async () => {
    await Promise.all(
      Array.from({ length: 50 }, () => store.countEngageEvent("s1", "2026-12-05", "pricing00001", "shown")),
    );
    expect(await store.engageTotals("s1", ["2026-12-05"])).toEqual([
      { trigger: "pricing00001", shown: 50, opened: 0, dismissed: 0 },
    ]);
  });

  it("what a caller does with the counts it read changes nothing stored", async () => {
    await store.countEngageEvent("s1", "2026-12-05", "pricing00001", "shown");
    const [read] = await store.engageTotals("s1", ["2026-12-05"]);
    if (read) read.shown = 1000;
    expect((await store.engageTotals("s1", ["2026-12-05"]))[0]?.shown).toBe(1);
  });
});
