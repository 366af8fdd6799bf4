// The inbox's words: the views as a sales team names them, and who a lead is when nothing is known yet.
import type { ConversationStatus, InboxView } from "../../../../shared/protocol/index.ts";
import { duration } from "../../common/use-now.ts";

export const viewLabel: Record<InboxView, string> = {
  bot: "With the bot",
  queued: "Waiting for a rep",
  live: "Live",
  closed: "Closed",
};

export const statusLabel: Record<ConversationStatus, string> = {
  bot: "With the bot",
  queued: "Waiting for a rep",
  live: "Live",
  closed: "Closed",
};

// A name or email the host page claimed without the site's signature is marked, so nobody takes it as proven.
export function whoLabel(contact: { name?: string; email?: string; unverified?: boolean }): string {
  const who = contact.name ?? contact.email;
  if (!who) return "Anonymous visitor";
  return contact.unverified ? `${who} (unverified)` : who;
}

export function ago(at: number, now: number): string {
  return `${duration(at, now)} ago`;
}

export function isView(value: string | null): value is InboxView {
  return value === "bot" || value === "queued" || value === "live" || value === "closed";
}
