// The inbox's pure parts: newest activity first, the cursor of keyset paging that holds still while new
// conversations arrive, the terms of its activity index, and the short preview of the latest message.
import type { ConversationStatus, InboxView } from "../protocol/index.ts";
import type { Contact } from "./contact.ts";
import { queryKeys, searchKeys } from "./search.ts";

// A conversation's place in the list.
export interface Listed {
  id: string;
  updatedAt: number;
}

export const inboxViews: readonly InboxView[] = ["bot", "queued", "live", "closed"];

// Newest activity first; the id breaks ties (descending, as Redis orders equal scores), so the order (and so a
// cursor) is total. Rows that change between pages move past the cursor: a refresh shows them, paging never
// repeats one.
export function byActivity(a: Listed, b: Listed): number {
  return b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

// A cursor names the last row of a page: "<updatedAt>.<id>". Opaque to clients.
export function cursorOf(row: Listed): string {
  return `${row.updatedAt}.${row.id}`;
}

export function parseCursor(cursor: string): Listed | null {
  const m = /^(\d{1,16})\.(.+)$/.exec(cursor);
  return m ? { updatedAt: Number(m[1]), id: m[2] as string } : null;
}

// The inbox's activity index (issue 20): every conversation of a site (not only a person's newest, as the leads
// index files), scored by updatedAt, filed under `all`, its view, and per view the search keys of its contact
// (search.ts, the leads table's rule). Search keys are filed per view so a view's count for a search is one set's
// size (or the intersection of the query words' sets), and a view's page of a search reads one view's sets.
export const viewTerm = (view: InboxView) => `view:${view}`;
const viewSearchTerm = (view: InboxView, key: string) => `q:${view}:${key}`;

export function activityTerms(status: ConversationStatus, contact: Contact): string[] {
  return ["all", viewTerm(status), ...searchKeys(contact).map((key) => viewSearchTerm(status, key))];
}

// The terms a view's conversations matching `q` are all filed under (their intersection is the selection).
export function viewTerms(view: InboxView, q: string): string[] {
  const keys = queryKeys(q);
  return keys.length > 0 ? keys.map((key) => viewSearchTerm(view, key)) : [viewTerm(view)];
}

// What a list reads: the union of these selections, each an intersection of terms. A view alone, or every view
// without a search, is one set; a search over every view is one selection per view (a conversation is in one).
export function activitySelections(view: InboxView | undefined, q: string): string[][] {
  if (view) return [viewTerms(view, q)];
  return queryKeys(q).length > 0 ? inboxViews.map((v) => viewTerms(v, q)) : [["all"]];
}

// One line of at most `max` characters, cut at a word where one is near.
export function previewText(text: string, max = 80): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
