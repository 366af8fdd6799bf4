// Wall-clock time in an IANA time zone, with Intl only: the parts of an instant there, and the instant of a
// wall-clock time there. An unknown zone is read as UTC.

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  weekday: number; // 0 Sunday - 6 Saturday
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "short",
    });
    formats.set(timeZone, f);
  }
  return f;
}

export function validZone(timeZone: string | undefined): string {
  if (!timeZone) return "UTC";
  try {
    formatFor(timeZone);
    return timeZone;
  } catch {
    return "UTC";
  }
}

const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export function wallClock(instant: number, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    formatFor(validZone(timeZone))
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: weekdays.indexOf(parts.weekday ?? "Sun"),
  };
}

// The instant the clock in `timeZone` shows this date and time. The zone's offset is found by asking Intl what
// the guess looks like there, twice, so a guess across a daylight-saving change settles.
export function instantOf(
  d: { year: number; month: number; day: number },
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const wanted = Date.UTC(d.year, d.month - 1, d.day, hour, minute);
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(guess, timeZone);
    const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
    guess += wanted - shown;
  }
  return guess;
}

// The date `days` after the given one (calendar arithmetic, independent of any zone).
export function addDays(d: { year: number; month: number; day: number }, days: number) {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}
