// Report dates: whole days in UTC, "YYYY-MM-DD", both ends included (F12 in SPEC.md).
export const dayMs = 24 * 3600 * 1000;

// Midnight UTC of a real calendar day, or null ("2026-02-30" is not a day).
export function parseDay(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return isoDay(at) === day ? at : null;
}

export function isoDay(at: number): string {
  // Asked several times per write and per report, mostly for the same day: the last day is kept.
  const n = Math.floor(at / dayMs);
  if (n !== lastDay.n) lastDay = { n, iso: new Date(n * dayMs).toISOString().slice(0, 10) };
  return lastDay.iso;
}
let lastDay = { n: Number.NaN, iso: "" };

// [start, end) in ms for the days from..to.
export function dayRange(from: string, to: string): { start: number; end: number } | null {
  const start = parseDay(from);
  const last = parseDay(to);
  if (start === null || last === null || last < start) return null;
  return { start, end: last + dayMs };
}

export function addDays(day: string, days: number): string {
  return isoDay((parseDay(day) ?? 0) + days * dayMs);
}

// How many days from `from` to `to` (0 for the same day).
export function daysApart(from: string, to: string): number {
  return Math.round(((parseDay(to) ?? 0) - (parseDay(from) ?? 0)) / dayMs);
}

// Every day from..to, both included, first to last ([] when to is before from). Stepped in ms: a year's list is
// built on every report, and a date parsed per day cost more than the report's sums.
export function daysOf(from: string, to: string): string[] {
  const all: string[] = [];
  const last = parseDay(to) ?? Number.NEGATIVE_INFINITY;
  for (let at = parseDay(from) ?? Number.POSITIVE_INFINITY; at <= last; at += dayMs) all.push(isoDay(at));
  return all;
}
