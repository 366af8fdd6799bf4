// FU15: the daily digest's content for one user: per site they serve, yesterday's leads and the follow-ups still
// open now. Pure: the server reads the conversations and items and passes `now`; the email is
// server/email/templates.ts.
import type { FollowUpKind, Stage, Tier } from "../protocol/index.ts";
import { dueGroupOf, dueTimeOf } from "./open.ts";

const day = 24 * 3600_000;
// Enough to act on from the email; the Follow-ups page has the rest.
export const digestTopOverdue = 3;

// What the digest reads of a stored conversation.
export interface DigestConversation {
  createdAt: number;
  engine: { qualification: { tier: Tier; stage: Stage } };
  missedHandoff?: boolean;
  acceptedAt?: number;
  repId?: string;
}

// An open follow-up with the lead's name and email as known.
export interface DigestItem {
  id: string;
  kind: FollowUpKind;
  dueAt: number;
  snoozedUntil?: number;
  lead: { name?: string; email?: string };
}

export interface DigestSiteInput {
  siteKey: string;
  siteName: string;
  // The site's conversations; those created outside yesterday are ignored.
  conversations: readonly DigestConversation[];
  openFollowUps: readonly DigestItem[];
}

export interface DigestSite {
  siteKey: string;
  siteName: string;
  leads: { count: number; hot: number; qualified: number; missedHandoffs: number; accepted: number };
  followUps: {
    open: number;
    overdue: number;
    dueToday: number;
    topOverdue: { kind: FollowUpKind; dueAt: number; name?: string; email?: string }[];
  };
}

export interface Digest {
  // Yesterday, in UTC: "2026-12-04".
  day: string;
  sites: DigestSite[];
}

// The UTC day before `now`'s, as [from, to) and its date.
export function digestDayOf(now: number): { day: string; from: number; to: number } {
  const to = Math.floor(now / day) * day;
  const from = to - day;
  return { day: new Date(from).toISOString().slice(0, 10), from, to };
}

function siteDigest(s: DigestSiteInput, now: number, from: number, to: number): DigestSite {
  const leads = s.conversations.filter((c) => c.createdAt >= from && c.createdAt < to);
  const q = (c: DigestConversation) => c.engine.qualification;
  // "Due today" ends with the UTC day: the server does not know each reader's time zone.
  const endOfDay = to + day;
  const overdue = s.openFollowUps
    .filter((f) => dueGroupOf(f, now, endOfDay) === "overdue")
    .sort((a, b) => dueTimeOf(a) - dueTimeOf(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    siteKey: s.siteKey,
    siteName: s.siteName,
    leads: {
      count: leads.length,
      hot: leads.filter((c) => q(c).tier === "hot").length,
      // F4: an SQL is also marketing qualified.
      qualified: leads.filter((c) => q(c).stage === "mql" || q(c).stage === "sql").length,
      missedHandoffs: leads.filter((c) => c.missedHandoff).length,
      // F7
      accepted: leads.filter((c) => c.acceptedAt !== undefined || c.repId !== undefined).length,
    },
    followUps: {
      open: s.openFollowUps.length,
      overdue: overdue.length,
      dueToday: s.openFollowUps.filter((f) => dueGroupOf(f, now, endOfDay) === "today").length,
      topOverdue: overdue.slice(0, digestTopOverdue).map((f) => ({ kind: f.kind, dueAt: f.dueAt, ...f.lead })),
    },
  };
}

// Null when there is nothing to report: no lead yesterday and no open follow-up on any site. Sites with nothing
// are left out; the rest keep the order given.
export function dailyDigest(sites: readonly DigestSiteInput[], now: number): Digest | null {
  const { day: date, from, to } = digestDayOf(now);
  const kept = sites.map((s) => siteDigest(s, now, from, to)).filter((s) => s.leads.count > 0 || s.followUps.open > 0);
  return kept.length > 0 ? { day: date, sites: kept } : null;
}
