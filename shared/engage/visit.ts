// Visits as the browser counts them (VisitInfo): a visit ends after 30 minutes without a page or a tracked event,
// as analytics tools count them; the next page or event starts the next one. Pure: `now` comes in.
import type { VisitInfo } from "../protocol/behaviour.ts";

export const visitGapMs = 30 * 60_000;

// The visit `now` belongs to, given the stored one and when the visitor was last active.
export function visitAt(visit: VisitInfo | undefined, lastActiveAt: number | undefined, now: number): VisitInfo {
  if (!visit) return { count: 1, firstAt: now, startedAt: now };
  if (lastActiveAt !== undefined && now - lastActiveAt < visitGapMs) return visit;
  return {
    count: visit.count + 1,
    firstAt: visit.firstAt,
    startedAt: now,
    previousAt: lastActiveAt ?? visit.startedAt,
  };
}

// What localStorage held, checked: anything else starts counting afresh.
export function readVisit(v: unknown): VisitInfo | undefined {
  const o = v as Partial<VisitInfo> | null;
  if (!o || typeof o !== "object") return undefined;
  const { count, firstAt, startedAt, previousAt } = o;
  if (![count, firstAt, startedAt].every((n) => typeof n === "number" && Number.isFinite(n) && n >= 0)) return;
  return {
    count: Math.max(1, Math.floor(count as number)),
    firstAt: firstAt as number,
    startedAt: startedAt as number,
    ...(typeof previousAt === "number" ? { previousAt } : {}),
  };
}
