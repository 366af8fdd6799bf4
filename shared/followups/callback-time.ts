// FU5: when the visitor asked to be called, read from their own words in their time zone. Small on purpose: the
// phrases visitors type into a callback box, not a date parser. Null when the words say no time we can trust.
import { addDays, instantOf, validZone, wallClock } from "./zoned.ts";

const minute = 60_000;
const hour = 60 * minute;

const soon = /\b(now|asap|a\.s\.a\.p|as soon as possible|right away|straight away|immediately|any ?time)\b/;
const inPattern = /\bin (an?|half an|\d{1,3}(?:\.\d)?) ?(hours?|hrs?|h|minutes?|mins?|m)\b/;
const dayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const dayPattern = /\b(sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)(?:day|nesday|rsday|urday)?\b/;
const clockPattern = /\b(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|h)?\b/;
const parts: [RegExp, number][] = [
  [/\bnoon|midday\b/, 12],
  [/\bmorning\b/, 9],
  [/\bafternoon\b/, 14],
  [/\bevening\b/, 18],
  [/\btonight\b/, 19],
];

function inDuration(text: string): number | null {
  const m = inPattern.exec(text);
  if (!m) return null;
  const amount = m[1] === "half an" ? 0.5 : m[1] === "a" || m[1] === "an" ? 1 : Number(m[1]);
  return (m[2]?.startsWith("h") ? hour : minute) * amount;
}

// The hour and minute the words name, if any: a clock time wins over a part of the day.
function timeOfDay(text: string): { hour: number; minute: number } | null {
  // A clock time needs a marker ("at", am/pm, ":mm", "h") so "2 people" or "in 3 days" are not times.
  const clock =
    /\b(?:at|after|around|from|by|before)\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\b/.exec(text) ??
    (() => {
      const m = clockPattern.exec(text);
      return m && (m[2] !== undefined || m[3] !== undefined) ? m : null;
    })();
  if (clock) {
    let h = Number(clock[1]);
    const min = clock[2] ? Number(clock[2]) : 0;
    const marker = clock[3]?.replaceAll(".", "");
    if (h > 23 || min > 59) return null;
    if (marker === "pm" && h < 12) h += 12;
    else if (marker === "am" && h === 12) h = 0;
    else if (!marker && clock[2] === undefined && h >= 1 && h <= 7) h += 12;
    return { hour: h, minute: min };
  }
  for (const [pattern, h] of parts) if (pattern.test(text)) return { hour: h, minute: 0 };
  return null;
}

function dayOffset(text: string, todayWeekday: number): number | null {
  if (/\btomorrow\b/.test(text)) return 1;
  if (/\b(today|this|tonight)\b/.test(text)) return 0;
  const m = dayPattern.exec(text);
  if (!m?.[1]) return null;
  const wanted = dayNames.findIndex((d) => d.startsWith(m[1] as string));
  return wanted < 0 ? null : (wanted - todayWeekday + 7) % 7;
}

export function readCallbackTime(when: string | undefined, now: number, timeZone?: string): number | null {
  const text = (when ?? "").toLowerCase().trim();
  if (!text) return null;
  const duration = inDuration(text);
  if (duration !== null) return now + duration;
  const zone = validZone(timeZone);
  const today = wallClock(now, zone);
  const time = timeOfDay(text);
  const offset = dayOffset(text, today.weekday);
  if (time === null && offset === null) return soon.test(text) ? now : null;
  const at = time ?? { hour: 9, minute: 0 };
  const on = (days: number) => instantOf(addDays(today, days), at.hour, at.minute, zone);
  if (offset === null) {
    // A time without a day: the next time the clock shows it.
    const t = on(0);
    return t > now ? t : on(1);
  }
  const t = on(offset);
  // "Monday" said on a Monday after the time: next week's. "Today at 9" said at 11: already past, not readable.
  if (t > now) return t;
  if (dayPattern.test(text) && !/\b(today|tomorrow)\b/.test(text)) return on(offset + 7);
  return null;
}
