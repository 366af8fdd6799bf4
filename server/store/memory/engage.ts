import type { EngageCount, EngageStore } from "../contract/engage.ts";
import { type MemoryState, setOf } from "./state.ts";

// Nothing outlives the process here, so retention has nothing to expire.
export function memoryEngage({ engageDays }: MemoryState): EngageStore {
  return {
    async countEngageEvent(siteKey, day, trigger, event) {
      const counts = setOf(engageDays, `${siteKey}|${day}`, () => new Map<string, EngageCount>());
      const c = setOf(counts, trigger, () => ({ day, trigger, shown: 0, opened: 0, dismissed: 0 }));
      c[event]++;
    },
    async engageCounts(siteKey, days) {
      return days.flatMap((day) =>
        [...(engageDays.get(`${siteKey}|${day}`)?.values() ?? [])]
          .sort((a, b) => (a.trigger < b.trigger ? -1 : 1))
          .map((c) => ({ ...c })),
      );
    },
  };
}
