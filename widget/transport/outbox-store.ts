// Sends the server has not acknowledged yet, kept in localStorage so a reload (or a crash) does not lose them; they
// are sent again after the next join, and the server deduplicates by clientId, so a send that did arrive is stored
// once. Tabs share a key: every change re-reads storage first and touches only its own item, so another tab's sends
// stay (and a key cleared at logout is not written back by a late answer). Where storage is unavailable (some
// sandboxed iframes, privacy modes) sends still go out from memory; they just do not survive a reload.
import { clockSkewMs, outboxMaxAgeMs } from "../../shared/protocol/index.ts";

export interface OutboxStore<T> {
  // Every well-formed item stored, oldest first.
  load(): T[];
  // Stores `item` last, in place of any item with its clientId.
  put(item: T): void;
  drop(clientIds: ReadonlySet<string>): void;
}

// What is stored under the key: `parse` keeps only well-formed items within its bounds and never throws (anything
// could be in storage: an older version, another script, a hand edit); `serialize` applies the same bounds.
export interface OutboxFormat<T> {
  parse(raw: string | null): T[];
  serialize(items: T[]): string;
}

export function localOutbox<T extends { clientId: string }>(key: string, format: OutboxFormat<T>): OutboxStore<T> {
  const load = (): T[] => {
    try {
      return format.parse(localStorage.getItem(key));
    } catch {
      return [];
    }
  };
  const write = (items: T[]) => {
    try {
      if (items.length) localStorage.setItem(key, format.serialize(items));
      else localStorage.removeItem(key);
    } catch {}
  };
  return {
    load,
    put: (item) => write([...load().filter((s) => s.clientId !== item.clientId), item]),
    drop(clientIds) {
      const all = load();
      if (all.some((s) => clientIds.has(s.clientId))) write(all.filter((s) => !clientIds.has(s.clientId)));
    },
  };
}

// Whether a stored send is still worth sending: not older than a day, and not from the future (it would never age).
export function fresh(at: number, now: number): boolean {
  return Number.isFinite(at) && at <= now + clockSkewMs && now - at <= outboxMaxAgeMs;
}

// JSON from storage, or undefined when it is not JSON.
export function parseJson(raw: string | null): unknown {
  try {
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
