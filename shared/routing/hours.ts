// Business hours in the site's time zone (R5). Pure: the time comes in as an argument.
import type { BusinessHours } from "../protocol/index.ts";

function localParts(now: number, timeZone: string): { day: number; minutes: number } | null {
  try {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(new Date(now));
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
    const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(get("weekday"));
    return { day, minutes: Number(get("hour")) * 60 + Number(get("minute")) };
  } catch {
    return null;
  }
}

const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

// No hours set: always open. An unknown time zone: open (a typo must not silently turn every lead away).
export function isOpen(hours: BusinessHours | undefined, now: number): boolean {
  if (!hours) return true;
  const local = localParts(now, hours.timeZone);
  if (!local) return true;
  return hours.days.some(
    (d) => d.day === local.day && local.minutes >= toMinutes(d.open) && local.minutes < toMinutes(d.close),
  );
}

// R5a When the next open period starts, from `now` (closed): the instant, or null when the hours open on no day.
// Stepped in the site's wall time and corrected once against the zone, so a clock change in between (daylight
// saving) still lands on the opening minute.
export function nextOpening(hours: BusinessHours, now: number): number | null {
  const local = localParts(now, hours.timeZone);
  if (!local) return null;
  const minute = now - (now % 60_000);
  for (let ahead = 0; ahead <= 7; ahead++) {
    const opens = hours.days
      .filter((d) => d.day === (local.day + ahead) % 7)
      .map((d) => ahead * 1440 + toMinutes(d.open) - local.minutes)
      .filter((m) => m > 0)
      .sort((a, b) => a - b)[0];
    if (opens === undefined) continue;
    const at = minute + opens * 60_000;
    const landed = localParts(at, hours.timeZone);
    // Off by the clock change, within half a day either way.
    const off = landed ? ((((local.minutes + opens - landed.minutes) % 1440) + 2160) % 1440) - 720 : 0;
    return at + off * 60_000;
  }
  return null;
}
