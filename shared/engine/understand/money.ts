// U1: budgets. Amounts with currency and magnitude, spelled-out numbers, ranges, bounds and periods.
import { wordsToDigits } from "./numbers.ts";
import { fixTypos, hasPhrase, normalize } from "./text.ts";
import type { Bound, Currency, MoneyValue, NoneValue, Period, Reading, UnknownValue } from "./values.ts";

const nonePhrases = [
  "no budget",
  "no budget yet",
  "don't have a budget",
  "dont have a budget",
  "do not have a budget",
  "don't have budget",
  "haven't got a budget",
  "have no budget",
  "zero budget",
  "nothing allocated",
  "no money",
  "without a budget",
  "budget is zero",
  "not budgeted",
];
const unknownPhrases = [
  "not sure",
  "unsure",
  "don't know",
  "dont know",
  "no idea",
  "tbd",
  "it depends",
  "depends",
  "dunno",
  "not decided",
  "undecided",
];
const vocabulary = [
  "annually",
  "monthly",
  "yearly",
  "annum",
  "least",
  "maximum",
  "minimum",
  "million",
  "thousand",
  "dollars",
  "euros",
  "pounds",
  "budget",
  "between",
  "under",
  "below",
  "above",
  "about",
  "around",
  "roughly",
  "approximately",
];
const budgetWords = /\b(budget|spend|spending|afford|pay|invest|price|cost|allocated|set aside)\b/;

const currencyWords: [RegExp, Currency][] = [
  [/^(\$|usd|dollars?|bucks)$/, "USD"],
  [/^(€|eur|euros?)$/, "EUR"],
  [/^(£|gbp|pounds?|quid)$/, "GBP"],
];
const magnitudes: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  grand: 1e3,
  m: 1e6,
  mm: 1e6,
  mil: 1e6,
  million: 1e6,
};
// A figure directly followed by one of these counts something other than money ("6 weeks", "12 people").
const notMoneyAfter =
  /^\s*((days?|weeks?|wks?|months?|mos?|years?|yrs?|hours?|hrs?|minutes?|mins?|people|employees|users|seats|reps|staff|persons|percent|x|times)\b|%)/;

const amountPattern =
  /(\$|€|£|\busd|\beur|\bgbp)?\s*(?<![\w.])(\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+(?![\d])|\d+)(\.\d+)?\s*(k|mm|m|mil|million|thousand|grand)?(?![a-z])\s*(\$|€|£|usd\b|eur\b|gbp\b|dollars?\b|bucks\b|euros?\b|pounds?\b|quid\b)?/g;

interface Figure {
  value: number;
  unitless: boolean;
  magnitude: number | undefined;
  currency: Currency | undefined;
  start: number;
  end: number;
}

function currencyOf(word: string | undefined): Currency | undefined {
  if (!word) return undefined;
  const w = word.trim();
  return currencyWords.find(([re]) => re.test(w))?.[1];
}

function figures(text: string): Figure[] {
  const out: Figure[] = [];
  for (const m of text.matchAll(amountPattern)) {
    const [whole, pre, int, frac, mag, post] = m;
    const start = (m.index ?? 0) + (whole.length - whole.trimStart().length);
    const end = (m.index ?? 0) + whole.length;
    if (notMoneyAfter.test(text.slice(end - (post || mag ? 0 : whole.length - whole.trimEnd().length)))) continue;
    if (/q\s*$/.test(text.slice(Math.max(0, start - 2), start))) continue;
    const magnitude = mag ? magnitudes[mag] : undefined;
    const value = Number(`${(int ?? "").replace(/[ ,]/g, "")}${frac ?? ""}`) * (magnitude ?? 1);
    // Nobody budgets a trillion: such a figure is noise, and it would not survive JSON as Infinity.
    if (!Number.isFinite(value) || value > 1e12) continue;
    const currency = currencyOf(pre) ?? currencyOf(post);
    // A year ("by 2027") is not a budget unless it carries a currency.
    if (!currency && !magnitude && /^(19|20)\d\d$/.test(int ?? "") && !frac) continue;
    out.push({ value, unitless: !currency && !magnitude, magnitude, currency, start, end });
  }
  return out;
}

