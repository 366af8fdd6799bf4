// The leads index's terms (issue 20): what a lead row is filed under, so the leads table, its API and the exports
// read one filtered page without reading the site. Pure: the stores compute a conversation's terms with
// rowTerms() in the same write that stores it, and the readers turn a LeadFilter into terms with filterTerms().
import type { Contact } from "./contact.ts";
import type { LeadFilter } from "./query.ts";
import { unassigned } from "./query.ts";
import { queryKeys, searchKeys } from "./search.ts";

// What a lead is filed under, as stored (no read-time decay: see `decays`).
export interface RowFacts {
  tier: string;
  stage: string;
  salesStatus: string;
  ownerId?: string;
  source: string;
  outcome?: string;
  missed: boolean;
  // True when the tier may read lower later (inactivity decay, S11): such rows are re-checked when read.
  decays: boolean;
  contact: Contact;
}

export const allTerm = "all";
export const decaysTerm = "decays";
export const searchTerm = (key: string) => `q:${key}`;

// Every term a row is filed under: `all`, each filter's value, and its search keys.
export function rowTerms(f: RowFacts): string[] {
  const terms = [
    allTerm,
    `tier:${f.tier}`,
    `stage:${f.stage}`,
    `status:${f.salesStatus}`,
    `owner:${f.ownerId ?? unassigned}`,
    `source:${f.source}`,
    ...(f.outcome ? [`outcome:${f.outcome}`] : []),
    ...(f.missed ? ["missed"] : []),
    ...(f.decays ? [decaysTerm] : []),
    ...searchKeys(f.contact).map(searchTerm),
  ];
  return [...new Set(terms)];
}

// The terms a filter's rows are all filed under (their intersection is the selection, dates aside: those are the
// score range). `exactTier`: false when some rows may decay, so tier and stage are left to the re-check.
export function filterTerms(f: LeadFilter, exactTier = true): string[] {
  const terms = [allTerm];
  if (exactTier && f.tier) terms.push(`tier:${f.tier}`);
  if (exactTier && f.stage) terms.push(`stage:${f.stage}`);
  if (f.status) terms.push(`status:${f.status}`);
  if (f.owner) terms.push(`owner:${f.owner}`);
  if (f.source) terms.push(`source:${f.source}`);
  if (f.outcome) terms.push(`outcome:${f.outcome}`);
  if (f.missed) terms.push("missed");
  if (f.q) terms.push(...queryKeys(f.q).map(searchTerm));
  return terms;
}
