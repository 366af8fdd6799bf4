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
