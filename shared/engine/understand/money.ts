// U1: budgets. Amounts with currency and magnitude, spelled-out numbers, ranges, bounds and periods.
import { wordsToDigits } from "./numbers.ts";
import { detectSkip } from "./skip.ts";
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
  "nothing set aside",
  "nothing budgeted",
  "no funds",
  "no funding",
];
// Said to the budget question, a word for nothing is no budget ("zero", "none right now"), never "about $0".
const nothingWords = [
  "zero",
  "nothing",
  "none",
  "nada",
  "zilch",
  "nil",
  "not a cent",
  "not a penny",
  "not a dime",
  "not a dollar",
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
  "nothing decided",
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

// A figure as written: US groups ("1,500.50"), European groups ("40.000", "1.500,50"), space or apostrophe groups
// ("40 000"), or plain digits with a decimal point or a decimal comma of one or two digits ("2.5", "1500,50").
// Which separator is which is decided by their pattern (`figureValue`), never by the currency.
const amountPattern =
  /(\$|€|£|\busd|\beur|\bgbp)?\s*(?<![\w.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|[.,]\d)|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?(?!\d|[.,]\d)|\d{1,3}(?:[ ']\d{3})+(?:[.,]\d{1,2})?(?!\d|[.,]\d)|\d+(?:,\d{1,2}(?!\d|[.,]\d)|\.\d+)?)\s*(k|mm|m|mil|million|thousand|grand)?(?![a-z])\s*(\$|€|£|usd\b|eur\b|gbp\b|dollars?\b|bucks\b|euros?\b|pounds?\b|quid\b)?/g;

// "1,500.50" and "1.500,50": the last separator followed by one or two digits, or by any digits after the other
// kind, is the decimal mark. A lone dot before exactly three digits groups thousands ("40.000"), except before
// a magnitude ("1.500k" is 1.5k, as "1.5m" is).
function figureValue(raw: string, magnitude: boolean): number {
  const plain = raw.replace(/[ ']/g, "");
  const comma = plain.lastIndexOf(",");
  const dot = plain.lastIndexOf(".");
  if (comma > dot) {
    const decimals = plain.length - comma - 1;
    if (decimals <= 2) return Number(`${plain.slice(0, comma).replace(/\./g, "")}.${plain.slice(comma + 1)}`);
    return Number(plain.replace(/[.,]/g, ""));
  }
  if (comma >= 0) return Number(plain.replace(/,/g, ""));
  if (dot >= 0 && /^\d{1,3}(\.\d{3})+$/.test(plain) && (plain.indexOf(".") !== dot || !magnitude)) {
    return Number(plain.replace(/\./g, ""));
  }
  return Number(plain);
}

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
    const [whole, pre, raw, mag, post] = m;
    const start = (m.index ?? 0) + (whole.length - whole.trimStart().length);
    const end = (m.index ?? 0) + whole.length;
    if (notMoneyAfter.test(text.slice(end - (post || mag ? 0 : whole.length - whole.trimEnd().length)))) continue;
    if (/q\s*$/.test(text.slice(Math.max(0, start - 2), start))) continue;
    const magnitude = mag ? magnitudes[mag] : undefined;
    const value = figureValue(raw ?? "", magnitude !== undefined) * (magnitude ?? 1);
    // Nobody budgets a trillion: such a figure is noise, and it would not survive JSON as Infinity.
    if (!Number.isFinite(value) || value > 1e12) continue;
    const currency = currencyOf(pre) ?? currencyOf(post);
    // A year ("by 2027") is not a budget unless it carries a currency.
    if (!currency && !magnitude && /^(19|20)\d\d$/.test(raw ?? "")) continue;
    out.push({ value, unitless: !currency && !magnitude, magnitude, currency, start, end });
  }
  return out;
}

const underBefore =
  /(under|less than|below|up to|upto|no more than|not more than|max|maximum|at most|<|within|tops)\.?\s*$/;
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
  if (usable.every((f) => f.value === 0)) {
    if (opts.expected && hasPhrase(n, unknownPhrases)) return { value: { kind: "unknown" }, sure: true };
    // "$0" or "0" with budget words is no budget; a word for nothing only when the budget was asked, and not
    // when it declines to say ("none of your business" is a skip, U8).
    const nothing = usable.length > 0 || (opts.expected && hasPhrase(n, nothingWords) && !detectSkip(text));
    return nothing ? { value: { kind: "none" }, sure: true } : null;
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

  const first = usable.find((f) => !f.unitless && f.value > 0) ?? (usable.find((f) => f.value > 0) as Figure);

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
