// When a trigger whose conditions hold may show its teaser: the site's conditions (hours, a rep online, the
// screen) and the visitor's caps (kept per trigger in the browser). Pure: times come in as `now`.
import type { Trigger } from "../protocol/engage.ts";

const dayMs = 86_400_000;

// Per trigger: when its teaser was shown in the last day, and until when a dismissal keeps it away.
export type Caps = Record<string, { shown: number[]; dismissedUntil?: number }>;

export interface Moment {
  // EngageConfig.open and .repOnline.
  open: boolean;
  repOnline: boolean;
  // The window's width in CSS pixels; narrower than smallScreen is a phone.
  width: number;
  chatOpen: boolean;
}

export const smallScreen = 640;

export function allowedNow(t: Trigger, m: Moment): boolean {
  return (
    !m.chatOpen &&
    (!t.duringBusinessHours || m.open) &&
    (!t.whenRepOnline || m.repOnline) &&
    (t.onSmallScreens || m.width >= smallScreen)
  );
}

// "Per day" is any 24 hours: a visitor crossing midnight is not shown the teaser again at 00:01.
export function underCaps(t: Trigger, caps: Caps, now: number): boolean {
  const c = caps[t.id];
  if (!c) return true;
  return !(c.dismissedUntil && c.dismissedUntil > now) && c.shown.filter((at) => at > now - dayMs).length < t.maxPerDay;
}

// Shows older than a day are forgotten, so the record stays small.
export function noteShown(caps: Caps, id: string, now: number): Caps {
  const c = caps[id];
  return { ...caps, [id]: { ...c, shown: [...(c?.shown ?? []).filter((at) => at > now - dayMs), now] } };
}

export function noteDismissed(caps: Caps, t: Trigger, now: number): Caps {
  return { ...caps, [t.id]: { shown: caps[t.id]?.shown ?? [], dismissedUntil: now + t.dismissDays * dayMs } };
}

// What the browser kept, checked: anything malformed counts as no record (a cap can only ever let a teaser show
// again, never break the page).
export function readCaps(v: unknown): Caps {
  const caps: Caps = {};
  if (!v || typeof v !== "object") return caps;
  for (const [id, c] of Object.entries(v as Record<string, unknown>)) {
    const { shown, dismissedUntil } = (c ?? {}) as { shown?: unknown; dismissedUntil?: unknown };
    if (!Array.isArray(shown)) continue;
    caps[id] = { shown: shown.filter((n): n is number => typeof n === "number").slice(-20) };
    if (typeof dismissedUntil === "number") caps[id].dismissedUntil = dismissedUntil;
  }
  return caps;
}
