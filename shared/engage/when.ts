// Whether a trigger's conditions hold for what the visitor is doing now (shared/protocol/engage.ts TriggerWhen).
// Pure: the engage chunk (widget/engage/) measures the page and passes it in.
import { pageMatches } from "../engine/page-pattern.ts";
import type { TriggerWhen } from "../protocol/engage.ts";

export interface Situation {
  // The page's address (absolute).
  url: string;
  secondsOnPage: number;
  // The furthest the visitor scrolled on this page, 0 to 100.
  scrollPercent: number;
  // The pointer left the window towards the top on this page (desktop).
  exited: boolean;
  // VisitInfo.count: visits so far, this one included.
  visits: number;
  utm: { source?: string; campaign?: string };
  pagesThisVisit: number;
  // Names tracked on this page (Banter('track', name)).
  events: string[];
}

const among = (list: string[], value: string | undefined) =>
  value !== undefined && list.some((v) => v.toLowerCase() === value.toLowerCase());

// Every condition given must hold; absent ones do not matter (no conditions: every page).
export function whenHolds(when: TriggerWhen, s: Situation): boolean {
  return (
    (!when.urls || when.urls.some((p) => pageMatches(p, s.url))) &&
    s.secondsOnPage >= (when.secondsOnPage ?? 0) &&
    s.scrollPercent >= (when.scrollPercent ?? 0) &&
    (!when.exitIntent || s.exited) &&
    (!when.returning || s.visits > 1) &&
    (!when.utmCampaign || among(when.utmCampaign, s.utm.campaign)) &&
    (!when.utmSource || among(when.utmSource, s.utm.source)) &&
    s.pagesThisVisit >= (when.pagesThisVisit ?? 0) &&
    (!when.event || s.events.includes(when.event))
  );
}

// How many seconds from now a trigger's time on page will be reached, on a page its addresses match; Infinity when
// it already is, or cannot be here. Only time passes without an event (scroll, pointer, track, a page, a resize,
// the chat closing), so the engage chunk wakes for the nearest of these instead of polling.
export function secondsUntil(when: TriggerWhen, s: Situation): number {
  const wait = (when.secondsOnPage ?? 0) - s.secondsOnPage;
  return wait > 0 && (!when.urls || when.urls.some((p) => pageMatches(p, s.url))) ? wait : Infinity;
}
