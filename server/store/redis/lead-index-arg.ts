// The leads index's entry for a conversation as the write scripts take it (lib-lead-index.lua leadIndex.put).

import type { Conversation } from "../contract/conversations.ts";
import { leadPersonKey, leadSortKey, leadTermKey } from "../keys.ts";
import { indexedPerson, indexedRow } from "../lead-terms.ts";
import type { RedisContext } from "./context.ts";

// As lib-lead-index.lua's reg hash keeps it: person suffix or "", term suffixes, createdAt, sort suffix -> member.
interface Entry {
  p: string;
  t: string[];
  at: number;
  s: Record<string, string>;
}

// Conversation id -> its entry as this process last stored it, the least recently written dropped first.
export type LeadWritten = Map<string, { e: string; entry: Entry }>;
const writtenKept = 10_000;

// `P` the site's index prefix, `e` the entry (JSON text, stored as given). With `written`, when this process stored
// the conversation's entry last and its person is the same, also `o`, that entry's text, and `m`, what moved since:
// the script moves only that while the stored entry is still `o` and the conversation still its person's row, and
// files the entry whole otherwise. Most of a bot turn moves a term or two and the score's sort member; the
// script's decoding and comparing of both entries was a fifth of its time.
export function leadIndexArg(k: RedisContext["k"], c: Conversation, written?: LeadWritten): string {
  const person = indexedPerson(c);
  const row = indexedRow(c);
  const entry: Entry = {
    p: person ? leadPersonKey(person) : "",
    t: row.terms.map(leadTermKey),
    at: c.createdAt,
    s: Object.fromEntries(Object.entries(row.sorts).map(([sort, member]) => [leadSortKey(sort), member])),
  };
  const e = JSON.stringify(entry);
  const before = written?.get(c.id);
  if (written) {
    written.delete(c.id);
    written.set(c.id, { e, entry });
    if (written.size > writtenKept) written.delete(written.keys().next().value as string);
  }
  const same = before && before.entry.p === entry.p;
  return JSON.stringify({ P: k.leadIndex(c.siteKey), e, ...(same && { o: before.e, m: moved(before.entry, entry) }) });
}

// p, at: the entry's person and time; a: terms added, r: terms gone, s: [sort suffix, old member or "", new member] for each member that changed, n:
// [pair field, +1 or -1] for the pair counts (lib-lead-index.lua pairsOf).
function moved(old: Entry, now: Entry) {
  const was = new Set(old.t);
  const is = new Set(now.t);
  const pairsBefore = pairsOf(old.t);
  const pairsNow = pairsOf(now.t);
  return {
    p: now.p,
    at: now.at,
    a: now.t.filter((t) => !was.has(t)),
    r: old.t.filter((t) => !is.has(t)),
    s: Object.entries(now.s)
      .filter(([set, member]) => old.s[set] !== member)
      .map(([set, member]) => [set, old.s[set] ?? "", member]),
    n: [
      ...[...pairsBefore].filter((f) => !pairsNow.has(f)).map((f) => [f, -1]),
      ...[...pairsNow].filter((f) => !pairsBefore.has(f)).map((f) => [f, 1]),
    ],
  };
}

// lib-lead-index.lua's pairsOf (lib-lead-pairs.lua's facet and field): "<lesser>|<greater>" for each pair of the
// facet terms (not t:all, t:decays or a search key), in byte order: code point order, which `<` follows but for
// characters past the surrogates.
function pairsOf(terms: string[]): Set<string> {
  const facets = terms.filter((t) => t !== "t:all" && t !== "t:decays" && !t.startsWith("t:q:"));
  const out = new Set<string>();
  for (let i = 0; i < facets.length; i++) {
    for (let j = i + 1; j < facets.length; j++) {
      const [a, b] = [facets[i] as string, facets[j] as string];
      out.add(byteLess(b, a) ? `${b}|${a}` : `${a}|${b}`);
    }
  }
  return out;
}

const surrogate = /[\uD800-\uDFFF]/;
const byteLess = (a: string, b: string) =>
  surrogate.test(a) || surrogate.test(b) ? Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0 : a < b;
