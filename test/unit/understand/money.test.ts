// SPEC.md U1: extractMoney reads a budget from free text (amounts, currencies, word numbers, ranges, bounds,
// periods, "no budget", "not sure", bare numbers when the budget was asked, typos, odd spacing, punctuation,
// emoji) and returns null when nothing money-like is said, or when a figure is not money because it was not asked.
import { describe, expect, it } from "vitest";
import {
  type Currency,
  extractMoney,
  type MoneyValue,
  type NoneValue,
  type UnknownValue,
} from "../../../shared/engine/understand/index.ts";

type Want = Partial<MoneyValue> | NoneValue | UnknownValue | null;

interface Row {
  text: string;
  want: Want;
  // Did the bot just ask the budget question? Defaults to true.
  expected?: boolean;
  // The playbook's default currency. Defaults to "USD".
  currency?: Currency;
  sure?: boolean;
}

const money = (amount: number, extra: Partial<MoneyValue> = {}): Partial<MoneyValue> => ({
  kind: "money",
  amount,
  ...extra,
});
const range = (min: number, max: number, extra: Partial<MoneyValue> = {}): Partial<MoneyValue> =>
  money((min + max) / 2, { bound: "range", min, max, ...extra });
const under = (max: number, extra: Partial<MoneyValue> = {}): Partial<MoneyValue> =>
  money(max, { bound: "under", max, ...extra });
const atLeast = (min: number, extra: Partial<MoneyValue> = {}): Partial<MoneyValue> =>
  money(min, { bound: "at-least", min, ...extra });
const none: NoneValue = { kind: "none" };
const unknown: UnknownValue = { kind: "unknown" };

function check(rows: Row[]) {
  for (const row of rows) {
    const asked = row.expected ?? true;
    const currency = row.currency ?? "USD";
    const name = `${JSON.stringify(row.text)}${asked ? "" : " (not asked)"}${row.currency ? ` [${currency}]` : ""}`;
    it(name, () => {
      const r = extractMoney(row.text, { currency, expected: asked });
      if (row.want === null) {
        expect(r).toBeNull();
        return;
      }
      expect(r).not.toBeNull();
      expect(r?.value).toMatchObject(row.want);
      if (row.sure !== undefined) expect(r?.sure).toBe(row.sure);
    });
  }
}

