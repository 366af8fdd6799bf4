// The owner's leads table: which leads a filter selects, in which order, and one page of them. Pure, so the
// server's JSON list and CSV export select exactly the same leads.

import type { LeadCard, Outcome, SalesStatus, Stage, Tier } from "../protocol/index.ts";
import { leadContact } from "./contact.ts";
import { compareMembers, type SortFacts, sortKey, sortMember } from "./order.ts";
import { matchesSearch } from "./search.ts";
import { sourceLabel } from "./source.ts";

export const leadSorts = ["created", "score", "tier", "email", "name", "company", "owner", "status", "source"] as const;
export type LeadSort = (typeof leadSorts)[number];
export type SortDir = "asc" | "desc";

// The owner filter's value for leads nobody owns (user ids are random, never this word).
export const unassigned = "unassigned";

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
  // Where sales has the lead (a lead nobody changed is "new"), and who owns it: a user id, or `unassigned`.
  status?: SalesStatus;
  owner?: string;
  // Only missed handoffs: leads that waited for a rep nobody took (lifecycle L10; the card's `missedHandoff`).
  missed?: boolean;
  // Words that begin words of the name, email or company, or part of the phone's digits (search.ts, matchesSearch).
  q?: string;
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

export function filterLeads<T extends LeadCard>(leads: readonly T[], f: LeadFilter): T[] {
  return leads.filter(
    (l) =>
      (f.site === undefined || l.siteKey === f.site) &&
      (f.tier === undefined || l.qualification.tier === f.tier) &&
      (f.stage === undefined || l.qualification.stage === f.stage) &&
      (f.outcome === undefined || l.outcome === f.outcome) &&
      (f.source === undefined || sourceLabel(l.source) === f.source) &&
      (f.from === undefined || l.createdAt >= f.from) &&
      (f.to === undefined || l.createdAt < f.to) &&
      (f.status === undefined || (l.sales?.status ?? "new") === f.status) &&
      (f.owner === undefined || (l.sales?.ownerId ?? unassigned) === f.owner) &&
      (!f.missed || l.missedHandoff === true) &&
      (f.q === undefined || matchesSearch(leadContact(l), f.q)),
  );
}

// What a lead card sorts by (order.ts): its cells as read.
export function cardSortFacts(l: LeadCard): SortFacts {
  return {
    score: l.qualification.score,
    tier: l.qualification.tier,
    salesStatus: l.sales?.status ?? "new",
    ...(l.sales?.ownerName ? { ownerName: l.sales.ownerName } : {}),
    source: sourceLabel(l.source),
    contact: leadContact(l),
  };
}

// Newest first by (createdAt, id), or the reverse; ids in code-unit order, as the stores order them.
function byCreation(a: LeadCard, b: LeadCard, dir: SortDir): number {
  const newer = b.createdAt - a.createdAt || (a.conversationId < b.conversationId ? 1 : -1);
  return dir === "desc" ? newer : -newer;
}

// The leads table's order (shared/leads/SPEC.md O1-O4), the one the leads index keeps: by the column's key, ties
// newest first whichever the direction; empty cells (no name, no owner) last whichever way their column is
// sorted: blank is not a name to look for. By creation, oldest first is the exact reverse of newest first.
export function sortLeads<T extends LeadCard>(leads: readonly T[], sort: LeadSort, dir: SortDir): T[] {
  if (sort === "created") return [...leads].sort((a, b) => byCreation(a, b, dir));
  const member = (l: T) => sortMember(sortKey(cardSortFacts(l), sort), l.createdAt, l.conversationId);
  return leads
    .map((lead) => ({ lead, at: member(lead) }))
    .sort((x, y) => compareMembers(x.at, y.at, dir))
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
