// Which sources bring qualified leads (rules F13-F14 in SPEC.md): the conversations of a range grouped by their
// source label, and the funnel filtered to one source. Pure: the server passes the conversations.
import { sourceLabel } from "../leads/source.ts";
import type { LeadSource, SourceRow } from "../protocol/index.ts";
import type { FunnelConversation } from "./funnel.ts";

export type SourcedConversation = FunnelConversation & { source?: LeadSource };

// F13: one row per source seen, each conversation counted on its own (not narrowed as the stages are, F9): most
// leads first, then by name, so the table reads the same on every reload.
export function bySource(conversations: readonly SourcedConversation[]): SourceRow[] {
  const rows = new Map<string, SourceRow>();
  for (const c of conversations) {
    const source = sourceLabel(c.source);
    const row = rows.get(source) ?? { source, leads: 0, qualified: 0, hot: 0, accepted: 0 };
    const q = c.engine.qualification;
    row.leads++;
    if (q.stage === "mql" || q.stage === "sql") row.qualified++;
    if (q.tier === "hot") row.hot++;
    if (c.acceptedAt !== undefined || c.repId !== undefined) row.accepted++;
    rows.set(source, row);
  }
  return [...rows.values()].sort((a, b) => b.leads - a.leads || a.source.localeCompare(b.source));
}

// F14: the conversations of one source label (compared as sourceLabel writes it: lower case).
export function ofSource<T extends SourcedConversation>(conversations: readonly T[], source: string): T[] {
  const wanted = source.trim().toLowerCase();
  return conversations.filter((c) => sourceLabel(c.source) === wanted);
}
