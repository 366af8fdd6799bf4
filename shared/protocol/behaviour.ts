// What a visitor does on the site besides chatting: page views, visits and the host page's Banter('track', ...)
// events, for behaviour scoring (shared/engine/SPEC.md) and proactive messages (shared/protocol/engage.ts).
// docs/embedding.md tells site developers; times are epoch milliseconds.

// One Banter('track', name, props): a brochure download, a signup, a demo booked.
export interface TrackedEvent {
  // 1 to 64 characters: letters, digits, space, and . _ : / - (trackedEventName)
  name: string;
  // At most 10 properties; keys 1 to 40 characters, values strings (at most 200 characters), finite numbers or
  // booleans. Anything else is refused with a console warning and not sent.
  props?: Record<string, string | number | boolean>;
  at: number;
}

export interface PageView {
  url: string;
  at: number;
}

// Visits as the browser counts them: a visit ends after 30 minutes without a page (widget/loader), the next page
// starts the next one. Kept in the browser across sessions, so a returning visitor is known before they chat.
export interface VisitInfo {
  // Visits so far, this one included (1 on the first).
  count: number;
  // When the first visit started, and this one.
  firstAt: number;
  startedAt: number;
  // When the visit before this one last saw a page; absent on the first visit.
  previousAt?: number;
}

// What the widget reports: with the first chat join of a visitor who has no visitor token yet
// (JoinRequest.behaviour), and afterwards, from the engage chunk, over HTTP
// (POST /api/sites/:key/activity, with the visitor token). Pages and events are those not reported before.
export interface ActivityReport {
  visit: VisitInfo;
  pages: PageView[];
  events: TrackedEvent[];
}

// POST /api/sites/:key/activity (no login: the visitor token proves who it is; origins checked as at the handshake).
export interface ActivityRequest extends ActivityReport {
  visitorToken: string;
}

// What the server keeps per conversation (bounded), and what behaviour scoring reads.
export interface Behaviour {
  visits: number;
  firstSeenAt: number;
  // When the server last heard of the visitor on the site (a report with the chat's join, or over HTTP, is sent
  // from an open page): inactivity decay counts from here, on the server's clock.
  lastActiveAt: number;
  // When the latest visit started, and when the visit before it last saw a page (VisitInfo.previousAt): the gap
  // between them is what "returned within N days" reads.
  visitStartedAt: number;
  previousVisitAt?: number;
  // Newest last, at most behaviourLimits.pages; views of one address are counted by address for scoring.
  pages: PageView[];
  // Newest last, at most behaviourLimits.events.
  events: TrackedEvent[];
  // Time on site over all visits reported (each visit's last page or event minus its start).
  timeOnSiteMs: number;
}

// A TrackedEvent's name, and an event a scoring rule counts.
export const trackedEventName = /^[A-Za-z0-9 ._:/-]{1,64}$/;

export const behaviourLimits = {
  pages: 200,
  events: 100,
  // Per report (join, socket or HTTP): more is refused as BAD_REQUEST.
  pagesPerReport: 50,
  eventsPerReport: 50,
  eventName: 64,
  props: 10,
  propKey: 40,
  propValue: 200,
  // A page's address is kept to this many characters (cut, not refused, like a join's pageUrl).
  url: 1024,
} as const;

// The loader's localStorage keys for behaviour, after `banter:SITE_KEY:` (all removed by shutdown).
export const behaviourStorage = {
  // JSON VisitInfo.
  visit: "visit",
  // JSON TrackedEvent[] not yet reported (at most behaviourLimits.eventsPerReport, oldest dropped).
  events: "events",
  // JSON PageView[] not yet reported to the server as behaviour (at most behaviourLimits.pagesPerReport).
  unreported: "unreported",
} as const;
