// The owner's leads table: which leads a filter selects, in which order, and one page of them. Pure, so the
// server's JSON list and CSV export select exactly the same leads.

import type { LeadCard, Outcome, Stage, Tier } from "../protocol/index.ts";
import { sourceLabel } from "./source.ts";

export const leadSorts = ["created", "score", "tier", "email"] as const;
export type LeadSort = (typeof leadSorts)[number];
export type SortDir = "asc" | "desc";

export const maxPageSize = 100;
export const defaultPageSize = 25;

export interface LeadFilter {
  site?: string;
  tier?: Tier;
  stage?: Stage;
  outcome?: Outcome;
  // A source label (sourceLabel: "google", "linkedin.com", "direct"), lower case.
  source?: string;
  // Created at or after `from`, and before `to` (epoch ms).
  from?: number;
  to?: number;
}

export interface LeadQuery extends LeadFilter {
  sort: LeadSort;
  dir: SortDir;
  page: number;
  pageSize: number;
}

export interface LeadPage<T extends LeadCard = LeadCard> {
  leads: T[];
  total: number;
  page: number;
  pageSize: number;
}

const tierRank: Record<Tier, number> = { cold: 0, warm: 1, hot: 2 };

export function filterLeads<T extends LeadCard>(leads: readonly T[], f: LeadFilter): T[] {
  return leads.filter(
    (l) =>
      (f.site === undefined || l.siteKey === f.site) &&
      (f.tier === undefined || l.qualification.tier === f.tier) &&
      (f.stage === undefined || l.qualification.stage === f.stage) &&
      (f.outcome === undefined || l.outcome === f.outcome) &&
      (f.source === undefined || sourceLabel(l.source) === f.source) &&
      (f.from === undefined || l.createdAt >= f.from) &&
      (f.to === undefined || l.createdAt < f.to),
  );
}

function compare(a: LeadCard, b: LeadCard, sort: LeadSort): number {
  switch (sort) {
    case "created":
      return a.createdAt - b.createdAt;
    case "score":
      return a.qualification.score - b.qualification.score;
    case "tier":
      return tierRank[a.qualification.tier] - tierRank[b.qualification.tier];
    case "email":
      return (a.email ?? "").localeCompare(b.email ?? "");
  }
}

// Stable: leads that compare equal keep the order they came in (newest first from the store), either direction.
// Leads without an email come last whichever way emails are sorted: an empty cell is not a name to look for.
export function sortLeads<T extends LeadCard>(leads: readonly T[], sort: LeadSort, dir: SortDir): T[] {
  const sign = dir === "asc" ? 1 : -1;
  return leads
    .map((lead, i) => ({ lead, i }))
    .sort((x, y) => {
      if (sort === "email" && !x.lead.email !== !y.lead.email) return x.lead.email ? -1 : 1;
      return sign * compare(x.lead, y.lead, sort) || x.i - y.i;
    })
    .map((x) => x.lead);
}

// Filters, sorts and cuts one page. A page past the end is empty (with the true total), not an error.
export function queryLeads<T extends LeadCard>(leads: readonly T[], q: LeadQuery): LeadPage<T> {
  const pageSize = Math.min(Math.max(1, Math.floor(q.pageSize)), maxPageSize);
  const page = Math.max(1, Math.floor(q.page));
  const selected = sortLeads(filterLeads(leads, q), q.sort, q.dir);
  const start = (page - 1) * pageSize;
  return { leads: selected.slice(start, start + pageSize), total: selected.length, page, pageSize };
}

// Cursor paging for integrations, in creation order only (the order that does not change as leads are scored or
// closed): a cursor names the last lead of a page, "<createdAt>.<conversationId>", and the next page starts after
// it, so leads created meanwhile never shift or repeat a page. Leads created at the same ms go by id.
export function leadCursor(lead: LeadCard): string {
  return `${lead.createdAt}.${lead.conversationId}`;
}

export function parseLeadCursor(cursor: string): { createdAt: number; id: string } | null {
  const m = /^(\d{1,16})\.([A-Za-z0-9_-]{1,64})$/.exec(cursor);
  return m ? { createdAt: Number(m[1]), id: m[2] as string } : null;
}

export function leadsAfter<T extends LeadCard>(
  leads: readonly T[],
  q: LeadFilter & { dir: SortDir },
  cursor: { createdAt: number; id: string } | null,
  limit: number,
): { leads: T[]; total: number; next?: string } {
  const sign = q.dir === "asc" ? 1 : -1;
  const order = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) =>
    sign * (a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const selected = filterLeads(leads, q).sort((a, b) =>
    order({ createdAt: a.createdAt, id: a.conversationId }, { createdAt: b.createdAt, id: b.conversationId }),
  );
  const start = cursor
    ? selected.filter((l) => order({ createdAt: l.createdAt, id: l.conversationId }, cursor) > 0)
    : selected;
  const page = start.slice(0, limit);
  const last = page.at(-1);
  return start.length > limit && last
    ? { leads: page, total: selected.length, next: leadCursor(last) }
    : { leads: page, total: selected.length };
}
