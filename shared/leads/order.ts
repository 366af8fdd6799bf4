// The leads table's order for every sort but creation, as text both stores keep in a sorted set per sort (issue 20)
// and sortLeads compares: one rule, so a page read through the index is the page sortLeads would cut (SPEC O1-O4).
// Pure. A row's place in a sort is its "member": the sort key, then its creation time and id, so that a walk of
// the set from any member (a cursor) is exact.
import type { SalesStatus, Tier } from "../protocol/index.ts";
import { salesStatuses } from "../protocol/index.ts";
import type { Contact } from "./contact.ts";

export const indexedSorts = ["score", "tier", "status", "owner", "source", "name", "email", "company"] as const;
export type IndexedSort = (typeof indexedSorts)[number];

// What a row sorts by, as written (its tier and score without read-time decay: O4).
export interface SortFacts {
  score: number;
  tier: Tier;
  salesStatus: SalesStatus;
  ownerName?: string;
  source: string;
  contact: Contact;
}

const tierRank: Record<Tier, number> = { cold: 0, warm: 1, hot: 2 };
// O2: longer text ties beyond its first 64 characters, and a run of digits is read by its first 40.
const maxKey = 64;
const maxDigits = 40;

// O2: text as it sorts: accents folded, lower case, each run of other characters than letters and digits one "!"
// (it sorts before digits and letters), each run of digits its length then its digits (so "9" comes before "10"),
// characters outside the Basic Multilingual Plane left out (so code-unit order is UTF-8 byte order, as Redis
// compares). Undefined for an empty cell.
export function textKey(text: string | undefined): string | undefined {
  if (text === undefined || text === "") return undefined;
  // Every write of a conversation asks again for the same few names and emails: the folding (Unicode
  // normalisation and five passes) is done once per text, for the last few thousand texts.
  const known = keys.get(text);
  if (known !== undefined) return known || undefined;
  const key = foldedKey(text);
  if (keys.size >= maxKnownKeys) keys.clear();
  keys.set(text, key ?? "");
  return key;
}

const keys = new Map<string, string>();
const maxKnownKeys = 5000;

function foldedKey(text: string): string | undefined {
  const folded = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\u{10000}-\u{10ffff}]|\p{Cs}/gu, "");
  const key = folded
    .replace(/[^\p{L}\p{N}]+/gu, "!")
    .replace(/^!+|!+$/g, "")
    .replace(/[0-9]+/g, (run) => {
      const digits = run.replace(/^0+/, "").slice(0, maxDigits);
      return String.fromCharCode(48 + digits.length) + digits;
    })
    .slice(0, maxKey);
  return key === "" ? undefined : key;
}

// O1: a number as fixed-width digits, thousandths kept, so text order is numeric order.
function numberKey(n: number): string {
  const bound = 1e14;
  const v = Math.max(-bound, Math.min(bound, Math.round((Number.isFinite(n) ? n : 0) * 1000))) + bound;
  return String(v).padStart(15, "0");
}

export function sortKey(f: SortFacts, sort: IndexedSort): string | undefined {
  switch (sort) {
    case "score":
      return numberKey(f.score);
    case "tier":
      return String(tierRank[f.tier]);
    // Sales order, from new to won and lost, rather than the labels' alphabet.
    case "status":
      return String(salesStatuses.indexOf(f.salesStatus)).padStart(2, "0");
    case "owner":
      return textKey(f.ownerName);
    case "source":
      return textKey(f.source);
    default:
      return textKey(f.contact[sort]);
  }
}

// Creation times up to 13 digits (the year 2286), counted down, so the newest comes first among equal keys.
const latest = 9_999_999_999_999;
// Ids ([A-Za-z0-9_-]) mapped onto the same range in reverse (c -> 167 - c), closed by "~", which is above them
// all: ascending members put equal times' ids in descending order, as the creation order does.
// (A loop of char codes: members are made for every sort on every write, and a turn's profile showed the array
// of one-character strings at 2% of it.)
function flip(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(167 - text.charCodeAt(i));
  return out;
}

// O3: "a" and the key for a cell with a value, "b" for an empty one; " "; the tie. A key holds no " ".
export function sortMember(key: string | undefined, createdAt: number, id: string): string {
  return memberWithTie(key, sortTie(createdAt, id));
}

// A row's tie is the same in every sort: made once per row (server/store/lead-terms.ts).
export function sortTie(createdAt: number, id: string): string {
  const at = String(latest - Math.max(0, Math.min(latest, Math.floor(createdAt)))).padStart(13, "0");
  return `${at}${flip(id)}~`;
}
export const memberWithTie = (key: string | undefined, tie: string) => `${key === undefined ? "b" : `a${key}`} ${tie}`;

// The id and creation time a member names.
export function memberRow(member: string): { id: string; createdAt: number } {
  const tie = member.slice(member.indexOf(" ") + 1);
  return { id: flip(tie.slice(13, -1)), createdAt: latest - Number(tie.slice(0, 13)) };
}

// Well-formed members only (a cursor comes from outside).
export function isMember(text: string): boolean {
  return /^(a[^ ]{1,64}|b) \d{13}[\x2d-\x7a]{1,64}~$/.test(text);
}

// O3: ascending, members in code-unit order. Descending, keys in reverse with ties still newest first, and empty
// cells last either way.
export function compareMembers(a: string, b: string, dir: "asc" | "desc"): number {
  const plain = a < b ? -1 : a > b ? 1 : 0;
  if (dir === "asc" || a[0] !== b[0]) return plain;
  const ka = a.slice(0, a.indexOf(" "));
  const kb = b.slice(0, b.indexOf(" "));
  return ka === kb ? plain : ka < kb ? 1 : -1;
}