describe("U1 money", () => {
  describe("U1 one figure, bound about", () => {
    check([
      { text: "40k", want: money(40000, { bound: "about", period: "unspecified", currency: "USD" }), sure: true },
      { text: "about 40k", want: money(40000, { bound: "about", period: "unspecified" }), sure: true },
      { text: "~40k", want: money(40000, { bound: "about" }) },
      { text: "40K", want: money(40000, { bound: "about" }) },
      { text: "40 k", want: money(40000, { bound: "about" }) },
      { text: "$40,000", want: money(40000, { bound: "about", currency: "USD" }), sure: true },
      { text: "40,000 dollars", want: money(40000, { currency: "USD" }) },
      { text: "USD 40000", want: money(40000, { currency: "USD" }) },
      { text: "forty thousand", want: money(40000, { bound: "about" }) },
      { text: "around 40k", want: money(40000, { bound: "about" }) },
      { text: "roughly $40k", want: money(40000, { bound: "about" }) },
      { text: "40 thousand", want: money(40000) },
      { text: "40 grand", want: money(40000) },
      { text: "we have about 40k", want: money(40000) },
      { text: "our budget is around $40,000", want: money(40000) },
      { text: "1.5m", want: money(1500000) },
      { text: "$1.5M", want: money(1500000, { currency: "USD" }) },
      { text: "2 million", want: money(2000000) },
      { text: "$250k", want: money(250000) },
      { text: "$500", want: money(500, { currency: "USD" }) },
    ]);
  });

  describe("U1 currency from a sign or word, else the playbook's", () => {
    check([
      { text: "€40k", want: money(40000, { currency: "EUR" }) },
      { text: "40k euros", want: money(40000, { currency: "EUR" }) },
      { text: "40 000 EUR", want: money(40000, { currency: "EUR" }) },
      { text: "EUR 15k", want: money(15000, { currency: "EUR" }) },
      { text: "€500", want: money(500, { currency: "EUR" }) },
      { text: "500 euros", want: money(500, { currency: "EUR" }) },
      { text: "2 million euros", want: money(2000000, { currency: "EUR" }) },
      { text: "£1.5m", want: money(1500000, { currency: "GBP" }) },
      { text: "1.5 million pounds", want: money(1500000, { currency: "GBP" }) },
      { text: "GBP 1.5m", want: money(1500000, { currency: "GBP" }) },
      { text: "£20k", want: money(20000, { currency: "GBP" }) },
      { text: "20k GBP", want: money(20000, { currency: "GBP" }) },
      { text: "40k", currency: "EUR", want: money(40000, { currency: "EUR" }) },
      { text: "40k", currency: "GBP", want: money(40000, { currency: "GBP" }) },
      { text: "$40k", currency: "EUR", want: money(40000, { currency: "USD" }) },
      { text: "€40k", currency: "GBP", want: money(40000, { currency: "EUR" }) },
    ]);
  });

  describe("U1 numbers in words", () => {
    check([
      { text: "ten grand", want: money(10000) },
      { text: "three grand", want: money(3000) },
      { text: "five thousand dollars", want: money(5000, { currency: "USD" }) },
      { text: "twenty thousand", want: money(20000) },
      { text: "fifty thousand", want: money(50000) },
      { text: "half a million", want: money(500000) },
      { text: "a million", want: money(1000000) },
      { text: "two million", want: money(2000000) },
      { text: "twenty-five k", want: money(25000) },
    ]);
  });

  describe("U1 ranges: min, max and the midpoint", () => {
    check([
      { text: "20-30k", want: range(20000, 30000) },
      { text: "20k-30k", want: range(20000, 30000) },
      { text: "20 to 30k", want: range(20000, 30000) },
      { text: "between 20k and 30k", want: range(20000, 30000) },
      { text: "20k–30k", want: range(20000, 30000) },
      { text: "20k to 30k", want: range(20000, 30000) },
      { text: "$20k-$30k", want: range(20000, 30000, { currency: "USD" }) },
      { text: "20 - 30k", want: range(20000, 30000) },
      { text: "1-2m", want: range(1000000, 2000000) },
      { text: "between $10,000 and $20,000", want: range(10000, 20000) },
      { text: "20-30k a year", want: range(20000, 30000, { period: "year" }) },
      { text: "€20k-30k", want: range(20000, 30000, { currency: "EUR" }) },
    ]);
  });

  describe("U1 bounds", () => {
    check([
      { text: "under 5k", want: under(5000) },
      { text: "less than 5k", want: under(5000) },
      { text: "below 5k", want: under(5000) },
      { text: "up to 5k", want: under(5000) },
      { text: "no more than 5k", want: under(5000) },
      { text: "max 5k", want: under(5000) },
      { text: "< 5k", want: under(5000) },
      { text: "under $5,000", want: under(5000) },
      { text: "Under 5K!", want: under(5000) },
      { text: "at least 50k", want: atLeast(50000) },
      { text: "over 50k", want: atLeast(50000) },
      { text: "more than 50k", want: atLeast(50000) },
      { text: "50k+", want: atLeast(50000) },
      { text: "north of 50k", want: atLeast(50000) },
      { text: "above 50k", want: atLeast(50000) },
      { text: "minimum 50k", want: atLeast(50000) },
      { text: "over $100k", want: atLeast(100000) },
      { text: "at least €50k", want: atLeast(50000, { currency: "EUR" }) },
    ]);
  });

  describe("U1 periods", () => {
    check([
      { text: "2k a month", want: money(2000, { period: "month" }) },
      { text: "2k per month", want: money(2000, { period: "month" }) },
      { text: "2k/mo", want: money(2000, { period: "month" }) },
      { text: "2k monthly", want: money(2000, { period: "month" }) },
      { text: "2,000 a month", want: money(2000, { period: "month" }) },
      { text: "$500 a month", want: money(500, { period: "month" }) },
      { text: "50k a year", want: money(50000, { period: "year" }) },
      { text: "50k per year", want: money(50000, { period: "year" }) },
      { text: "50k/yr", want: money(50000, { period: "year" }) },
      { text: "50k annually", want: money(50000, { period: "year" }) },
      { text: "50k per annum", want: money(50000, { period: "year" }) },
      { text: "50k yearly", want: money(50000, { period: "year" }) },
      { text: "one-off 10k", want: money(10000, { period: "once" }) },
      { text: "10k one time", want: money(10000, { period: "once" }) },
    ]);
  });

  describe("U1 no budget (none) and not sure (unknown)", () => {
    check([
      { text: "no budget yet", want: none, sure: true },
      { text: "no budget", want: none },
      { text: "we don't have a budget", want: none },
      { text: "I don't have a budget", want: none },
      { text: "zero budget", want: none },
      { text: "nothing allocated", want: none },
      { text: "NO BUDGET YET", want: none },
      { text: "honestly no budget yet 😅", want: none },
      { text: "we dont have a budget", want: none },
      { text: "not sure", want: unknown, sure: true },
      { text: "don't know", want: unknown },
      { text: "no idea", want: unknown },
      { text: "TBD", want: unknown },
      { text: "it depends", want: unknown },
      { text: "Not sure!!", want: unknown },
    ]);
  });

  describe("U1 bare numbers when the budget was asked", () => {
    check([
      { text: "40", want: money(40000), sure: false },
      { text: "about 40", want: money(40000), sure: false },
      { text: "150", want: money(150000), sure: false },
      { text: "999", want: money(999000), sure: false },
      { text: "1000", want: money(1000), sure: true },
      { text: "3000", want: money(3000), sure: true },
      { text: "5000", want: money(5000), sure: true },
      { text: "25000", want: money(25000), sure: true },
      { text: "40000", want: money(40000), sure: true },
    ]);
  });

  describe("U1 odd spacing, case, punctuation and emoji", () => {
    check([
      { text: "  40   k ", want: money(40000) },
      { text: "$ 40k", want: money(40000) },
      { text: "40k$", want: money(40000) },
      { text: "  ABOUT   40K  ", want: money(40000, { bound: "about" }) },
      { text: "40k!!", want: money(40000) },
      { text: "40k.", want: money(40000) },
      { text: "~40k?", want: money(40000) },
      { text: "(40k)", want: money(40000) },
      { text: "About 40K...", want: money(40000) },
      { text: "40k 🙏", want: money(40000) },
      { text: "💰 40k", want: money(40000) },
    ]);
  });

  describe("U1 typos of one letter in words of 5+ letters", () => {
    check([
      { text: "aprox 40k", want: money(40000) },
      { text: "abuot 40k", want: money(40000) },
      { text: "arround 40k", want: money(40000) },
      { text: "fourty thousand", want: money(40000) },
      { text: "forty thousnd", want: money(40000) },
      { text: "50k anually", want: money(50000, { period: "year" }) },
      { text: "2k montly", want: money(2000, { period: "month" }) },
      { text: "at lesat 50k", want: atLeast(50000) },
      { text: "betwen 20k and 30k", want: range(20000, 30000) },
      { text: "no budegt yet", want: none },
      { text: "we dont have a buget", want: none },
      { text: "it depnds", want: unknown },
    ]);
  });

  describe("U1 nothing money-like: null", () => {
    check([
      { text: "hello", want: null },
      { text: "I like turtles", want: null },
      { text: "", want: null },
      { text: "???", want: null },
      { text: "🙏", want: null },
      { text: "I'm the CEO", want: null },
    ]);
  });

  describe("U6 European number formats: the pattern of separators decides", () => {
    check([
      { text: "around 40.000 EUR", want: money(40000, { bound: "about", currency: "EUR" }), sure: true },
      { text: "40.000 EUR", want: money(40000, { currency: "EUR" }) },
      { text: "EUR 40.000", want: money(40000, { currency: "EUR" }) },
      { text: "40.000€", want: money(40000, { currency: "EUR" }) },
      { text: "€40.000", want: money(40000, { currency: "EUR" }) },
      { text: "1.500,50 €", want: money(1500.5, { currency: "EUR" }) },
      { text: "1500,50 €", want: money(1500.5, { currency: "EUR" }) },
      { text: "1.500 €", want: money(1500, { currency: "EUR" }), sure: true },
      { text: "1.500.000 EUR", want: money(1500000, { currency: "EUR" }) },
      { text: "15.000 euro", want: money(15000, { currency: "EUR" }) },
      { text: "we have like 40.000 eur", want: money(40000, { currency: "EUR" }) },
      { text: "ca. 25.000 EUR per year", want: money(25000, { currency: "EUR", period: "year" }) },
      { text: "40.000 EUR a year", want: money(40000, { currency: "EUR", period: "year" }) },
      { text: "€1.200 per month", want: money(1200, { currency: "EUR", period: "month" }) },
      { text: "1.200€/month", want: money(1200, { currency: "EUR", period: "month" }) },
      { text: "max. 10.000 €", want: under(10000, { currency: "EUR" }) },
      { text: "budget is 30.000€ max", want: under(30000, { currency: "EUR" }) },
      { text: "10.000-20.000 EUR", want: range(10000, 20000, { currency: "EUR" }) },
      { text: "between 10.000 and 20.000 euros", want: range(10000, 20000, { currency: "EUR" }) },
      { text: "1,5 million euros", want: money(1500000, { currency: "EUR" }) },
      { text: "2,5k", want: money(2500) },
      { text: "2.5k", want: money(2500) },
      { text: "$1,500.50", want: money(1500.5, { currency: "USD" }) },
      { text: "$1,500", want: money(1500, { currency: "USD" }) },
      { text: "USD 2,500.00", want: money(2500, { currency: "USD" }) },
      { text: "1.5 m", want: money(1500000) },
      { text: "1.500", want: money(1500), sure: true },
      { text: "EUR 40.000", expected: false, want: money(40000, { currency: "EUR" }) },
      { text: "around 40.000 EUR", expected: false, want: money(40000, { currency: "EUR" }) },
    ]);
  });

  describe("U6 words for nothing, said to the budget question: no budget, never $0", () => {
    check([
      { text: "zero", want: none, sure: true },
      { text: "Zero.", want: none },
      { text: "nothing", want: none },
      { text: "none", want: none },
      { text: "nada", want: none },
      { text: "nada 😅", want: none },
      { text: "zilch", want: none },
      { text: "0", want: none, sure: true },
      { text: "$0", want: none },
      { text: "0 dollars", want: none },
      { text: "0k", want: none },
      { text: "none right now", want: none },
      { text: "nothing right now", want: none },
      { text: "none so far", want: none },
      { text: "nothing at the moment", want: none },
      { text: "honestly nothing yet", want: none },
      { text: "zero atm lol", want: none },
      { text: "no money", want: none },
      { text: "we have no money for this", want: none },
      { text: "nothing set aside", want: none },
      { text: "nothing set aside yet", want: none, expected: false },
      { text: "not a cent", want: none },
      { text: "0-5k", want: range(0, 5000) },
      { text: "nothing yet but maybe 10k next year", want: money(10000) },
      { text: "nothing decided yet", want: unknown },
      { text: "none of your business", want: null },
      { text: "zero", expected: false, want: null },
      { text: "nothing", expected: false, want: null },
      { text: "none", expected: false, want: null },
      { text: "0", expected: false, want: null },
      { text: "none right now", expected: false, want: null },
    ]);
  });

  describe("U1 budget not asked (expected: false)", () => {
    check([
      { text: "in 6 weeks", expected: false, want: null },
      { text: "in 10 days", expected: false, want: null },
      { text: "Q3", expected: false, want: null },
      { text: "end of Q4", expected: false, want: null },
      { text: "Q1 next year", expected: false, want: null },
      { text: "by 2027", expected: false, want: null },
      { text: "a team of 12", expected: false, want: null },
      { text: "we're 50 people", expected: false, want: null },
      { text: "40", expected: false, want: null },
      { text: "3000", expected: false, want: null },
      { text: "next month", expected: false, want: null },
      { text: "hello", expected: false, want: null },
      { text: "not sure", expected: false, want: null },
      { text: "don't know", expected: false, want: null },
      { text: "no idea", expected: false, want: null },
      { text: "TBD", expected: false, want: null },
      { text: "it depends", expected: false, want: null },
      { text: "about 40k", expected: false, want: money(40000, { bound: "about" }) },
      { text: "$40,000", expected: false, want: money(40000, { currency: "USD" }) },
      { text: "40 grand", expected: false, want: money(40000) },
      { text: "forty thousand", expected: false, want: money(40000) },
      { text: "€500", expected: false, want: money(500, { currency: "EUR" }) },
      { text: "50k a year", expected: false, want: money(50000, { period: "year" }) },
      { text: "1.5 million pounds", expected: false, want: money(1500000, { currency: "GBP" }) },
      { text: "we can spend 3000", expected: false, want: money(3000) },
      { text: "we can afford 5000", expected: false, want: money(5000) },
      { text: "our budget is 20,000", expected: false, want: money(20000) },
      { text: "we could pay 2,000 a month", expected: false, want: money(2000, { period: "month" }) },
    ]);
  });
});
