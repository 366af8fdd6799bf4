// Sites, and each site's latest widget load (the install check).

import type { Trigger } from "../../../shared/protocol/engage.ts";
import type { ReplyTime, SiteRouting, TranscriptMode, WidgetLoad } from "../../../shared/protocol/index.ts";

// How a site hands hot leads to reps (docs/routing.md): the same shape the Sites API edits. Absent fields take
// the defaults in routing/settings.ts.
export type RoutingSettings = SiteRouting;

export interface Site {
  key: string;
  name: string;
  routing?: Partial<RoutingSettings>;
  // Exact origins ("https://acme.com") or any port of a host ("http://localhost:*").
  allowedOrigins: string[];
  greeting: string;
  accentColor: string;
  // The launcher's corner and visible text; sites stored before these existed get "right" and "" (sites/settings.ts).
  position?: "right" | "left";
  launcherLabel?: string;
  // What visitors see in the chat's header; absent on sites stored before them: "" (the name, the initial) and null.
  displayName?: string;
  avatarUrl?: string;
  replyTime?: ReplyTime | null;
  // Emailing the visitor their transcript; absent on sites stored before it: "on-request".
  transcripts?: TranscriptMode;
  playbookId: string;
  playbookVersion: number;
  createdAt: number;
  // Bumped by every updateSite (compare-and-set); absent on sites stored before it.
  rev?: number;
  // 32 random bytes, hex: signs logged-in visitors' userIds (sites/identity.ts). Owners only; absent on sites
  // stored before it until an owner first opens it.
  identitySecret?: string;
  // How soon reps should act on a lead that wanted a person, and when to check in with a warm lead
  // (shared/followups/SPEC.md); absent: 60 minutes and 3 days.
  followUps?: { targetMinutes?: number; checkInDays?: number };
  // Proactive messages, in the order they are tried; absent on sites stored before them: none.
  triggers?: Trigger[];
}

export interface SitesStore {
  putSite(site: Site): Promise<void>;
  // Read-modify-write of a stored site, atomic against other writers (retried on a conflict): `change` gets the
  // stored record and returns the new one, or null to write nothing. Null when the site is gone.
  updateSite(key: string, change: (site: Site) => Site | null): Promise<Site | null>;
  getSite(key: string): Promise<Site | null>;
  listSites(): Promise<Site[]>;
  // The install check: the latest widget load of a site (callers throttle how often they record one).
  recordWidgetLoad(siteKey: string, load: WidgetLoad): Promise<void>;
  lastWidgetLoad(siteKey: string): Promise<WidgetLoad | null>;
}
