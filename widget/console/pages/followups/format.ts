// How a follow-up reads in a row: its kind, who the lead is, and when it is due in the rep's zone (and, for a
// callback, in the visitor's). The browser's own zone is the rep's.
import type { FollowUpKind, FollowUpView } from "../../../../shared/protocol/index.ts";

export const kindLabel: Record<FollowUpKind, string> = {
  callback: "Callback",
  "missed-handoff": "Missed handoff",
  "hot-uncontacted": "Hot lead not contacted",
  "check-in": "Check-in",
};

export function leadLabel(v: FollowUpView): string {
  return v.lead.name ?? v.lead.email ?? v.lead.phone ?? "Unknown visitor";
}

function format(at: number, timeZone?: string, weekday = true): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    ...(timeZone ? { timeZone } : {}),
    ...(weekday ? { weekday: "short" } : {}),
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  return parts
    .filter((p) => p.type !== "literal" || p.value === ":")
    .map((p) => (p.type === "weekday" ? `${p.value} ` : p.value))
    .join("");
}

function validZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

// "Tue 10:00 their time (Europe/Paris) · Tue 09:00 yours" for a callback in another zone; "Tue 09:00" otherwise.
export function dueText(v: FollowUpView, at: number): string {
  const mine = format(at);
  const theirs = v.item.kind === "callback" ? validZone(v.timeZone) : undefined;
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!theirs || theirs === here) return mine;
  return `${format(at, theirs)} their time (${theirs}) · ${mine} yours`;
}

// The snooze presets, as instants: an hour from now, and 9:00 tomorrow on the rep's clock.
export function snoozePresets(now: number): { label: string; until: number }[] {
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  return [
    { label: "1 hour", until: now + 3600_000 },
    { label: "Tomorrow 9:00", until: tomorrow.getTime() },
  ];
}

// The end of the rep's day: what is due before it is "due today".
export function endOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(24, 0, 0, 0);
  return d.getTime();
}
