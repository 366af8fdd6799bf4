// FU14: a follow-up still open at its due time is past the site's target: marked once. Check-ins have no target.
import type { FollowUp, FollowUpKind } from "../protocol/index.ts";

export const withTarget: readonly FollowUpKind[] = ["callback", "missed-handoff", "hot-uncontacted"];

const watched = (f: FollowUp) => f.state === "open" && f.breachedAt === undefined && withTarget.includes(f.kind);

export function pastTarget(f: FollowUp, now: number): FollowUp | null {
  return watched(f) && f.dueAt <= now ? { ...f, breachedAt: now } : null;
}

// When a conversation's items next need looking at: the earliest target still ahead of them, if any.
export function nextTarget(items: readonly FollowUp[]): number | null {
  const due = items.filter(watched).map((f) => f.dueAt);
  return due.length === 0 ? null : Math.min(...due);
}
