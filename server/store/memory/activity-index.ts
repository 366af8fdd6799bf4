// The memory store's activity index (the inbox, issue 20): lua/lib-activity-index.lua's rules on maps, called
// synchronously inside the conversation's write so nothing comes between them. Sets are named by their terms.
import { byActivity } from "../../../shared/leads/inbox.ts";
import type { ActivityPosition, ActivityQuery, Conversation } from "../contract/conversations.ts";
import { indexedActivity } from "../lead-terms.ts";

export interface ActivityEntry {
  t: string[];
  at: number;
}

export interface ActivityIndex {
  reg: Map<string, ActivityEntry>;
  sets: Map<string, Map<string, number>>;
}

// Where the state keeps every site's index (memory/state.ts): maps by site, so the embedded store (persist.ts)
// writes only the entries a write moved, as for the leads index.
export interface ActivityIndexMaps {
  activityEntries: Map<string, Map<string, ActivityEntry>>;
  activitySets: Map<string, Map<string, Map<string, number>>>;
}

// The site's index, its maps made and kept in the state when `make` (a write), else empty ones (a read).
export function activityIndexOf(s: ActivityIndexMaps, siteKey: string, make = false): ActivityIndex {
  const of = <V>(maps: Map<string, Map<string, V>>): Map<string, V> => {
    const found = maps.get(siteKey);
    if (found || !make) return found ?? new Map<string, V>();
    const made = new Map<string, V>();
    maps.set(siteKey, made);
    return made;
  };
  return { reg: of(s.activityEntries), sets: of(s.activitySets) };
}

function remove(ix: ActivityIndex, id: string, terms: string[]) {
  for (const t of terms) {
    const set = ix.sets.get(t);
    set?.delete(id);
    if (set?.size === 0) ix.sets.delete(t);
  }
}

// Files the conversation as written: every term at its updatedAt (a write moves its time), the ones it left off.
export function writeActivityIndex(ix: ActivityIndex, c: Conversation) {
  const terms = indexedActivity(c);
  const old = ix.reg.get(c.id);
  ix.reg.set(c.id, { t: terms, at: c.updatedAt });
  if (old) {
    remove(
      ix,
      c.id,
      old.t.filter((t) => !terms.includes(t)),
    );
  }
  for (const t of terms) {
    if (old?.at === c.updatedAt && old.t.includes(t)) continue;
    // A set stored already changes in place: setting it again would make the embedded store write it whole.
    const set = ix.sets.get(t);
    if (set) set.set(c.id, c.updatedAt);
    else ix.sets.set(t, new Map([[c.id, c.updatedAt]]));
  }
}

export function dropActivityIndex(ix: ActivityIndex | undefined, id: string) {
  const old = ix?.reg.get(id);
  if (!ix || !old) return;
  ix.reg.delete(id);
  remove(ix, id, old.t);
}

// The positions filed under every term, newest activity first (byActivity: equal times by id descending, as Redis
// orders them), after `after` (all of them: the caller cuts the page).
export function selectActivity(
  ix: ActivityIndex | undefined,
  q: Omit<ActivityQuery, "siteKey" | "limit">,
): ActivityPosition[] {
  if (!ix) return [];
  const sets = q.terms.map((t) => ix.sets.get(t) ?? new Map<string, number>());
  const [drive, ...others] = [...sets].sort((a, b) => a.size - b.size);
  const { after } = q;
  return [...(drive ?? [])]
    .map(([id, updatedAt]) => ({ id, updatedAt }))
    .filter((p) => (!after || byActivity(after, p) < 0) && others.every((s) => s.has(p.id)))
    .sort(byActivity);
}

export function countActivity(ix: ActivityIndex | undefined, terms: string[]): number {
  if (!ix) return 0;
  const sets = terms.map((t) => ix.sets.get(t) ?? new Map<string, number>());
  const [drive, ...others] = [...sets].sort((a, b) => a.size - b.size);
  let n = 0;
  for (const id of drive?.keys() ?? []) if (others.every((s) => s.has(id))) n++;
  return n;
}
