// FU1-FU8: which follow-ups one conversation write opens and closes, read from the conversation before and after
// it. Pure: the server applies the answer (server/followups/), and only the writer that won sees the pair.
import type { FollowUpKind, Tier } from "../protocol/index.ts";
import { readCallbackTime } from "./callback-time.ts";

// The fields of a conversation these rules read (the server's Conversation has them all).
export interface FollowUpSubject {
  id: string;
  status: "bot" | "queued" | "live" | "closed";
  acceptedAt?: number;
  missedHandoff?: boolean;
  callback?: { phone?: string; when?: string };
  outcome?: string;
  timeZone?: string;
  engine: { qualification: { tier: Tier } };
  sales?: { ownerId?: string };
}

export interface FollowUpSettings {
  targetMinutes: number;
  checkInDays: number;
}

export const defaultFollowUpSettings: FollowUpSettings = { targetMinutes: 60, checkInDays: 3 };

export interface Opening {
  kind: FollowUpKind;
  dueAt: number;
}

export interface FollowUpChanges {
  open: Opening[];
  // Kinds of this conversation's open items to close as done by "system"; "all" for every one (FU6).
  close: FollowUpKind[] | "all";
  // FU13: the lead's owner changed: its open items are the new owner's (null: nobody's).
  owner?: string | null;
}

const day = 24 * 3600_000;

// FU8: one id per conversation and need.
export const followUpIdOf = (conversationId: string, kind: FollowUpKind) => `fu_${conversationId}_${kind}`;

export function followUpsOf(
  before: FollowUpSubject,
  after: FollowUpSubject,
  now: number,
  settings: FollowUpSettings = defaultFollowUpSettings,
): FollowUpChanges {
  const target = now + settings.targetMinutes * 60_000;
  const ownerId = after.sales?.ownerId;
  const owner = before.sales?.ownerId !== ownerId ? { owner: ownerId ?? null } : {};
  // FU6: a rep took the chat; everything owed to this lead is being done now.
  if (before.status !== "live" && after.status === "live") return { open: [], close: "all", ...owner };
  const open: Opening[] = [];
  const close: FollowUpKind[] = [];
  const calledBack = Boolean(after.callback?.phone);
  if (!before.callback?.phone && calledBack) {
    open.push({ kind: "callback", dueAt: readCallbackTime(after.callback?.when, now, after.timeZone) ?? target });
    // FU7
    if (before.missedHandoff) close.push("missed-handoff");
  }
  if (!before.missedHandoff && after.missedHandoff && !calledBack) open.push({ kind: "missed-handoff", dueAt: target });
  const covered = calledBack || Boolean(after.missedHandoff);
  const closed = before.status !== "closed" && after.status === "closed";
  const tier = after.engine.qualification.tier;
  if (closed && !covered && tier === "hot" && !after.acceptedAt) open.push({ kind: "hot-uncontacted", dueAt: target });
  const settled = after.outcome === "meeting-booked" || after.outcome === "not-a-fit";
  if (closed && !covered && tier === "warm" && !settled) {
    open.push({ kind: "check-in", dueAt: now + settings.checkInDays * day });
  }
  return { open, close, ...owner };
}

// FU9: where an open item stands for a rep whose day ends at `endOfDay`.
export type DueGroup = "overdue" | "today" | "upcoming";

export const dueTimeOf = (item: { dueAt: number; snoozedUntil?: number }) => item.snoozedUntil ?? item.dueAt;

export function dueGroupOf(item: { dueAt: number; snoozedUntil?: number }, now: number, endOfDay: number): DueGroup {
  const at = dueTimeOf(item);
  if (at <= now) return "overdue";
  return at < endOfDay ? "today" : "upcoming";
}
