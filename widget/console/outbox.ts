// The rep's sends the server has not acknowledged, kept in localStorage so a reload (or a crash) does not lose
// them. Stored per conversation; each entry names its rep, so a colleague who logs in on the same browser does
// not send someone else's words. Every change re-reads storage first: another console tab may have written since.
import { Limits } from "../../shared/protocol/index.ts";

export interface OutboxEntry {
  repId: string;
  conversationId: string;
  clientId: string;
  text: string;
  at: number;
}

const key = "banter:console:outbox";

// Bounds on what a page can be made to hold and resend: far more than a rep types while offline.
export const maxPerConversation = 20;
export const maxConversations = 20;
// Older words are stale: resending them into a live chat a day later would confuse the visitor.
export const maxAgeMs = 24 * 3600_000;

type Stored = Record<string, OutboxEntry[]>;

export function loadOutbox(repId: string, now = Date.now()): OutboxEntry[] {
  return Object.values(read(now))
    .flat()
    .filter((e) => e.repId === repId)
    .sort((a, b) => a.at - b.at);
}

export function addToOutbox(entry: OutboxEntry, now = Date.now()): void {
  const all = read(now);
  const list = (all[entry.conversationId] ?? []).filter((e) => e.clientId !== entry.clientId);
  all[entry.conversationId] = [...list, entry].slice(-maxPerConversation);
  write(all);
}

export function removeFromOutbox(conversationId: string, clientIds: Iterable<string>, now = Date.now()): void {
  const drop = new Set(clientIds);
  const all = read(now);
  const list = all[conversationId];
  if (!list?.some((e) => drop.has(e.clientId))) return;
  all[conversationId] = list.filter((e) => !drop.has(e.clientId));
  write(all);
}

// Log out forgets unsent words: on a shared computer they must not stay behind in storage.
export function clearOutbox(): void {
  try {
    localStorage.removeItem(key);
  } catch {}
}

function read(now: number): Stored {
  try {
    return parseOutbox(localStorage.getItem(key), now);
  } catch {
    return Object.create(null);
  }
}

function write(all: Stored): void {
  // The conversations with the newest entries win when over the bound.
  const kept = Object.entries(all)
    .filter(([, list]) => list.length > 0)
    .sort(([, a], [, b]) => newest(b) - newest(a))
    .slice(0, maxConversations);
  try {
    if (kept.length) localStorage.setItem(key, JSON.stringify({ v: 1, conversations: Object.fromEntries(kept) }));
    else localStorage.removeItem(key);
  } catch {
    // Full or unavailable storage: the send still goes out from memory, it just would not survive a reload.
  }
}

function newest(list: OutboxEntry[]): number {
  return Math.max(0, ...list.map((e) => e.at));
}

// Anything could be in storage (an older version, another script, a hand edit): keep only well-formed entries
// within the bounds, and never throw.
export function parseOutbox(raw: string | null, now = Date.now()): Stored {
  let data: unknown;
  try {
    data = raw ? JSON.parse(raw) : undefined;
  } catch {
    data = undefined;
  }
  // No prototype: a stored key such as "__proto__" stays a plain key.
  const out: Stored = Object.create(null);
  if (!isRecord(data) || data.v !== 1 || !isRecord(data.conversations)) return out;
  for (const [conversationId, list] of Object.entries(data.conversations).slice(0, maxConversations)) {
    if (!idPattern.test(conversationId) || !Array.isArray(list)) continue;
    const seen = new Set<string>();
    const entries: OutboxEntry[] = [];
    for (const item of list.slice(-maxPerConversation)) {
      const e = entryOf(item, conversationId, now);
      if (e && !seen.has(e.clientId)) {
        seen.add(e.clientId);
        entries.push(e);
      }
    }
    if (entries.length) out[conversationId] = entries;
  }
  return out;
}

// The shapes the server accepts (server/transport/schemas.ts): anything else would only be refused.
const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

function entryOf(item: unknown, conversationId: string, now: number): OutboxEntry | undefined {
  if (!isRecord(item)) return undefined;
  const { repId, clientId, text, at } = item;
  if (typeof repId !== "string" || repId.length === 0 || repId.length > 128) return undefined;
  if (typeof clientId !== "string" || clientId.length > Limits.clientId || !idPattern.test(clientId)) return undefined;
  if (typeof text !== "string" || text.trim().length === 0 || text.length > Limits.messageText) return undefined;
  if (typeof at !== "number" || !Number.isFinite(at) || at > now + 60_000 || now - at > maxAgeMs) return undefined;
  return { repId, conversationId, clientId, text, at };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
