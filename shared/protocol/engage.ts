// Proactive messages ("triggers"): a site's owner sets when the site speaks first, with a teaser bubble beside the
// launcher. Edited in the console (Sites), evaluated in the visitor's browser by a small chunk the loader fetches
// on idle only for sites that have triggers (widget/engage/). docs/embedding.md tells site owners.

// What must hold for a trigger to fire; every condition given must hold (absent ones do not matter).
export interface TriggerWhen {
  // The page's address matches one of these (a "*" matches any run of characters; without a scheme or host the
  // pattern is matched against the path, e.g. "/pricing*").
  urls?: string[];
  // Seconds on this page, at least.
  secondsOnPage?: number;
  // Scrolled at least this percent of the page (0 to 100).
  scrollPercent?: number;
  // The pointer leaves the window towards the top (desktop only).
  exitIntent?: boolean;
  // A visitor with an earlier visit (VisitInfo.count > 1).
  returning?: boolean;
  // The visit's UTM campaign or source equals one of these (case-insensitive).
  utmCampaign?: string[];
  utmSource?: string[];
  // Pages opened this visit, at least.
  pagesThisVisit?: number;
  // The host page called Banter('track', event) on this page.
  event?: string;
}

export interface Trigger {
  // Stable per site (12 characters, [a-z0-9]); counts in the funnel are kept by it.
  id: string;
  // The owner's own name for it ("Pricing page, 30 s").
  name: string;
  enabled: boolean;
  when: TriggerWhen;
  // The teaser's text (1 to 200 characters), shown as the site's display name speaking.
  message: string;
  // Up to 3 buttons under the teaser; each opens the chat with its text sent as the visitor's first message.
  quickReplies: string[];
  // Clicking the teaser (not a quick reply) opens the chat starting at this playbook question (its id), instead
  // of the playbook's first question; absent: the usual start.
  startAt?: string;
  // Caps, per visitor and per trigger: shown at most this many times in any 24 hours, and not again for this many
  // days after the visitor dismissed it. One teaser shows at a time, at most once per page view.
  maxPerDay: number;
  dismissDays: number;
  // Only within the site's business hours; only while a rep is available to take a chat.
  duringBusinessHours: boolean;
  whenRepOnline: boolean;
  // Shown on screens narrower than 640 px too (off by default: a teaser covers too much of a phone).
  onSmallScreens: boolean;
}

// Triggers per site.
export const maxTriggersPerSite = 20;

// What the console sends in SiteInput.triggers: the whole list, in order. A trigger without an id is new (the
// server names it); one with an id must be one of the site's and keeps it (its funnel counts go on). Left out,
// the rest take triggerDefaults.
export type TriggerInput = Pick<Trigger, "name" | "when" | "message"> &
  Partial<Omit<Trigger, "name" | "when" | "message">>;

export const triggerDefaults = {
  enabled: true,
  quickReplies: [] as string[],
  maxPerDay: 1,
  dismissDays: 7,
  duringBusinessHours: false,
  whenRepOnline: false,
  onSmallScreens: false,
};

// GET /api/sites/:key/engage (public, origin-checked like the config): what the engage chunk evaluates.
export interface EngageConfig {
  triggers: Trigger[];
  // Within business hours now (true when the site has none), and a rep is available to take a chat now.
  open: boolean;
  repOnline: boolean;
}

// POST /api/sites/:key/engage/events (public, origin-checked, rate-limited per address): the teaser's counts for
// the funnel. "opened" is a click on the teaser or one of its quick replies.
export interface EngageEvent {
  trigger: string;
  event: "shown" | "opened" | "dismissed";
}

// A teaser the visitor clicked, left by the engage chunk for the chat app in localStorage at
// `banter:SITE_KEY:trigger` (JSON) just before it opens the chat: the chat app's join carries `id` and `startAt`
// (a new conversation starts there and counts for the trigger), then sends `reply` as the visitor's first message,
// and removes the key. A chat app already joined acts on it through ChatHandle.engage().
export interface PendingTrigger {
  id: string;
  startAt?: string;
  reply?: string;
  at: number;
}
