// Whether a trigger's conditions hold for what the visitor is doing now (shared/protocol/engage.ts TriggerWhen).
// Pure: the engage chunk (widget/engage/) measures the page and passes it in.
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

const quote = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&");

// TODO(merge): the behaviour helper exports pageMatches from shared/engine/behaviour.ts; keep one of the two.
// "*" matches any run of characters. A pattern starting with "/" is matched against the path (and the query when
// the pattern has one); one with a scheme against the whole address; any other ("acme.com/pricing*") against the
// host and path. Letters match in either case: owners type addresses as they remember them.
export function pageMatches(pattern: string, url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const target = pattern.startsWith("/")
    ? u.pathname + (pattern.includes("?") ? u.search : "")
    : pattern.includes("://")
      ? u.origin + u.pathname + u.search
      : u.host + u.pathname + (pattern.includes("?") ? u.search : "");
  return new RegExp(`^${pattern.split("*").map(quote).join(".*")}$`, "i").test(target);
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
