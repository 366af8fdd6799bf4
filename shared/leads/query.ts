// The owner's leads table: which leads a filter selects, in which order, and one page of them. Pure, so the
// server's JSON list and CSV export select exactly the same leads.
import type { LeadCard, Outcome } from "../protocol/model.ts";
import type { Stage, Tier } from "../scoring/types.ts";
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

export interface LeadPage {
  leads: LeadCard[];
  total: number;
  page: number;
  pageSize: number;
}

const tierRank: Record<Tier, number> = { cold: 0, warm: 1, hot: 2 };

export function filterLeads(leads: readonly LeadCard[], f: LeadFilter): LeadCard[] {
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
export function sortLeads(leads: readonly LeadCard[], sort: LeadSort, dir: SortDir): LeadCard[] {
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
export function queryLeads(leads: readonly LeadCard[], q: LeadQuery): LeadPage {
  const pageSize = Math.min(Math.max(1, Math.floor(q.pageSize)), maxPageSize);
  const page = Math.max(1, Math.floor(q.page));
  const selected = sortLeads(filterLeads(leads, q), q.sort, q.dir);
  const start = (page - 1) * pageSize;
  return { leads: selected.slice(start, start + pageSize), total: selected.length, page, pageSize };
}
