import type { TriggerCount } from "../../../shared/funnel/index.ts";
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
    async engageTotals(siteKey, days) {
      const byTrigger = new Map<string, TriggerCount>();
      for (const day of days) {
        for (const c of engageDays.get(`${siteKey}|${day}`)?.values() ?? []) {
          const t = setOf(byTrigger, c.trigger, () => ({ trigger: c.trigger, shown: 0, opened: 0, dismissed: 0 }));
          t.shown += c.shown;
          t.opened += c.opened;
          t.dismissed += c.dismissed;
        }
      }
      return [...byTrigger.values()].sort((a, b) => (a.trigger < b.trigger ? -1 : 1));
    },
  };
}
