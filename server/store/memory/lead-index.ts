// The memory store's leads index (issue 20): lua/lib-lead-index.lua's rules on maps, called synchronously inside
// the conversation's write so nothing comes between them. Sets are named as in Redis: "t:<term>" and "p:<person>".

import { compareMembers } from "../../../shared/leads/order.ts";
import type {
  Conversation,
  ConversationPosition,
  LeadRowsQuery,
  SortedLeadRowsQuery,
} from "../contract/conversations.ts";
import { indexedPerson, indexedRow } from "../lead-terms.ts";

export interface LeadEntry {
  p: string;
  t: string[];
  at: number;
  // The row's member in each sort (shared/leads/order.ts); absent in an entry stored before the sorts (the
  // backfill writes it again). Redis keeps a set per sort; here a sorted page orders the filter's rows by these.
  s?: Record<string, string>;
}

export interface LeadIndex {
  reg: Map<string, LeadEntry>;
  heads: Map<string, string>;
  sets: Map<string, Map<string, number>>;
}

// Where the state keeps every site's index (memory/state.ts): three maps by site rather than one record per site,
// so that the embedded store (persist.ts, which tracks Maps by key but writes any other value whole) writes only the
// entries a conversation's write moved, not the site's whole index.
export interface LeadIndexMaps {
  leadEntries: Map<string, Map<string, LeadEntry>>;
  leadHeads: Map<string, Map<string, string>>;
  leadSets: Map<string, Map<string, Map<string, number>>>;
}

// The site's index, its maps made and kept in the state when `make` (a write), else empty ones (a read).
export function leadIndexOf(s: LeadIndexMaps, siteKey: string, make = false): LeadIndex {
  const of = <V>(maps: Map<string, Map<string, V>>): Map<string, V> => {
    const found = maps.get(siteKey);
    if (found || !make) return found ?? new Map<string, V>();
    const made = new Map<string, V>();
    maps.set(siteKey, made);
    return made;
  };
  return { reg: of(s.leadEntries), heads: of(s.leadHeads), sets: of(s.leadSets) };
}

// Newest first by (createdAt, id), equal times by id descending in code-unit order, as Redis orders them.
const newestFirst = (a: [string, number], b: [string, number]) =>
  b[1] - a[1] || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0);

function add(ix: LeadIndex, id: string, at: number, terms: string[]) {
  for (const t of terms) {
    // A set stored already changes in place: setting it again would make the embedded store write it whole.
    const set = ix.sets.get(t);
    if (set) set.set(id, at);
    else ix.sets.set(t, new Map([[id, at]]));
  }
}

function remove(ix: LeadIndex, id: string, terms: string[]) {
  for (const t of terms) {
    const set = ix.sets.get(t);
    set?.delete(id);
    if (set?.size === 0) ix.sets.delete(t);
  }
}

function reindex(ix: LeadIndex, p: string) {
  const newest = [...(ix.sets.get(p) ?? new Map<string, number>())].sort(newestFirst)[0]?.[0];
  const current = ix.heads.get(p);
  if (current === newest) return;
  if (current) remove(ix, current, ix.reg.get(current)?.t ?? []);
  if (newest) {
    const e = ix.reg.get(newest);
    if (e) add(ix, newest, e.at, e.t);
    ix.heads.set(p, newest);
  } else ix.heads.delete(p);
}

export function writeLeadIndex(ix: LeadIndex, c: Conversation) {
  const person = indexedPerson(c);
  const p = person ? `p:${person}` : "";
  const row = indexedRow(c);
  const terms = row.terms.map((t) => `t:${t}`);
  const old = ix.reg.get(c.id);
  ix.reg.set(c.id, { p, t: terms, at: c.createdAt, s: row.sorts });
  // The common write: the same person, and the row it was. Only the terms that changed move.
  if (old && old.p === p && (p === "" || ix.heads.get(p) === c.id)) {
    remove(
      ix,
      c.id,
      old.t.filter((t) => !terms.includes(t)),
    );
    add(
      ix,
      c.id,
      c.createdAt,
      terms.filter((t) => !old.t.includes(t)),
    );
    return;
  }
  if (old && old.p === "") remove(ix, c.id, old.t);
  if (old && old.p !== "") {
    if (ix.heads.get(old.p) === c.id) {
      remove(ix, c.id, old.t);
      ix.heads.delete(old.p);
    }
    if (old.p !== p) remove(ix, c.id, [old.p]);
    reindex(ix, old.p);
  }
  if (p === "") add(ix, c.id, c.createdAt, terms);
  else {
    add(ix, c.id, c.createdAt, [p]);
    reindex(ix, p);
  }
}

export function dropLeadIndex(ix: LeadIndex | undefined, id: string) {
  const old = ix?.reg.get(id);
  if (!ix || !old) return;
  ix.reg.delete(id);
  remove(ix, id, old.t);
  if (old.p !== "") {
    remove(ix, id, [old.p]);
    if (ix.heads.get(old.p) === id) ix.heads.delete(old.p);
    reindex(ix, old.p);
  }
}

// The ids of the rows a query selects, newest first (or the reverse), after `after` (all of them: the store cuts
// the page).
export function selectLeadRows(ix: LeadIndex | undefined, q: Omit<LeadRowsQuery, "siteKey" | "limit">): string[] {
  if (!ix) return [];
  const sets = q.terms.map((t) => ix.sets.get(`t:${t}`) ?? new Map<string, number>());
  const [drive, ...others] = [...sets].sort((a, b) => a.size - b.size);
  const sign = q.dir === "asc" ? -1 : 1;
  const past = (id: string, at: number, after: ConversationPosition) =>
    sign * newestFirst([after.id, after.createdAt], [id, at]) < 0;
  return [...(drive ?? [])]
    .filter(
      ([id, at]) =>
        (q.from === undefined || at >= q.from) &&
        (q.to === undefined || at < q.to) &&
        (!q.after || past(id, at, q.after)) &&
        others.every((s) => s.has(id)),
    )
    .sort((a, b) => sign * newestFirst(a, b))
    .map(([id]) => id);
}

// The rows a query selects in a sort's order after the member `after`, with their members (all of them).
export function sortLeadRows(
  ix: LeadIndex | undefined,
  q: Omit<SortedLeadRowsQuery, "siteKey" | "limit">,
): { id: string; at: string }[] {
  const { sort, dir, after, ...filter } = q;
  return selectLeadRows(ix, filter)
    .flatMap((id) => {
      const at = ix?.reg.get(id)?.s?.[sort];
      return at && (after === undefined || compareMembers(after, at, dir) < 0) ? [{ id, at }] : [];
    })
    .sort((a, b) => compareMembers(a.at, b.at, dir));
}

export function personConversationIds(ix: LeadIndex | undefined, personKey: string): string[] {
  return [...(ix?.sets.get(`p:${personKey}`) ?? new Map<string, number>())].sort(newestFirst).map(([id]) => id);
}