const underBefore =
  /(under|less than|below|up to|upto|no more than|not more than|max|maximum|at most|<|within|tops)\s*$/;
const atLeastBefore =
  /(at least|over|more than|north of|above|minimum|min|upwards of|in excess of|>|starting at|from)\s*$/;
const periods: [RegExp, Period][] = [
  [/^\s*(a|per|\/|each|every)?\s*(month|mo|mth)\b|^\s*monthly\b|^\s*\/\s*mo/, "month"],
  [/^\s*(a|per|\/|each|every)?\s*(year|yr|annum)\b|^\s*(annually|yearly|annual)\b|^\s*\/\s*yr/, "year"],
];

function periodAfter(rest: string, whole: string): Period {
  const next = rest.replace(/^\s*(\+|or (more|less|so)\b|plus\b|max\b|tops\b|ish\b)/, "").slice(0, 24);
  for (const [re, period] of periods) if (re.test(next)) return period;
  if (/\b(one[- ]?off|one[- ]?time|once|single payment|lump sum)\b/.test(whole)) return "once";
  if (/\b(per month|a month|monthly|\/mo)\b/.test(whole)) return "month";
  if (/\b(per year|a year|annually|yearly|per annum|\/yr)\b/.test(whole)) return "year";
  return "unspecified";
}

export function extractMoney(
  text: string,
  opts: { currency: Currency; expected: boolean },
): Reading<MoneyValue | NoneValue | UnknownValue> | null {
  const n = fixTypos(normalize(text), vocabulary);
  if (hasPhrase(n, nonePhrases)) return { value: { kind: "none" }, sure: true };
  const t = wordsToDigits(n);
  const found = figures(t);
  const context = opts.expected || budgetWords.test(t);
  const usable = found.filter((f) => !f.unitless || context);
  if (usable.length === 0) {
    return opts.expected && hasPhrase(n, unknownPhrases) ? { value: { kind: "unknown" }, sure: true } : null;
  }
  const currency =
    found.find((f) => f.currency)?.currency ??
    currencyOf(/\b(dollars?|euros?|pounds?)\b/.exec(t)?.[0]) ??
    opts.currency;

  // A range: "20-30k", "between 20k and 30k", "20 to 30 thousand". A bare first figure shares the second's scale.
  for (let i = 0; i + 1 < found.length; i++) {
    const a = found[i] as Figure;
    const b = found[i + 1] as Figure;
    if (a.unitless && b.unitless && !context) continue;
    const between = t.slice(a.end, b.start);
    const joined =
      /^\s*(-|to)\s*$/.test(between) || (/^\s*and\s*$/.test(between) && /between\s*$/.test(t.slice(0, a.start)));
    if (!joined) continue;
    const low = a.magnitude || !b.magnitude || a.value * b.magnitude > b.value ? a.value : a.value * b.magnitude;
    const high = b.value;
    if (low >= high) continue;
    const scale = a.unitless && b.unitless && high < 1000 ? 1000 : 1;
    const value: MoneyValue = {
      kind: "money",
      amount: ((low + high) / 2) * scale,
      min: low * scale,
      max: high * scale,
      currency,
      period: periodAfter(t.slice(b.end), n),
      bound: "range",
    };
    return { value, sure: scale === 1 };
  }

  const first = usable.find((f) => !f.unitless) ?? (usable[0] as Figure);

  // Bare small numbers are read as thousands ("about 40" after "what budget?") and confirmed.
  const scale = first.unitless && first.value < 1000 ? 1000 : 1;
  const amount = first.value * scale;
  const before = t.slice(0, first.start);
  const after = t.slice(first.end);
  let bound: Bound = "about";
  if (underBefore.test(before) || /^\s*(or less|or under|max|tops)\b/.test(after)) bound = "under";
  else if (atLeastBefore.test(before) || /^\s*(\+|plus\b|or more\b|and up\b|upwards\b)/.test(after)) bound = "at-least";
  const value: MoneyValue = { kind: "money", amount, currency, period: periodAfter(after, n), bound };
  if (bound === "under") value.max = amount;
  if (bound === "at-least") value.min = amount;
  return { value, sure: scale === 1 };
}
