export type { SourcedConversation, SourceRow } from "./by-source.ts";
export { bySource, ofSource } from "./by-source.ts";
export type { Funnel, FunnelConversation, FunnelStage, QuestionDropOff, StageId, TimeToAccept } from "./funnel.ts";
export { funnel, nearestRank } from "./funnel.ts";
export { addDays, dayRange, isoDay, parseDay } from "./range.ts";
