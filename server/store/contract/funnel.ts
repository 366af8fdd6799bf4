// The funnel's counters per site and UTC day (shared/funnel/SPEC.md F26-F32): moved by every conversation write in
// the same atomic step (conversations.ts), taken back when a visitor is erased (privacy.ts), and expiring
// RETENTION_DAYS after their day. The report reads days, not conversations.
import type { Counters } from "../../../shared/funnel/index.ts";

export interface FunnelCountersStore {
  // The counters of these days (YYYY-MM-DD, UTC), in the order given; a day without any reads as {}. One round
  // trip however many days.
  funnelCounters(siteKey: string, days: readonly string[]): Promise<Counters[]>;
  // Counts the site's conversations that no write has counted yet (stored before counters existed), once: the
  // site is marked done in the store, and a conversation counted meanwhile by a write is never counted twice (F32).
  // Returns how many it counted.
  backfillFunnelCounters(siteKey: string): Promise<number>;
}
