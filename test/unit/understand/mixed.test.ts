// SPEC.md U5: one message can answer several questions, so every extractor reads the same text; each must find its
// own slot and must NOT fire on another slot's words ("in 6 weeks" and "Q3" are not money, "our CEO decides" is
// not a decision maker, "we have 50k" is not a timing). Money is read as not asked (expected: false) unless a row
// says otherwise. A field left out of a row is not checked; null means that extractor must find nothing.
import { describe, expect, it } from "vitest";
import {
  type AuthorityValue,
  extractAuthority,
  extractEmail,
  extractMoney,
  extractPhone,
  extractTiming,
  type MoneyValue,
  type NoneValue,
  type TimingValue,
  type UnknownValue,
} from "../../../shared/engine/understand/index.ts";

// Thursday 26 November 2026, noon UTC.
const now = Date.UTC(2026, 10, 26, 12);

interface Row {
  text: string;
  money?: Partial<MoneyValue> | NoneValue | UnknownValue | null;
  // Did the bot just ask the budget question? Defaults to false.
  asked?: boolean;
  authority?: Partial<AuthorityValue> | UnknownValue | null;
  authoritySure?: boolean;
  // The title in the text belongs to someone else.
  noTitle?: boolean;
  // Inclusive [lo, hi] for days, or none / unknown.
  timing?: [number, number] | "none" | "unknown" | null;
  email?: string | null;
  phone?: string | null;
}

const money = (amount: number, extra: Partial<MoneyValue> = {}): Partial<MoneyValue> => ({
  kind: "money",
  amount,
  ...extra,
});
const dm = (title?: string): Partial<AuthorityValue> =>
  title === undefined
    ? { kind: "authority", level: "decision-maker" }
    : { kind: "authority", level: "decision-maker", title };
const shared: Partial<AuthorityValue> = { kind: "authority", level: "shared" };
const influencer: Partial<AuthorityValue> = { kind: "authority", level: "influencer" };
const exact = (n: number): [number, number] => [n, n];
const asap: [number, number] = [0, 7];

