// The funnel as the console reads it (GET /api/funnel): stages, drop-off by question, time to accept, outcomes and
// sources. shared/funnel/ computes it (rules in its SPEC.md); these are only its shapes on the wire.
import type { Outcome } from "./conversation.ts";
import type { Tier } from "./qualification.ts";

export type StageId = "opened" | "answered" | "completed" | "mql" | "sql" | "offered" | "accepted" | "outcome";

export interface FunnelStage {
  id: StageId;
  label: string;
  count: number;
}

export interface QuestionDropOff {
  id: string;
  label: string;
  prompt: string;
  reached: number;
  answered: number;
  dropOff: number;
}

export interface TimeToAccept {
  median: number;
  p90: number;
  count: number;
}

export interface Funnel {
  stages: FunnelStage[];
  // Handoffs offered to leads that skipped an earlier stage (asked for a person, hot without the SQL criteria).
  handoffsOutsideFunnel: number;
  questions: QuestionDropOff[];
  timeToAccept: TimeToAccept | null;
  outcomes: { outcome: Outcome; count: number }[];
  missedHandoffs: number;
}

// Speed to lead (shared/funnel/SPEC.md F15-F16) for one group of leads: `asked`, the leads that asked for a
// person and are decided; `within`, those who got one within the target; `share` = within / asked (null: none).
export interface SpeedFigures {
  asked: number;
  within: number;
  share: number | null;
  median: number | null;
  p90: number | null;
}

// The figures of one rep or one source.
export interface SpeedRow extends SpeedFigures {
  key: string;
  label: string;
}

export interface SpeedToLead {
  targetMs: number;
  all: SpeedRow;
  byRep: SpeedRow[];
  bySource: SpeedRow[];
}

// Follow-ups done on time (shared/funnel/SPEC.md F17-F18) for one group: `due`, the follow-ups with a target that
// are decided; `onTime`, those done by their due time; `share` = onTime / due (null: none).
export interface OnTimeRow {
  key: string;
  label: string;
  due: number;
  onTime: number;
  share: number | null;
}

export interface FollowUpsOnTime {
  all: OnTimeRow;
  byRep: OnTimeRow[];
  bySource: OnTimeRow[];
  // Set when the range had more conversations than the follow-ups are read for (SPEC.md F33): the figures are of
  // its newest `limitedTo` conversations.
  limitedTo?: number;
}

// Satisfaction (shared/funnel/SPEC.md F22-F23) for one group: `rated`, the chats visitors rated; `average`, their
// mean score (1-5); `satisfied`, those rated 4 or 5, and `share` = satisfied / rated (null: none rated).
export interface SatisfactionRow {
  key: string;
  label: string;
  rated: number;
  average: number | null;
  satisfied: number;
  share: number | null;
}

export interface Satisfaction {
  all: SatisfactionRow;
  byRep: SatisfactionRow[];
}

export interface SourceRow {
  // sourceLabel(): the UTM source, else the referrer's host, else "direct".
  source: string;
  leads: number;
  // MQL or SQL (F4's test).
  qualified: number;
  hot: number;
  // Accepted by a rep (F7's test).
  accepted: number;
}

// A proactive message's figures over the range (shared/funnel/SPEC.md F24-F25): its teaser's counts, and the
// conversations it started.
export interface TriggerRow {
  // The trigger's id (engage.ts Trigger.id).
  id: string;
  // The owner's name for it; absent when the site deleted it since (the console shows the id, "(deleted)").
  name?: string;
  shown: number;
  opened: number;
  dismissed: number;
  // opened / shown (null: never shown).
  openedRate: number | null;
  conversations: number;
  // MQL or SQL (F4's test), of its conversations.
  qualified: number;
  // qualified / conversations (null: none).
  qualifiedRate: number | null;
}

// One day of the range (shared/funnel/SPEC.md F19-F21): the leads created that day by tier, and the speed to lead
// of those of them that asked for a person.
export interface FunnelDay {
  // YYYY-MM-DD, a UTC day as the range's (F12).
  day: string;
  leads: Record<Tier, number>;
  speed: SpeedFigures;
}

// GET /api/funnel: one site's funnel over whole UTC days (shared/funnel/SPEC.md), and the sites to choose from.
export interface FunnelReport {
  site: { key: string; name: string };
  sites: { key: string; name: string }[];
  from: string;
  to: string;
  // The source label the funnel is filtered to (shared/leads/source.ts sourceLabel); absent: every source.
  source?: string;
  funnel: Funnel;
  // Always true: the times (time to accept, speed to lead's median and p90) are read from fixed buckets, each the
  // upper bound of its bucket: to the second below an hour, the minute below a day, the hour beyond (SPEC.md F29).
  timesFromBuckets: true;
  // Every source seen in the range, whatever the filter, with what it brought (SPEC.md F13).
  bySource: SourceRow[];
  // Of the range's leads, filtered by source like the funnel (SPEC.md F15-F16).
  speedToLead: SpeedToLead;
  // Of the range's conversations, filtered by source like the funnel (SPEC.md F17-F18).
  followUpsOnTime: FollowUpsOnTime;
  // Of the range's conversations, filtered by source like the funnel (SPEC.md F22-F23).
  satisfaction: Satisfaction;
  // Every proactive message of the site, and any deleted one with figures in the range; not filtered by source
  // (SPEC.md F24-F25).
  triggers: TriggerRow[];
  // Every day of the range, first to last, days without leads included; filtered by source like the funnel
  // (SPEC.md F19-F21).
  daily: FunnelDay[];
}
