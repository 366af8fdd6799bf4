// The visitor's unacknowledged sends as stored under banter:SITE_KEY:outbox: a JSON list of `{ clientId, label, req,
// at }`. Tabs of one site share it (widget/transport/outbox-store.ts keeps their items apart).
import { Limits, type VisitorSend } from "../../shared/protocol/index.ts";
import { fresh, isRecord, localOutbox, type OutboxStore, parseJson } from "../transport/outbox-store.ts";

export interface SavedSend {
  clientId: string;
  // What the pending bubble shows: the text, or the label of the quick reply chosen.
  label: string;
  req: VisitorSend;
  // When it was written (absent in items stored before it was kept: those are not aged).
  at?: number;
}

// A bound on what a page can be made to hold and resend; far more than anyone types while offline.
export const maxSaved = 50;

export function outboxStore(siteKey: string): OutboxStore<SavedSend> {
  return localOutbox(`banter:${siteKey}:outbox`, {
    parse: parseSaved,
    serialize: (items) => JSON.stringify(items.slice(0, maxSaved)),
  });
}

// Well-formed items only, each clientId once, and never a throw.
export function parseSaved(raw: string | null): SavedSend[] {
  const data = parseJson(raw);
  if (!Array.isArray(data)) return [];
  const seen = new Set<string>();
  const out: SavedSend[] = [];
  const now = Date.now();
  for (const item of data) {
    const s = savedSend(item, now);
    if (s && !seen.has(s.clientId) && out.length < maxSaved) {
      seen.add(s.clientId);
      out.push(s);
    }
  }
  return out;
}

const clientIdPattern = /^[A-Za-z0-9_-]+$/;

function savedSend(item: unknown, now: number): SavedSend | null {
  if (!isRecord(item) || !isRecord(item.req)) return null;
  const { clientId, label } = item;
  const { text, choice } = item.req;
  const at = typeof item.at === "number" && Number.isFinite(item.at) ? item.at : undefined;
  if (at !== undefined && !fresh(at, now)) return null;
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
