// The leads index's terms (issue 20): what a lead row is filed under, so the leads table, its API and the exports
// read one filtered page without reading the site. Pure: the stores compute a conversation's terms with
// rowTerms() in the same write that stores it, and the readers turn a LeadFilter into terms with filterTerms().
import type { Contact } from "./contact.ts";
import type { LeadFilter } from "./query.ts";
import { unassigned } from "./query.ts";

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

// Search (the `q` filter): a query matches a lead when every word of it starts a word of the lead's name, email
// or company ("ana", "acme", "acme.io", "ana lop" find "Ana Lopez <ana@acme.io>"), or, 3 digits or more, is part
// of its phone's digits. Words are runs of letters and digits, lower case; the index holds every prefix of each
// word up to `maxPrefix` characters (a longer query word is looked up by its first `maxPrefix`, then re-checked).
export const maxPrefix = 24;
const maxPhoneDigits = 15;

export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

// Every search key a contact is found by.
export function searchKeys(contact: Contact): string[] {
  const keys = new Set<string>();
  for (const value of [contact.name, contact.email, contact.company]) {
    for (const word of searchWords(value ?? "")) {
      for (let n = 1; n <= Math.min(word.length, maxPrefix); n++) keys.add(word.slice(0, n));
    }
  }
  // Every run of 3 or more of the phone's digits, so "555 0100" and "5550100" both find "+1 (555) 555-0100".
  const digits = (contact.phone ?? "").replace(/\D/g, "").slice(-maxPhoneDigits);
  for (let i = 0; i + 3 <= digits.length; i++) {
    for (let j = i + 3; j <= digits.length; j++) keys.add(digits.slice(i, j));
  }
  return [...keys].sort();
}

// The search keys a query looks up (each must match): its words, a digits-only word cut to the phone's length.
export function queryKeys(q: string): string[] {
  return [...new Set(searchWords(q).map((w) => w.slice(0, /^\d+$/.test(w) ? maxPhoneDigits : maxPrefix)))];
}

// The same rule on a lead's contact, for the re-check at read.
export function matchesSearch(contact: Contact, q: string): boolean {
  const words = new Set(searchWords([contact.name, contact.email, contact.company].join(" ")));
  const digits = (contact.phone ?? "").replace(/\D/g, "");
  return searchWords(q).every(
    (w) => [...words].some((x) => x.startsWith(w)) || (/^\d{3,}$/.test(w) && digits.includes(w)),
  );
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
