// The preview's simulated behaviour: what the owner types in "Simulate behaviour", read as the Behaviour the server
// would keep for a visitor who did that (shared/protocol/behaviour.ts), so qualify() scores it as it would a lead's.
// Pure: time comes in as `now`, and every time is placed before it.
import type { Behaviour, PageView, TrackedEvent } from "../../../../shared/protocol/behaviour.ts";
import { behaviourLimits } from "../../../../shared/protocol/behaviour.ts";

// As typed: numbers stay text, so a box being cleared or retyped reads as 0 until it holds a number.
export interface Simulation {
  pages: { url: string; views: string }[];
  events: { name: string; count: string }[];
  visits: string;
  // Empty: no visit before this one.
  daysSincePreviousVisit: string;
  minutesOnSite: string;
  daysSinceActive: string;
}

// Where the controls start: a visitor on their first visit who read the pricing page three times.
export const startSimulation: Simulation = {
  pages: [{ url: "/pricing", views: "3" }],
  events: [],
  visits: "1",
  daysSincePreviousVisit: "",
  minutesOnSite: "0",
  daysSinceActive: "0",
};

const minute = 60_000;
const day = 86_400_000;

// A count or a number of days as typed: a finite number of 0 or more, else 0 (whole for counts).
export function amount(text: string, whole = true): number {
  const n = Number(text.trim());
  if (!Number.isFinite(n) || n < 0 || text.trim() === "") return 0;
  return whole ? Math.floor(n) : n;
}

// `n` copies of an item, within what is left of a limit (the server keeps at most behaviourLimits of each).
function repeat<T>(list: T[], item: T, n: number, limit: number) {
  for (let i = 0; i < n && list.length < limit; i++) list.push(item);
}

export function simulatedBehaviour(s: Simulation, now: number): Behaviour {
  const lastActiveAt = now - amount(s.daysSinceActive, false) * day;
  // The latest visit began no later than its last page; the one before, the given days earlier.
  const visitStartedAt = lastActiveAt;
  const previous = s.daysSincePreviousVisit.trim() === "" ? undefined : amount(s.daysSincePreviousVisit, false);
  const pages: PageView[] = [];
  for (const p of s.pages) {
    if (p.url.trim()) repeat(pages, { url: p.url.trim(), at: lastActiveAt }, amount(p.views), behaviourLimits.pages);
  }
  const events: TrackedEvent[] = [];
  for (const e of s.events) {
    if (e.name.trim())
      repeat(events, { name: e.name.trim(), at: lastActiveAt }, amount(e.count), behaviourLimits.events);
  }
  const b: Behaviour = {
    // A visit before this one makes at least two.
    visits: Math.max(previous === undefined ? 1 : 2, amount(s.visits)),
    firstSeenAt: visitStartedAt - (previous ?? 0) * day,
    lastActiveAt,
    visitStartedAt,
    pages,
    events,
    timeOnSiteMs: amount(s.minutesOnSite, false) * minute,
  };
  if (previous !== undefined) b.previousVisitAt = visitStartedAt - previous * day;
  return b;
}
