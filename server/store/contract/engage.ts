// The teasers' counts (shared/funnel/SPEC.md F24): how often each proactive message was shown, opened and
// dismissed, per site, trigger and UTC day. Kept RETENTION_DAYS from a day's last count, like the conversations
// they are compared with.
import type { TriggerCount } from "../../../shared/funnel/index.ts";
import type { EngageEvent } from "../../../shared/protocol/engage.ts";

export type EngageEventKind = EngageEvent["event"];

// One trigger's counts on one day, as the embedded store keeps them.
export interface EngageCount extends TriggerCount {
  // YYYY-MM-DD, UTC.
  day: string;
}

export interface EngageStore {
  // One more `event` for the trigger on `day` (YYYY-MM-DD, UTC). Atomic: counts from many processes add up.
  countEngageEvent(siteKey: string, day: string, trigger: string, event: EngageEventKind): Promise<void>;
  // The counts of these days summed per trigger, triggers by id (a report needs no more: F24). One round trip for a
  // year's days.
  engageTotals(siteKey: string, days: readonly string[]): Promise<TriggerCount[]>;
}
