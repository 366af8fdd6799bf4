export type { SourcedConversation } from "./by-source.ts";
export { bySource, ofSource } from "./by-source.ts";
export {
  applyIncrements,
  bucketWidth,
  type CountedConversation,
  type Counters,
  chartFields,
  contributions,
  counterDay,
  counterExpiries,
  counterExpiry,
  counterHashes,
  hashContributions,
  increments,
  monthOf,
  waitBucket,
} from "./contributions.ts";
export { daily } from "./daily.ts";
export { followUpsOnTime, type SourcedFollowUp } from "./follow-ups.ts";
export {
  type CounterReport,
  type CounterReportInput,
  chartDays,
  rangeHashes,
  reportFromCounters,
} from "./from-counters.ts";
export type { FunnelConversation } from "./funnel.ts";
export { funnel, nearestRank } from "./funnel.ts";
export { addDays, dayRange, daysApart, daysOf, isoDay, parseDay } from "./range.ts";
export { type RatedConversation, satisfaction, satisfactionRow } from "./satisfaction.ts";
export { type SpeedConversation, speedToLead } from "./speed.ts";
export { byTrigger, type TriggerCount, type TriggeredConversation } from "./triggers.ts";
