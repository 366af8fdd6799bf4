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

  it("counts each event per site, trigger and day", async () => {
    await store.countEngageEvent("s1", "2026-12-04", "pricing00001", "shown");
    await store.countEngageEvent("s1", "2026-12-04", "pricing00001", "shown");
    await store.countEngageEvent("s1", "2026-12-04", "pricing00001", "opened");
    await store.countEngageEvent("s1", "2026-12-05", "pricing00001", "dismissed");
    await store.countEngageEvent("s1", "2026-12-05", "exit00000001", "shown");
    await store.countEngageEvent("s2", "2026-12-05", "pricing00001", "shown");
    expect(await store.engageCounts("s1", ["2026-12-04", "2026-12-05"])).toEqual([
      { day: "2026-12-04", trigger: "pricing00001", shown: 2, opened: 1, dismissed: 0 },
      { day: "2026-12-05", trigger: "exit00000001", shown: 1, opened: 0, dismissed: 0 },
      { day: "2026-12-05", trigger: "pricing00001", shown: 0, opened: 0, dismissed: 1 },
    ]);
    expect(await store.engageCounts("s2", ["2026-12-05"])).toEqual([
      { day: "2026-12-05", trigger: "pricing00001", shown: 1, opened: 0, dismissed: 0 },
    ]);
  });

  it("reads only the days asked for, in their order; days and sites without counts read as nothing", async () => {
    await store.countEngageEvent("s1", "2026-12-01", "pricing00001", "shown");
    await store.countEngageEvent("s1", "2026-12-03", "pricing00001", "opened");
    expect(await store.engageCounts("s1", ["2026-12-03", "2026-12-02", "2026-12-01"])).toEqual([
      { day: "2026-12-03", trigger: "pricing00001", shown: 0, opened: 1, dismissed: 0 },
      { day: "2026-12-01", trigger: "pricing00001", shown: 1, opened: 0, dismissed: 0 },
    ]);
    expect(await store.engageCounts("s1", [])).toEqual([]);
    expect(await store.engageCounts("nobody", ["2026-12-01"])).toEqual([]);
  });

  it("counts made at once all add up", async () => {
    await Promise.all(
      Array.from({ length: 50 }, () => store.countEngageEvent("s1", "2026-12-05", "pricing00001", "shown")),
    );
    expect(await store.engageCounts("s1", ["2026-12-05"])).toEqual([
      { day: "2026-12-05", trigger: "pricing00001", shown: 50, opened: 0, dismissed: 0 },
    ]);
  });

  it("what a caller does with the counts it read changes nothing stored", async () => {
    await store.countEngageEvent("s1", "2026-12-05", "pricing00001", "shown");
    const [read] = await store.engageCounts("s1", ["2026-12-05"]);
    if (read) read.shown = 1000;
    expect((await store.engageCounts("s1", ["2026-12-05"]))[0]?.shown).toBe(1);
  });
});
