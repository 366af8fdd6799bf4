// The teasers' counts (shared/funnel/SPEC.md F24): how often each proactive message was shown, opened and
// dismissed, per site, trigger and UTC day. Kept RETENTION_DAYS from a day's last count, like the conversations
// they are compared with.
import type { TriggerCount } from "../../../shared/funnel/index.ts";
import type { EngageEvent } from "../../../shared/protocol/engage.ts";

export type EngageEventKind = EngageEvent["event"];

export interface EngageCount extends TriggerCount {
  // YYYY-MM-DD, UTC.
  day: string;
}

export interface EngageStore {
  // One more `event` for the trigger on `day` (YYYY-MM-DD, UTC). Atomic: counts from many processes add up.
  countEngageEvent(siteKey: string, day: string, trigger: string, event: EngageEventKind): Promise<void>;
  // The counts of these days: one entry per day and trigger counted that day, days in the order given, triggers
  // by id.
  engageCounts(siteKey: string, days: readonly string[]): Promise<EngageCount[]>;
}
