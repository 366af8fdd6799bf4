// A conversation's Behaviour, grown by each ActivityReport the widget sends (rules B1-B3 in SPEC.md): pure, so the
// join and the activity endpoint merge alike, and a write retried on a fresher copy merges the same report again
// without counting anything twice. `now` is the server's clock when the report arrived.
import {
  type ActivityReport,
  type Behaviour,
  behaviourLimits,
  type PageView,
  type TrackedEvent,
} from "../protocol/behaviour.ts";

// B1: one of each (time, address) or (time, name), the newest report's copy kept; oldest first, the newest
// `limit` kept.
function merged<T extends { at: number }>(old: readonly T[], add: readonly T[], key: (t: T) => string, limit: number) {
  const byKey = new Map<string, T>();
  for (const t of [...old, ...add]) byKey.set(key(t), t);
  return [...byKey.values()].sort((a, b) => a.at - b.at).slice(-limit);
}

// The time on the site of the visit that started at `start` and ended before `end`: from its start to its last
// page or event.
function span(items: readonly { at: number }[], start: number, end = Number.POSITIVE_INFINITY): number {
  let last = start;
  for (const { at } of items) if (at >= start && at < end && at > last) last = at;
  return last - start;
}

// B2: times from the browser are taken as they are, except that nothing counts as later than `now` (a clock ahead
// of the server's would otherwise stretch the time on site into the future).
export function mergeBehaviour(old: Behaviour | undefined, report: ActivityReport, now: number): Behaviour {
  const at = (t: number) => Math.min(t, now);
  const pages = merged<PageView>(
    old?.pages ?? [],
    report.pages.map((p) => ({ url: p.url, at: at(p.at) })),
    (p) => `${p.at}\n${p.url}`,
    behaviourLimits.pages,
  );
  const events = merged<TrackedEvent>(
    old?.events ?? [],
    report.events.map((e) => ({ ...e, at: at(e.at) })),
    (e) => `${e.at}\n${e.name}`,
    behaviourLimits.events,
  );
  const items = [...pages, ...events];
  const visit = { ...report.visit, startedAt: at(report.visit.startedAt), firstAt: at(report.visit.firstAt) };
  const b: Behaviour = {
    visits: Math.max(old?.visits ?? 0, visit.count),
    firstSeenAt: Math.min(old?.firstSeenAt ?? visit.firstAt, visit.firstAt, visit.startedAt),
    lastActiveAt: Math.max(old?.lastActiveAt ?? 0, now),
    visitStartedAt: visit.startedAt,
    pages,
    events,
    timeOnSiteMs: 0,
  };
  if (visit.previousAt !== undefined) b.previousVisitAt = at(visit.previousAt);
  if (!old) {
    b.timeOnSiteMs = span(items, visit.startedAt);
    return b;
  }
  // B3: the visits before the one the old behaviour knew as the latest are counted as they were; that one, and a
  // newer one this report starts, from their starts to their last pages or events.
  const before = old.timeOnSiteMs - span([...old.pages, ...old.events], old.visitStartedAt);
  if (visit.startedAt < old.visitStartedAt) {
    // A late report of an earlier visit: its pages and events count, the latest visit stays the latest.
    b.visitStartedAt = old.visitStartedAt;
    if (old.previousVisitAt === undefined) delete b.previousVisitAt;
    else b.previousVisitAt = old.previousVisitAt;
    b.timeOnSiteMs = old.timeOnSiteMs;
    return b;
  }
  if (visit.startedAt === old.visitStartedAt && b.previousVisitAt === undefined && old.previousVisitAt !== undefined)
    b.previousVisitAt = old.previousVisitAt;
  const latest =
    visit.startedAt > old.visitStartedAt
      ? span(items, old.visitStartedAt, visit.startedAt) + span(items, visit.startedAt)
      : span(items, visit.startedAt);
  // Never less than before: pages of a long visit pushed out by the bound must not take its time back.
  b.timeOnSiteMs = Math.max(old.timeOnSiteMs, Math.max(0, before) + latest);
  return b;
}
