// The inbox's pure parts: newest activity first, keyset paging that holds still while new conversations arrive,
// counts per view, and the short preview of the latest message.
import type { ConversationStatus, InboxView } from "../protocol/index.ts";

export interface Listed {
  id: string;
  status: ConversationStatus;
  updatedAt: number;
}

export const inboxViews: readonly InboxView[] = ["bot", "queued", "live", "closed"];

// Newest activity first; the id breaks ties, so the order (and so a cursor) is total.
export function byActivity(a: Listed, b: Listed): number {
  return b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

// A cursor names the last row of a page: "<updatedAt>.<id>". Opaque to clients.
export function cursorOf(row: Listed): string {
  return `${row.updatedAt}.${row.id}`;
}

export function parseCursor(cursor: string): { updatedAt: number; id: string } | null {
  const m = /^(\d{1,16})\.(.+)$/.exec(cursor);
  return m ? { updatedAt: Number(m[1]), id: m[2] as string } : null;
}

// One page of `rows` (already in byActivity order) after the cursor's row. Rows that change between pages may
// move past the cursor: a refresh shows them, paging never repeats one.
export function pageAfter<T extends Listed>(
  rows: readonly T[],
  cursor: { updatedAt: number; id: string } | null,
  limit: number,
): { page: T[]; next?: string } {
  const start = cursor ? rows.filter((r) => byActivity(r, { ...cursor, status: r.status }) > 0) : rows;
  const page = start.slice(0, limit);
  const last = page.at(-1);
  return start.length > limit && last ? { page, next: cursorOf(last) } : { page };
}

export function countByView(rows: readonly Listed[]): Record<InboxView, number> {
  const counts: Record<InboxView, number> = { bot: 0, queued: 0, live: 0, closed: 0 };
  for (const r of rows) counts[r.status]++;
  return counts;
}

// One line of at most `max` characters, cut at a word where one is near.
export function previewText(text: string, max = 80): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
