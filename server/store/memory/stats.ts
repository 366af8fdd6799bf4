import { nextAverage } from "../../../shared/routing/index.ts";
import type { StatsStore } from "../contract/stats.ts";
import type { MemoryState } from "./state.ts";

export function memoryStats({ acceptAverage }: MemoryState): StatsStore {
  return {
    async recordAccept(siteKey, waitedMs) {
      acceptAverage.set(siteKey, nextAverage(acceptAverage.get(siteKey) ?? null, waitedMs));
    },
    async averageAccept(siteKey) {
      const v = acceptAverage.get(siteKey);
      return v === undefined ? null : Math.round(v);
    },
  };
}
