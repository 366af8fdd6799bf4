// HTTP: the Sites API (/api/sites), for site owners in the console. Times are epoch milliseconds.

// How routing picks the rep to ring (shared/routing/choose.ts).
export type Strategy = "round-robin" | "least-loaded";

// Business hours in the site's time zone (shared/routing/hours.ts).
export interface BusinessHours {
  timeZone: string;
  // Open periods per weekday (0 = Sunday), "HH:MM" to "HH:MM" local time; a day not listed is closed.
  days: { day: number; open: string; close: string }[];
}

export type LauncherPosition = "right" | "left";

// How soon the team usually answers, in the words the chat's header tells visitors ("Usually replies in a few
// minutes", shared/sites/reply-time.ts) and the console offers owners.
export const replyTimes = {
  minutes: "a few minutes",
  hour: "under an hour",
  hours: "a few hours",
  day: "a day",
} as const;
export type ReplyTime = keyof typeof replyTimes;

// How a site hands hot leads to reps (docs/routing.md).
export interface SiteRouting {
  strategy: Strategy;
  // Ring one rep at a time (each for ringTimeoutMs) or every eligible rep at once.
  offerMode: "one" | "all";
  ringTimeoutMs: number;
  // After this long without an accept, the fallback takes over.
  maxWaitMs: number;
  fallback: { kind: "callback" } | { kind: "booking"; url: string; label: string };
  businessHours?: BusinessHours;
  // Speed to lead (docs/routing.md): a lead asking for a person gets one within liveMs, or everyone who can take
  // it rings (R6). How fast a callback or a missed handoff is followed up is the site's followUps.targetMinutes.
  sla: { liveMs: number };
}

import type { TranscriptMode } from "./email.ts";
import type { Trigger, TriggerInput } from "./engage.ts";

// Everything an owner edits, with the defaults filled in.
export interface SiteSettings {
  key: string;
  name: string;
  allowedOrigins: string[];
  greeting: string;
  accentColor: string;
  position: LauncherPosition;
  launcherLabel: string;
  // What visitors see in the chat's header: the name ("" shows the site's name), a picture (an https address, ""
  // shows the name's first letter) and how soon the team usually replies (null says nothing).
  displayName: string;
  avatarUrl: string;
  replyTime: ReplyTime | null;
  routing: SiteRouting;
  // How soon reps should act on a lead that wanted a person, and when to check in with a warm lead.
  followUps: { targetMinutes: number; checkInDays: number };
  // Emailing the visitor their transcript (docs/email.md).
  transcripts: TranscriptMode;
  // Proactive messages (shared/protocol/engage.ts), in the order they are tried.
  triggers: Trigger[];
  createdAt: number;
}

// The install check: when the widget last fetched the site's config, and from which page.
export interface WidgetLoad {
  at: number;
  page: string;
}

export interface SiteSummary extends SiteSettings {
  lastLoad: WidgetLoad | null;
}

// GET /api/sites
export interface SiteList {
  sites: SiteSummary[];
}

// GET, POST and PUT /api/sites/:key
export interface SiteResult {
  site: SiteSummary;
}

// POST /api/sites: name and origins at least. PUT /api/sites/:key: any editable field; absent ones stay. A
// routing object replaces the site's routing (its absent fields take the defaults); businessHours null removes
// the hours.
export interface SiteInput {
  name?: string;
  allowedOrigins?: string[];
  greeting?: string;
  accentColor?: string;
  position?: LauncherPosition;
  launcherLabel?: string;
  displayName?: string;
  avatarUrl?: string;
  replyTime?: ReplyTime | null;
  transcripts?: TranscriptMode;
  routing?: Partial<Omit<SiteRouting, "businessHours">> & { businessHours?: BusinessHours | null };
  followUps?: { targetMinutes: number; checkInDays: number };
  // Replaces the site's list; see TriggerInput for ids.
  triggers?: TriggerInput[];
}

// GET /api/sites/:key/identity-secret (owner): the secret the site's own server signs logged-in visitors' userIds
// with (userHash = HMAC-SHA256(secret, userId), hex). POST to the same path rotates it and answers the new one.
export interface IdentitySecret {
  secret: string;
}

export interface SiteConfig {
  key: string;
  // The name visitors see: the display name, else the site's name (an owner's internal name stays private when
  // there is a display name).
  name: string;
  // An https picture for the header, or "" (the name's first letter is drawn instead).
  avatarUrl: string;
  // The header's "Usually replies in ..." line, or null for none; outside businessHours the header says when the
  // team is back instead, so the promise is kept.
  replyTime: ReplyTime | null;
  businessHours?: BusinessHours;
  greeting: string;
  accentColor: string;
  // Which bottom corner the launcher sits in, and its visible text ("" draws the round icon button only).
  position: "right" | "left";
  launcherLabel: string;
  // Whether the chat offers "Email me this transcript" (any mode but "off").
  transcripts: TranscriptMode;
  // The loader fetches the engage chunk (widget/engage/) on idle: the site has an enabled trigger, or its playbook
  // scores behaviour (shared/engine/behaviour.ts usesBehaviour).
  engage: boolean;
}
