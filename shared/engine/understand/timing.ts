// U3: when they need it, as whole days from the conversation's `now` to the end of the period meant. Pure: `now`
// comes in as an argument, and all calendar arithmetic is in UTC.
import { onlyFillerAround, saidAsDeadline } from "./deadline.ts";
import { wordsToDigits } from "./numbers.ts";
import { fixTypos, hasPhrase, normalize, tokens } from "./text.ts";
import type { NoneValue, Reading, TimingValue, UnknownValue } from "./values.ts";

type Found = Reading<TimingValue | NoneValue | UnknownValue>;

const dayMs = 86_400_000;
const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const monthNames = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const vocabulary = [
  ...monthNames,
  "quarter",
  "today",
  "tomorrow",
  "weeks",
  "months",
  "years",
  "immediately",
  "urgently",
  "researching",
  "timeline",
  "christmas",
  "within",
  "early",
  "middle",
  "before",
  "until",
];
const unitDays: Record<string, number> = { day: 1, week: 7, month: 30, year: 365 };

const nonePhrases = [
  "just researching",
  "still researching",
  "only researching",
  "no rush",
  "no timeline",
  "no plans",
  "no plans yet",
  "just looking",
  "not anytime soon",
  "no hurry",
  "someday",
  "some day",
  "no deadline",
  "just exploring",
  "still exploring",
  "just browsing",
  "not urgent",
  "nothing planned",
  "no specific timeline",
  "no set timeline",
];
// Alone, these are no timeline; in a sentence they are what the visitor does ("I'm researching chat tools").
const noneAlone = new Set(["researching", "exploring", "browsing", "research", "research phase"]);
const noneAloneFiller = new Set(["we're", "were", "i'm", "im", "currently", "still", "only", "atm", "honestly", "tbh"]);
// Said to the timing question, these are no timeline; said to any other ("what brings you here?" "exploring
// options") they are what the visitor is doing, and no timing at all.
const noneWhenAsked = [
  "exploring options",
  "exploring our options",
  "exploring",
  "evaluating options",
  "comparing options",
  "looking at options",
  "weighing options",
  "weighing our options",
  "just curious",
  "no timeframe",
  "no time frame",
];
const unknownPhrases = ["not sure", "don't know", "dont know", "no idea", "tbd", "unsure", "not decided", "undecided"];
const asapPhrases = [
  "asap",
  "a s a p",
  "right away",
  "immediately",
  "urgently",
  "urgent",
  "as soon as possible",
  "straight away",
  "this instant",
  "as fast as possible",
  "very soon",
];
// Words that describe the present as often as a deadline: timing only when said as one (deadline.ts).
const asapWords = [["right", "now"], ["now"], ["yesterday"], ["quickly"]];
const todayWords = [["today"], ["tonight"]];
const tomorrowWords = [["tomorrow"]];

function startOfDay(t: number): number {
  return Math.floor(t / dayMs) * dayMs;
}

// The last day of a month (month 0-11, may overflow into later years).
function monthEnd(year: number, month: number): number {
  return Date.UTC(year, month + 1, 0);
}

function reading(now: number, deadline: number, label: string, sure = true): Found {
  const days = Math.max(0, Math.round((deadline - startOfDay(now)) / dayMs));
  return { value: { kind: "timing", days, label }, sure };
}

function monthIndex(word: string): number {
  const full = monthNames.indexOf(word);
  if (full >= 0) return full;
  // "sept", "sep", "jan": abbreviations, but not "may" as in "may be" (handled by the caller's context).
  const short = months.indexOf(word.slice(0, 3));
  return word.length >= 3 && word.length <= 4 && short >= 0 && word !== "mar" ? short : word === "mar" ? 2 : -1;
}