const rows: Row[] = [
  // Several slots in one message.
  {
    text: "I'm the CTO, we have about 50k and need it live by March",
    authority: dm("CTO"),
    money: money(50000),
    timing: [120, 130],
  },
  {
    text: "CEO here, budget around 100k, need it next month",
    authority: dm("CEO"),
    money: money(100000),
    timing: [30, 62],
  },
  {
    text: "I'm the founder, budget is 20-30k per year, Q1",
    authority: dm(),
    money: money(25000, { bound: "range", min: 20000, max: 30000, period: "year" }),
    timing: [120, 130],
  },
  {
    text: "not the decision maker, my boss decides, we need it ASAP",
    authority: influencer,
    money: null,
    timing: asap,
  },
  { text: "ASAP, we can spend 5k a month", authority: null, money: money(5000, { period: "month" }), timing: asap },
  { text: "we decide together, about $40,000, this quarter", authority: shared, money: money(40000), timing: [1, 40] },
  {
    text: "I'm a manager; under 5k; no rush",
    authority: influencer,
    authoritySure: false,
    money: money(5000, { bound: "under", max: 5000 }),
    timing: "none",
  },
  { text: "€40k by June 2027", authority: null, money: money(40000, { currency: "EUR" }), timing: [210, 220] },
  {
    text: "just me, 1.5 million pounds, right away",
    authority: dm(),
    money: money(1500000, { currency: "GBP" }),
    timing: asap,
  },
  { text: "procurement handles it, next quarter", authority: shared, money: null, timing: [60, 130] },
  {
    text: "our CEO decides, we need it by end of year",
    authority: influencer,
    noTitle: true,
    money: null,
    timing: [30, 40],
  },
  {
    text: "I'm the owner and I want it live in 10 days for under $2,000",
    authority: dm(),
    money: money(2000, { bound: "under", max: 2000 }),
    timing: exact(10),
  },
  { text: "Founder here 👋 we have 30k, need it asap 🙏", authority: dm(), money: money(30000), timing: asap },
  {
    text: "head of growth, 2k/mo, next month",
    authority: dm(),
    authoritySure: false,
    money: money(2000, { period: "month" }),
    timing: [30, 62],
  },
  {
    text: "The board decides. Budget is 250k per year. Q2.",
    authority: shared,
    money: money(250000, { period: "year" }),
    timing: [210, 220],
  },
  { text: "I'm the CFO and we can afford 75k", authority: dm("CFO"), money: money(75000), timing: null },
  {
    text: "VP of Sales; need it within 2 weeks",
    authority: dm(),
    authoritySure: false,
    money: null,
    timing: exact(14),
  },
  { text: "team lead, no timeline", authority: influencer, authoritySure: false, money: null, timing: "none" },
  {
    text: "20-30k, Q3",
    authority: null,
    money: money(25000, { bound: "range", min: 20000, max: 30000 }),
    timing: [300, 315],
  },
  { text: "our CMO decides, we want it in Q1", authority: influencer, noTitle: true, money: null, timing: [120, 130] },
  { text: "about 40k by Q3", authority: null, money: money(40000), timing: [300, 315] },
  { text: "under 10k, by March 2027", money: money(10000, { bound: "under", max: 10000 }), timing: [120, 130] },
  { text: "2k a month starting next month", money: money(2000, { period: "month" }), timing: [30, 62] },
  { text: "we have 12 people and 40k", money: money(40000), timing: null },
  { text: "we need it live in 6 weeks and the CFO decides", authority: influencer, money: null, timing: exact(42) },
  { text: "no budget yet, just researching", asked: true, money: { kind: "none" }, timing: "none", authority: null },
  { text: "not sure", asked: true, money: { kind: "unknown" }, timing: "unknown", authority: { kind: "unknown" } },
  {
    text: "I'm the CEO, ana@acme.io, 50k, Q1",
    email: "ana@acme.io",
    phone: null,
    authority: dm("CEO"),
    money: money(50000),
    timing: [120, 130],
  },
  { text: "call me at 415-555-0123", phone: "4155550123", email: null, money: null, timing: null },
  {
    text: "CTO, call me on 07700 900123 next week",
    phone: "07700900123",
    authority: dm("CTO"),
    money: null,
    timing: [7, 14],
  },
  // Timing words are not money and not authority.
  { text: "in 6 weeks", money: null, authority: null, timing: exact(42) },
  { text: "in 10 days", money: null, timing: exact(10) },
  { text: "in 3 months", money: null, timing: exact(90) },
  { text: "Q3", money: null, authority: null, timing: [300, 315] },
  { text: "Q1 next year", money: null, timing: [120, 130] },
  { text: "end of Q4", money: null, timing: [1, 40] },
  { text: "December", money: null, authority: null, timing: [30, 40] },
  { text: "march", money: null, timing: [120, 130] },
  { text: "6 months", money: null, timing: [175, 185] },
  { text: "a couple of weeks", money: null, timing: [10, 21] },
  { text: "by 2027", money: null, authority: null },
  { text: "we're a team of 12 and need it in 2 weeks", money: null, timing: exact(14) },
  { text: "a team of 12", money: null, timing: null, authority: null },
  // Someone else's title is not a decision maker, and not money or timing.
  { text: "our CEO decides", authority: influencer, noTitle: true, money: null, timing: null },
  { text: "the CEO decides", authority: influencer, noTitle: true, money: null },
  { text: "I need my CFO's sign-off", authority: influencer, noTitle: true, money: null, timing: null },
  { text: "my boss decides", authority: influencer, money: null, timing: null },
  { text: "CEO", authority: dm("CEO"), money: null, timing: null },
  // Money is not timing or authority.
  { text: "40k", money: money(40000), timing: null, authority: null },
  { text: "we have 50k", money: money(50000), timing: null, authority: null },
  // U6 (issue 14): what visitors typed, read by every extractor.
  { text: "around 40.000 EUR", asked: true, money: money(40000, { currency: "EUR" }), timing: null, authority: null },
  { text: "none right now", asked: true, money: { kind: "none" }, timing: null, authority: null },
  { text: "zero", asked: true, money: { kind: "none" }, timing: null },
  { text: "zero", money: null, timing: null, authority: null },
  { text: "qualification is manual today", money: null, timing: null, authority: null },
  { text: "exploring options", money: null, timing: null, authority: null },
  { text: "I'm not involved in purchasing", authority: influencer, money: null, timing: null },
  { text: "I'm the owner of the company, we need it today", authority: dm("Owner"), timing: [0, 1], money: null },
  {
    text: "Head of Sales here, 40.000€ per year, Q1",
    authority: dm("Head of Sales"),
    authoritySure: false,
    money: money(40000, { currency: "EUR", period: "year" }),
    timing: [120, 130],
  },
  {
    text: "today we use spreadsheets, budget around 20.000 EUR",
    timing: null,
    money: money(20000, { currency: "EUR" }),
  },
  { text: "we get 200 leads a month and lose half", timing: null, money: null, authority: null },
  {
    text: "1.500,50 € a month",
    asked: true,
    money: money(1500.5, { currency: "EUR", period: "month" }),
    timing: null,
    phone: null,
  },
  { text: "I don't make decisions, my boss does, we need it asap", authority: influencer, timing: asap, money: null },
  { text: "I'd rather not give my email", email: null, phone: null, money: null, timing: null, authority: null },
  // Nothing at all.
  { text: "I like turtles", money: null, authority: null, timing: null, email: null, phone: null },
  { text: "hello", money: null, authority: null, timing: null, email: null, phone: null },
];

