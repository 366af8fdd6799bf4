// Sends the server has not acknowledged yet, kept in localStorage so a reload (or a crash) does not lose them. They
// are sent again after the next join: the server deduplicates by clientId, so a send that did arrive is not stored
// twice. Tabs of one site share the key, so each tab rewrites only its own items and keeps the others'.
import { Limits, type VisitorSend } from "../../shared/protocol/index.ts";

export interface SavedSend {
  clientId: string;
  // What the pending bubble shows: the text, or the label of the quick reply chosen.
  label: string;
  req: VisitorSend;
  // When it was written: a send older than a day is not sent after all (the conversation has moved on).
  at?: number;
}

export const maxAgeMs = 24 * 3600_000;

export interface OutboxStore {
  load(): SavedSend[];
  // Stores `mine` (this tab's unacknowledged sends, in order) and drops every other id this tab has handled.
  save(mine: SavedSend[], handled: ReadonlySet<string>): void;
}

// A bound on what a page can be made to hold and resend; far more than anyone types while offline.
export const maxSaved = 50;

export function outboxStore(siteKey: string): OutboxStore {
  const key = `banter:${siteKey}:outbox`;
  return {
    load: () => parseSaved(read(key)),
    save(mine, handled) {
      const others = parseSaved(read(key)).filter((s) => !handled.has(s.clientId));
      const all = [...others, ...mine].slice(0, maxSaved);
      try {
        if (all.length) localStorage.setItem(key, JSON.stringify(all));
        else localStorage.removeItem(key);
      } catch {}
    },
  };
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

// Anything could be in storage (an older version, another script, a hand edit): keep only well-formed items and
// never throw.
export function parseSaved(raw: string | null): SavedSend[] {
  let data: unknown;
  try {
    data = raw ? JSON.parse(raw) : [];
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const seen = new Set<string>();
  const out: SavedSend[] = [];
  for (const item of data) {
    const s = savedSend(item);
    if (s && !seen.has(s.clientId) && out.length < maxSaved) {
      seen.add(s.clientId);
      out.push(s);
    }
  }
  return out;
}

const clientIdPattern = /^[A-Za-z0-9_-]+$/;

function savedSend(item: unknown): SavedSend | null {
  if (!isRecord(item) || !isRecord(item.req)) return null;
  const { clientId, label } = item;
  const { text, choice } = item.req;
  const at = typeof item.at === "number" && Number.isFinite(item.at) ? item.at : undefined;
  if (at !== undefined && Date.now() - at > maxAgeMs) return null;
  const when = at === undefined ? {} : { at };
  if (typeof clientId !== "string" || clientId.length > Limits.clientId || !clientIdPattern.test(clientId)) return null;
  if (typeof label !== "string" || label.length > Limits.messageText || item.req.clientId !== clientId) return null;
  if (typeof text === "string" && choice === undefined && text.length > 0 && text.length <= Limits.messageText) {
    return { clientId, label, req: { clientId, text }, ...when };
  }
  if (typeof choice === "string" && text === undefined && choice.length > 0) {
    return { clientId, label, req: { clientId, choice }, ...when };
  }
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
