// SPEC.md U3: extractTiming reads when the visitor needs it as whole days from `now` to the end of the period meant
// (ASAP, today, this / next week, month, quarter, "in N days / weeks / months", quarters, months, year ends),
// "no rush" (none), "not sure" (unknown), "soon" (sure false), typos of one letter in words of 5+ letters, odd
// spacing, case, punctuation and emoji; null when nothing is said about timing.
import { describe, expect, it } from "vitest";
import { extractTiming, type TimingValue } from "../../../shared/engine/understand/index.ts";

// Thursday 26 November 2026, noon UTC.
const now = Date.UTC(2026, 10, 26, 12);

interface Row {
  text: string;
  // Inclusive [lo, hi] for days, or none / unknown, or null for nothing found.
  want: [number, number] | "none" | "unknown" | null;
  label?: string;
  sure?: boolean;
  // The bot just asked the timing question (default: not).
  expected?: boolean;
}

const exact = (n: number): [number, number] => [n, n];

function check(rows: Row[]) {
  for (const row of rows) {
    const { want } = row;
    const shows = want === null ? "null" : typeof want === "string" ? want : `[${want[0]}, ${want[1]}]`;
    it(`${JSON.stringify(row.text)}${row.expected ? " (asked)" : ""} -> ${shows}`, () => {
      const r = extractTiming(row.text, now, row.expected ?? false);
      if (want === null) {
        expect(r).toBeNull();
        return;
      }
      expect(r).not.toBeNull();
      if (typeof want === "string") {
        expect(r?.value).toMatchObject({ kind: want });
      } else {
        expect(r?.value).toMatchObject({ kind: "timing" });
        const days = (r?.value as TimingValue | undefined)?.days;
        expect(days).toBeGreaterThanOrEqual(want[0]);
        expect(days).toBeLessThanOrEqual(want[1]);
        if (row.label !== undefined) expect((r?.value as TimingValue | undefined)?.label).toBe(row.label);
      }
      if (row.sure !== undefined) expect(r?.sure).toBe(row.sure);
    });
  }
}

