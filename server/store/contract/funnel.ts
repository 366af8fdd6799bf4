// The funnel's counters per site and UTC day, with each month's rollup and chart (shared/funnel/SPEC.md F26-F34):
// moved by every conversation write in the same atomic step (conversations.ts), taken back when a visitor is erased
// (privacy.ts), and expiring RETENTION_DAYS after their last day. The report reads months and days, not
// conversations.
import type { Counters } from "../../../shared/funnel/index.ts";
import type { FollowUp, LeadSource, UnansweredQuestion } from "../../../shared/protocol/index.ts";

export interface FunnelCountersStore {
  // The counter hashes of these names (shared/funnel/contributions.ts counterHashes: a UTC day "YYYY-MM-DD", a month's
  // rollup "YYYY-MM", a month's chart "chart:YYYY-MM"), in the order given; one without any reads as {}. One round
  // trip however many.
  funnelCounters(siteKey: string, names: readonly string[]): Promise<Counters[]>;
  // The sum of the hashes named in `plus` less those in `minus` (F28, F34: a range's months and edge days), fields
  // that sum to zero left out. Redis keeps copies of the hashes it read, each with its version, and re-reads only
  // those that moved since (F36): a year's report reads the month in progress, not every month.
  funnelSums(siteKey: string, plus: readonly string[], minus: readonly string[]): Promise<Counters>;
  // Counts the site's conversations that no write has counted yet (stored before counters existed), and adds to the
  // rollups those counted on their day only (before rollups existed), once: the site is marked done in the store,
  // and a conversation counted meanwhile by a write is never counted twice (F32, F34).
  // Returns how many it counted.
  backfillFunnelCounters(siteKey: string): Promise<number>;
  // shared/leads/SPEC.md Q1: the site's unanswered questions as counted by its conversations' writes, every question
  // of every month kept at `now` (ms), unsorted: per question, how many conversations asked it and their latest
  // asking's words and time. Kept by the same writes, erasure and backfill as the funnel's counters.
  askedQuestions(siteKey: string, now: number): Promise<UnansweredQuestion[]>;
  // F33: the follow-ups of the site's newest `limit` conversations created in [start, end) (ms), newest first, each
  // with its conversation's source; `limited` when there were `limit` of them (the range may hold more). Only the
  // conversations that have follow-ups are read, so a report pays for the items, not for 1,000 documents.
  funnelFollowUps(
    siteKey: string,
    start: number,
    end: number,
    limit: number,
  ): Promise<{ items: { item: FollowUp; source?: LeadSource }[]; limited: boolean }>;
}