describe("U5 mixed: one message, several extractors", () => {
  for (const row of rows) {
    it(`${JSON.stringify(row.text)}${row.asked ? " (budget asked)" : ""}`, () => {
      if (row.money !== undefined) {
        const r = extractMoney(row.text, { currency: "USD", expected: row.asked ?? false });
        if (row.money === null) expect(r, "money").toBeNull();
        else expect(r?.value, "money").toMatchObject(row.money);
      }
      if (row.authority !== undefined) {
        const r = extractAuthority(row.text);
        if (row.authority === null) expect(r, "authority").toBeNull();
        else {
          expect(r?.value, "authority").toMatchObject(row.authority);
          if (row.authoritySure !== undefined) expect(r?.sure, "authority sure").toBe(row.authoritySure);
          if (row.noTitle) expect((r?.value as AuthorityValue | undefined)?.title, "authority title").toBeUndefined();
        }
      }
      if (row.timing !== undefined) {
        const r = extractTiming(row.text, now);
        const want = row.timing;
        if (want === null) expect(r, "timing").toBeNull();
        else if (typeof want === "string") expect(r?.value, "timing").toMatchObject({ kind: want });
        else {
          expect(r?.value, "timing").toMatchObject({ kind: "timing" });
          const days = (r?.value as TimingValue | undefined)?.days;
          expect(days, "timing days").toBeGreaterThanOrEqual(want[0]);
          expect(days, "timing days").toBeLessThanOrEqual(want[1]);
        }
      }
      if (row.email !== undefined) {
        const r = extractEmail(row.text);
        if (row.email === null) expect(r, "email").toBeNull();
        else expect(r?.value, "email").toMatchObject({ kind: "email", email: row.email });
      }
      if (row.phone !== undefined) {
        const r = extractPhone(row.text);
        if (row.phone === null) expect(r, "phone").toBeNull();
        else expect(r?.value, "phone").toMatchObject({ kind: "phone", phone: row.phone });
      }
    });
  }
});