// `expected`: the bot just asked the timing question (then "exploring options" is an answer: no timeline).
export function extractTiming(text: string, now: number, expected = false): Found | null {
  // A few common shorthands, before any matching: "nxt month", "tmrw".
  const n = fixTypos(wordsToDigits(normalize(text)), vocabulary)
    .replace(/\bnxt\b/g, "next")
    .replace(/\b(tmrw|tmr|tmw)\b/g, "tomorrow");
  const words = tokens(n);
  if (words.length === 0) return null;
  const d = new Date(now);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  const today = startOfDay(now);

  if (hasPhrase(words, nonePhrases)) return { value: { kind: "none" }, sure: true };
  if (expected && hasPhrase(words, noneWhenAsked)) return { value: { kind: "none" }, sure: true };
  if (noneAlone.has(words.filter((w) => !noneAloneFiller.has(w)).join(" ")))
    return { value: { kind: "none" }, sure: true };

  // "in 6 weeks", "within 10 days", "3 months", "a couple of weeks", "a few months", "in a year".
  const span =
    /\b(in|within|next|about|around|roughly)?\s*(\d+(?:\.\d+)?|a couple(?: of)?|a few|few|a|an|one)\s*(day|week|month|year)s?\b/.exec(
      n,
    );
  // "200 leads a month", "5 leads a week": "a" after other words is "per", unless only filler comes before ("maybe a
  // week").
  const per =
    span && !span[1] && /^an?$/.test(span[2] ?? "") && !onlyFillerAround(tokens(n.slice(0, span.index)), 0, 0);
  if (span && !per && !/\b(per|a)\s*$/.test(n.slice(0, span.index)) && !/\bq[1-4]\b/.test(n)) {
    const raw = span[2] as string;
    const count = /^\d/.test(raw) ? Number(raw) : raw.startsWith("a couple") ? 2 : raw.includes("few") ? 3 : 1;
    const unit = span[3] as string;
    // "a couple of weeks" is vaguer than "in 2 weeks": 2 weeks either way, but "a few" is three.
    const days = Math.round(count * (unitDays[unit] as number));
    if (!Number.isFinite(days) || days > 36_500) return null;
    const label = `in ${raw} ${unit}${count === 1 ? "" : "s"}`;
    // "2k a month" is a budget's period, "3 years ago" is the past.
    const moneyBefore = /\d\s*(k|m|grand|thousand|million|dollars?|euros?|pounds?)?\s*$/.test(n.slice(0, span.index));
    if (!moneyBefore && !/\b(ago|old|long)\b/.test(n)) return reading(now, today + days * dayMs, label);
  }

  if (hasPhrase(words, ["end of day", "eod"]) || saidAsDeadline(words, todayWords)) return reading(now, today, "today");
  if (saidAsDeadline(words, tomorrowWords)) return reading(now, today + dayMs, "tomorrow");
  if (hasPhrase(words, asapPhrases) || saidAsDeadline(words, asapWords)) return reading(now, today + 7 * dayMs, "ASAP");

  const weekday = (today / dayMs + 4) % 7; // 1970-01-01 was a Thursday
  const sunday = today + ((7 - weekday) % 7) * dayMs;
  if (hasPhrase(words, ["next week"])) return reading(now, sunday + 7 * dayMs, "next week");
  if (hasPhrase(words, ["this week", "end of the week", "end of this week", "end of week", "this weekend"])) {
    return reading(now, sunday, "this week");
  }
  const day = weekdays.findIndex((w) => words.includes(w));
  if (day >= 0) return reading(now, today + ((day - weekday + 7) % 7 || 7) * dayMs, `by ${weekdays[day]}`);

  const quarter = Math.floor(month / 3);
  const nextYear = hasPhrase(words, ["next year"]);
  const q = /\bq\s?([1-4])\b|\b(first|second|third|fourth|1st|2nd|3rd|4th) quarter\b/.exec(n);
  if (q) {
    const index = q[1] ? Number(q[1]) - 1 : ["first", "second", "third", "fourth"].indexOf(q[2] ?? "") % 4;
    const ordinal = index >= 0 ? index : ["1st", "2nd", "3rd", "4th"].indexOf(q[2] ?? "");
    const explicitYear = /\b(20\d\d)\b/.exec(n);
    let y = explicitYear ? Number(explicitYear[1]) : nextYear ? year + 1 : year;
    if (!explicitYear && !nextYear && monthEnd(y, ordinal * 3 + 2) < today) y++;
    return reading(now, monthEnd(y, ordinal * 3 + 2), `by end of Q${ordinal + 1} ${y}`);
  }
  if (hasPhrase(words, ["next quarter"])) return reading(now, monthEnd(year, quarter * 3 + 5), "next quarter");
  if (hasPhrase(words, ["this quarter", "end of quarter", "end of the quarter", "quarter end", "by quarter end"])) {
    return reading(now, monthEnd(year, quarter * 3 + 2), "this quarter");
  }

  // Named months: the next one to come (this month counts), "June 2027" as said; early / mid / late.
  for (let i = 0; i < words.length; i++) {
    const m = monthIndex(words[i] as string);
    if (m < 0) continue;
    // "may" is a month only when nothing else reads it as a verb ("we may need it").
    if (words[i] === "may" && !/\b(in|by|before|until|end of|early|mid|late|of) may\b|^may\b/.test(n)) continue;
    const said = /^(20\d\d)$/.exec(words[i + 1] ?? "");
    let y = said ? Number(said[1]) : year;
    if (!said && m < month) y++;
    const prev = words[i - 1] ?? "";
    const part = prev === "early" || prev === "beginning" ? 10 : prev === "mid" || prev === "middle" ? 15 : 0;
    const deadline = part ? Date.UTC(y, m, part) : monthEnd(y, m);
    const name = (monthNames[m] as string).replace(/^./, (c) => c.toUpperCase());
    return reading(now, deadline, `${part ? `${prev} ` : "by "}${name} ${y}`);
  }

  if (hasPhrase(words, ["next month"])) return reading(now, monthEnd(year, month + 1), "next month");
  if (hasPhrase(words, ["this month", "end of the month", "end of month", "end of this month", "month end"])) {
    return reading(now, monthEnd(year, month), "this month");
  }
  if (nextYear) return reading(now, monthEnd(year + 1, 11), "next year");
  if (
    hasPhrase(words, [
      "end of year",
      "end of the year",
      "this year",
      "year end",
      "year-end",
      "before christmas",
      "by christmas",
      "eoy",
    ])
  ) {
    return reading(now, monthEnd(year, 11), "by end of year");
  }
  const yearSaid = /\b(?:by|in|before|during)\s+(20\d\d)\b/.exec(n);
  if (yearSaid) return reading(now, monthEnd(Number(yearSaid[1]), 11), `in ${yearSaid[1]}`);
  if (hasPhrase(words, ["next few months", "coming months", "next couple of months"])) {
    return reading(now, today + 90 * dayMs, "in the next few months");
  }
  if (hasPhrase(words, ["soon", "shortly", "fairly soon", "pretty soon"]))
    return reading(now, today + 30 * dayMs, "soon", false);
  if (hasPhrase(words, unknownPhrases)) return { value: { kind: "unknown" }, sure: true };
  return null;
}
