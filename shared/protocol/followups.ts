// Follow-ups (what a rep owes a lead after the chat) and the lead's owner and sales status, as stored and as
// the console reads them (docs/follow-ups.md). Times are epoch milliseconds.
import type { Tier } from "./qualification.ts";

export const followUpKinds = ["callback", "missed-handoff", "hot-uncontacted", "check-in"] as const;
export type FollowUpKind = (typeof followUpKinds)[number];

// One thing to do about one conversation. `id` is derived from the conversation and the kind, so a retried or
// doubled write never opens the same need twice. `snoozedUntil` moves it out of the due list until then.
export interface FollowUp {
  id: string;
  siteKey: string;
  conversationId: string;
  kind: FollowUpKind;
  dueAt: number;
  ownerId?: string;
  state: "open" | "done";
  snoozedUntil?: number;
  doneAt?: number;
  // A user id, or "system" when the lead's chat went live and closed it (FU6).
  doneBy?: string;
  // When it was found still open past its due time, the site's follow-up target (FU14).
  breachedAt?: number;
  createdAt: number;
  rev: number;
}

// An open item with what a rep needs to act on it: who the lead is, how to reach them, and for a callback the
// visitor's own words and time zone.
export interface FollowUpView {
  item: FollowUp;
  siteName: string;
  ownerName?: string;
  lead: { name?: string; email?: string; phone?: string; company?: string; tier: Tier };
  // What the visitor said about when to call ("tomorrow at 10"), and their IANA time zone.
  askedWhen?: string;
  timeZone?: string;
}

export interface FollowUpList {
  followUps: FollowUpView[];
}

// Where sales has a lead. An MQL becomes an SQL when sales accepts it ("sql"); "rejected" and "lost" carry a
// reason.
export const salesStatuses = ["new", "working", "sql", "rejected", "won", "lost"] as const;
export type SalesStatus = (typeof salesStatuses)[number];
export const statusesWithReason: readonly SalesStatus[] = ["rejected", "lost"];

export interface SalesChange {
  status: SalesStatus;
  at: number;
  // The user id of whoever changed it.
  by: string;
  reason?: string;
}

export interface Sales {
  ownerId?: string;
  ownerName?: string;
  status: SalesStatus;
  reason?: string;
  history: SalesChange[];
  // The person's earlier conversation this one's owner and status were carried from (shared/leads/SPEC.md, P6):
  // carrying is no status change, so it sends no lead.status_changed webhook.
  carriedFrom?: string;
}
