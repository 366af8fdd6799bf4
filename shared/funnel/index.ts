export type { SourcedConversation } from "./by-source.ts";
export { bySource, ofSource } from "./by-source.ts";
export {
  applyIncrements,
  bucketWidth,
  type CountedConversation,
  type CounterReport,
  type CounterReportInput,
  type Counters,
  chartDays,
  chartFields,
  contributions,
  counterDay,
  counterExpiries,
  counterExpiry,
  counterHashes,
  hashContributions,
  increments,
  monthOf,
  rangeHashes,
  reportFromCounters,
  waitBucket,
} from "./counters.ts";
export { daily } from "./daily.ts";
export { followUpsOnTime, type SourcedFollowUp } from "./follow-ups.ts";
export type { FunnelConversation } from "./funnel.ts";
export { funnel, nearestRank } from "./funnel.ts";
export { addDays, dayRange, isoDay, parseDay } from "./range.ts";
export { type RatedConversation, satisfaction } from "./satisfaction.ts";
export { type SpeedConversation, speedToLead } from "./speed.ts";
export { byTrigger, type TriggerCount, type TriggeredConversation } from "./triggers.ts";