describe("U3 timing", () => {
  describe("U3 ASAP", () => {
    const asap = (text: string): Row => ({ text, want: [0, 7], label: "ASAP" });
    check([
      asap("asap"),
      asap("ASAP!!"),
      asap("  AsAp  "),
      asap("asap 🙏"),
      asap("we need it asap"),
      asap("as soon as possible"),
      asap("right away"),
      asap("immediately"),
      asap("urgently"),
      asap("now"),
      asap("right now"),
      asap("yesterday"),
      asap("we needed it yesterday"),
    ]);
  });

  describe("U3 today, weeks, months, quarters relative to now", () => {
    check([
      { text: "today", want: [0, 1] },
      { text: "Today!", want: [0, 1] },
      { text: "this week", want: [1, 7] },
      { text: "THIS WEEK", want: [1, 7] },
      { text: "next week", want: [7, 14] },
      { text: "sometime next week", want: [7, 14] },
      { text: "this month", want: [1, 31] },
      { text: "by the end of this month", want: [1, 31] },
      { text: "next month", want: [30, 62] },
      { text: "by next month", want: [30, 62] },
      { text: "Next month 🙂", want: [30, 62] },
      { text: "this quarter", want: [1, 40] },
      { text: "end of Q4", want: [1, 40] },
      { text: "by end of quarter", want: [1, 40] },
      { text: "next quarter", want: [60, 130] },
      { text: "a couple of weeks", want: [10, 21] },
      { text: "in a couple of weeks", want: [10, 21] },
    ]);
  });

  describe("U3 in N days / weeks / months: exact", () => {
    check([
      { text: "in 6 weeks", want: exact(42), sure: true },
      { text: "In 6 Weeks!", want: exact(42) },
      { text: "in  6  weeks", want: exact(42) },
      { text: "in 10 days", want: exact(10), sure: true },
      { text: "in 3 months", want: exact(90), sure: true },
      { text: "in 1 month", want: exact(30) },
      { text: "in 6 months", want: exact(180) },
      { text: "in 12 months", want: exact(360) },
      { text: "in 2 weeks", want: exact(14) },
      { text: "in 4 weeks", want: exact(28) },
      { text: "within 2 weeks", want: exact(14) },
      { text: "within 30 days", want: exact(30) },
    ]);
  });

  describe("U3 quarters", () => {
    check([
      { text: "Q1", want: [120, 130] },
      { text: "q1", want: [120, 130] },
      { text: "by end of Q1", want: [120, 130] },
      { text: "end of Q1!", want: [120, 130] },
      { text: "in Q1", want: [120, 130] },
      { text: "Q1 next year", want: [120, 130] },
      { text: "Q1 2027", want: [120, 130] },
      { text: "Q2", want: [210, 220] },
      { text: "Q3", want: [300, 315] },
      { text: "by Q3", want: [300, 315] },
      { text: "Q4", want: [30, 40] },
    ]);
  });

  describe("U3 months: the end of the month named", () => {
    check([
      { text: "by March", want: [120, 130] },
      { text: "in March", want: [120, 130] },
      { text: "March", want: [120, 130] },
      { text: "march", want: [120, 130] },
      { text: "end of March", want: [120, 130] },
      { text: "December", want: [30, 40] },
      { text: "by december", want: [30, 40] },
      { text: "by January", want: [60, 70] },
      { text: "early January", want: [35, 60] },
      { text: "April", want: [150, 160] },
      { text: "by June 2027", want: [210, 220] },
    ]);
  });

  describe("U3 years", () => {
    check([
      { text: "by end of year", want: [30, 40] },
      { text: "end of the year", want: [30, 40] },
      { text: "by the end of the year", want: [30, 40] },
      { text: "this year", want: [30, 40] },
      { text: "before year end", want: [30, 40] },
      { text: "next year", want: [36, 400] },
      { text: "in a year", want: [360, 370] },
      { text: "6 months", want: [175, 185] },
    ]);
  });

  describe("U3 no timeline (none), not sure (unknown), soon (sure false)", () => {
    check([
      { text: "just researching", want: "none" },
      { text: "we're just researching", want: "none" },
      { text: "no rush", want: "none" },
      { text: "No rush 🙂", want: "none" },
      { text: "NO RUSH!!", want: "none" },
      { text: "no timeline", want: "none" },
      { text: "no plans yet", want: "none" },
      { text: "just looking", want: "none" },
      { text: "not anytime soon", want: "none" },
      { text: "not sure", want: "unknown" },
      { text: "not sure yet", want: "unknown" },
      { text: "don't know yet", want: "unknown" },
      { text: "I don't know yet", want: "unknown" },
      { text: "Not sure 🤷", want: "unknown" },
      { text: "soon", want: [7, 45], sure: false },
      { text: "soon!", want: [7, 45], sure: false },
      { text: "pretty soon", want: [7, 45], sure: false },
    ]);
  });

  describe("U3 typos of one letter in words of 5+ letters", () => {
    check([
      { text: "immediatly", want: [0, 7], label: "ASAP" },
      { text: "urgenty", want: [0, 7], label: "ASAP" },
      { text: "rigth away", want: [0, 7], label: "ASAP" },
      { text: "this mnoth", want: [1, 31] },
      { text: "next monht", want: [30, 62] },
      { text: "this quater", want: [1, 40] },
      { text: "next qaurter", want: [60, 130] },
      { text: "by Marhc", want: [120, 130] },
      { text: "by Decmber", want: [30, 40] },
      { text: "by Febuary", want: [90, 100] },
      { text: "just reserching", want: "none" },
      { text: "no timelne", want: "none" },
    ]);
  });

  describe("U6 said to the timing question, exploring is no timeline; said to another, it is no timing", () => {
    check([
      { text: "exploring options", want: "none", expected: true },
      { text: "Exploring our options tbh", want: "none", expected: true },
      { text: "just curious", want: "none", expected: true },
      { text: "comparing options rn", want: "none", expected: true },
      { text: "we have no timeframe", want: "none", expected: true },
      { text: "comparing options", want: null },
      { text: "just curious", want: null },
    ]);
  });

  describe("U6 words that look like timing but are not: null", () => {
    check([
      { text: "qualification is manual today", want: null },
      { text: "today we use spreadsheets", want: null },
      { text: "Today our team qualifies leads by hand", want: null },
      { text: "our reps answer chats today, but slowly", want: null },
      { text: "exploring options", want: null },
      { text: "we're exploring options for lead capture", want: null },
      { text: "I'm researching chat tools for my team", want: null },
      { text: "we use it every day", want: null },
      { text: "we talk to customers daily", want: null },
      { text: "none right now", want: null },
      { text: "nothing right now", want: null },
      { text: "no budget right now", want: null },
      { text: "right now we use excel", want: null },
      { text: "now we lose leads at night", want: null },
      { text: "we do everything manually right now", want: null },
      { text: "we need a better chat because right now we lose leads", want: null },
      { text: "I signed up yesterday", want: null },
      { text: "we get about 200 leads a month", want: null },
      { text: "we lose like 5 leads a week", want: null },
      { text: "we want to respond to leads quickly", want: null },
    ]);
  });

  describe("U6 the same words said as a deadline are still timing", () => {
    check([
      { text: "we need it today", want: [0, 1], label: "today" },
      { text: "today if possible", want: [0, 1] },
      { text: "today please!", want: [0, 1] },
      { text: "ideally today", want: [0, 1] },
      { text: "by today", want: [0, 1] },
      { text: "CTO here and we need it today", want: [0, 1] },
      { text: "tomorrow", want: [1, 2] },
      { text: "need it tomorrow", want: [1, 2] },
      { text: "need it now", want: [0, 7], label: "ASAP" },
      { text: "now please", want: [0, 7], label: "ASAP" },
      { text: "right now pls", want: [0, 7], label: "ASAP" },
      { text: "we needed it yesterday lol", want: [0, 7], label: "ASAP" },
      { text: "we want to start right now", want: [0, 7], label: "ASAP" },
      { text: "need it quickly", want: [0, 7], label: "ASAP" },
      { text: "a week", want: exact(7) },
      { text: "in a week", want: exact(7) },
      { text: "today we use spreadsheets but we need something by March", want: [120, 130] },
      { text: "just exploring", want: "none" },
      { text: "still researching", want: "none" },
      { text: "researching", want: "none" },
      { text: "exploring", want: "none" },
      { text: "not urgent, exploring options", want: "none" },
      { text: "no rush, we get 200 leads a month", want: "none" },
    ]);
  });

  describe("U3 nothing about timing: null", () => {
    check([
      { text: "I like turtles", want: null },
      { text: "we have 50k", want: null },
      { text: "about 40k", want: null },
      { text: "hello", want: null },
      { text: "I'm the CEO", want: null },
      { text: "", want: null },
      { text: "🙏", want: null },
    ]);
  });
});
