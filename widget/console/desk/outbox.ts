// The rep's unacknowledged sends as stored under banter:console:outbox: `{ v: 1, conversations: { id: entries } }`.
// Each entry names its rep, so a colleague who logs in on the same browser does not send someone else's words.
// Delivery, retries and storage across tabs are widget/transport/ (outbox.ts, outbox-store.ts).
import { Limits } from "../../../shared/protocol/index.ts";
import { fresh, isRecord, localOutbox, parseJson } from "../../transport/outbox-store.ts";

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

export const repOutbox = localOutbox<OutboxEntry>(key, {
  parse: (raw) => parseOutbox(raw),
  serialize(entries) {
    const all = new Map<string, OutboxEntry[]>();
    for (const e of entries) all.set(e.conversationId, [...(all.get(e.conversationId) ?? []), e]);
    // The conversations with the newest entries win when over the bound.
    const kept = [...all]
      .map(([id, list]): [string, OutboxEntry[]] => [id, list.slice(-maxPerConversation)])
      .sort(([, a], [, b]) => newest(b) - newest(a))
      .slice(0, maxConversations);
    return JSON.stringify({ v: 1, conversations: Object.fromEntries(kept) });
  },
});

// This rep's entries, oldest first.
export function loadOutbox(repId: string): OutboxEntry[] {
  return repOutbox
    .load()
    .filter((e) => e.repId === repId)
    .sort((a, b) => a.at - b.at);
}

// Log out forgets unsent words: on a shared computer they must not stay behind in storage.
export function clearOutbox(): void {
  try {
    localStorage.removeItem(key);
  } catch {}
}

function newest(list: OutboxEntry[]): number {
  return Math.max(0, ...list.map((e) => e.at));
}

// Well-formed entries within the bounds, each clientId once per conversation, and never a throw.
export function parseOutbox(raw: string | null, now = Date.now()): OutboxEntry[] {
  const data = parseJson(raw);
  const out: OutboxEntry[] = [];
  if (!isRecord(data) || data.v !== 1 || !isRecord(data.conversations)) return out;
  for (const [conversationId, list] of Object.entries(data.conversations).slice(0, maxConversations)) {
    if (!idPattern.test(conversationId) || !Array.isArray(list)) continue;
    const seen = new Set<string>();
    for (const item of list.slice(-maxPerConversation)) {
      const e = entryOf(item, conversationId, now);
      if (e && !seen.has(e.clientId)) {
        seen.add(e.clientId);
        out.push(e);
      }
    }
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
  if (typeof at !== "number" || !fresh(at, now)) return undefined;
  return { repId, conversationId, clientId, text, at };
}
