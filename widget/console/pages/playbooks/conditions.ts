// Pure helpers of the condition controls: a condition (shared/engine/schema.ts) read as rows of "question, test,
// value" or of one behaviour condition, all or any of them, and each test the engine can make on a question's kind
// of answer. A condition the rows cannot show (nested all / any / not) is left to the JSON box.
import type { AnswerType } from "../../../../shared/engine/playbook.ts";
import type { Path } from "./draft.ts";

export type Test = "is" | "isNot" | "atLeast" | "below" | "endsWith" | "known" | "unknown";

export const testNames: Record<Test, string> = {
  is: "is",
  isNot: "is not",
  atLeast: "is at least",
  below: "is below",
  endsWith: "ends with",
  known: "is answered",
  unknown: "is not answered",
};

// The tests that mean something for a kind of answer (conditions.ts in the engine: `is` compares a choice's value,
// an authority level, or "none"; the numbers compare money, timing days or a number; endsWith reads text).
export function testsFor(type: AnswerType | undefined): Test[] {
  if (type === "choice" || type === "authority") return ["is", "isNot", "known", "unknown"];
  if (type === "money" || type === "number" || type === "timing") return ["atLeast", "below", "is", "known", "unknown"];
  if (type === "email" || type === "phone" || type === "text") return ["endsWith", "known", "unknown"];
  return ["is", "isNot", "atLeast", "below", "endsWith", "known", "unknown"];
}

const authorityLevels: [string, string][] = [
  ["decision-maker", "Decision maker"],
  ["shared", "Shares the decision"],
  ["influencer", "Influencer"],
  ["end-user", "End user"],
];

// The values `is` can be given for a question: its options (a choice), the authority levels, their own words, and
// "none" (said they have none); values already in the condition stay listed, so nothing is dropped unseen.
export function valuesFor(
  q: { type?: unknown; options?: unknown } | undefined,
  current: readonly string[],
): [string, string][] {
  const options = Array.isArray(q?.options) ? (q.options as { value?: unknown; label?: unknown }[]) : [];
  const own: [string, string][] =
    q?.type === "choice"
      ? [
          ...options.map((o): [string, string] => [String(o.value), String(o.label ?? o.value)]),
          ["__other", "Their own words"],
        ]
      : q?.type === "authority"
        ? authorityLevels
        : [];
  const all: [string, string][] = [...own, ["none", "None"]];
  for (const v of current) if (!all.some(([value]) => value === v)) all.push([v, v]);
  return all;
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => v !== null && typeof v === "object" && !Array.isArray(v);

// What a visitor did on the site (S7), for scoring rules only: each kind's name and the condition a new row starts
// as (defaults an owner would likely keep: the pricing page, a second visit, back within a week).
export const kinds = {
  page: ["Visited a page", { page: "/pricing*", atLeast: 1 }],
  visits: ["Visits", { visits: 2 }],
  returnedWithinDays: ["Came back within N days", { returnedWithinDays: 7 }],
  event: ["Tracked event", { event: "demo booked", atLeast: 1 }],
  minutesOnSite: ["Time on site", { minutesOnSite: 5 }],
} as const;
export type Kind = keyof typeof kinds;

// The behaviour a row reads, or null when it reads an answer (or is not a row).
export function kindOf(c: unknown): Kind | null {
  if (!isObject(c) || "slot" in c) return null;
  return (Object.keys(kinds) as Kind[]).find((k) => k in c) ?? null;
}

// The test of one row, or null when the value is not one row (a nested all / any, a not of anything but `is`).
export function testOf(c: unknown): Test | null {
  if (!isObject(c)) return null;
  if ("not" in c) return testOf(c.not) === "is" && Object.keys(c).length === 1 ? "isNot" : null;
  if (typeof c.slot !== "string") return null;
  if ("known" in c) return c.known === false ? "unknown" : "known";
  for (const t of ["is", "atLeast", "below", "endsWith"] as const) if (t in c) return t;
  return null;
}

// The leaf a row reads its slot and value from ({not: leaf} for "is not").
export const leafOf = (c: unknown): Loose => {
  const o = isObject(c) ? c : {};
  return isObject(o.not) ? o.not : o;
};

export interface Rows {
  mode: "all" | "any";
  // Where each row is in the draft.
  paths: Path[];
}

// The rows a condition at `path` shows: none (no condition), one (a row), or the items of an all / any of rows;
// null when the controls cannot show it.
export function rowsOf(c: unknown, path: Path): Rows | null {
  const isRow = (r: unknown) => testOf(r) !== null || kindOf(r) !== null;
  if (c === undefined) return { mode: "all", paths: [] };
  if (isRow(c)) return { mode: "all", paths: [path] };
  if (!isObject(c)) return null;
  const mode = "all" in c ? "all" : "any" in c ? "any" : null;
  const list = mode ? c[mode] : null;
  if (!mode || !Array.isArray(list) || Object.keys(c).length !== 1 || !list.every(isRow)) {
    return null;
  }
  return { mode, paths: list.map((_, i) => [...path, mode, i]) };
}

// The condition for a list of rows: none, the one row, or all / any of them.
export function conditionOf(mode: "all" | "any", rows: unknown[]): unknown {
  if (rows.length === 0) return undefined;
  if (rows.length === 1) return rows[0];
  return mode === "all" ? { all: rows } : { any: rows };
}

// A row with another test: the same slot, and the value kept where it still fits.
export function withTest(row: unknown, test: Test, firstValue: string): unknown {
  const leaf = leafOf(row);
  const slot = leaf.slot;
  const was = testOf(row);
  const isValue = was === "is" || was === "isNot" ? leaf.is : firstValue;
  const n = typeof leaf.atLeast === "number" ? leaf.atLeast : typeof leaf.below === "number" ? leaf.below : 0;
  switch (test) {
    case "known":
    case "unknown":
      return { slot, known: test === "known" };
    case "is":
      return { slot, is: isValue };
    case "isNot":
      return { not: { slot, is: isValue } };
    case "atLeast":
      return { slot, atLeast: n };
    case "below":
      return { slot, below: n };
    case "endsWith":
      return { slot, endsWith: Array.isArray(leaf.endsWith) ? leaf.endsWith : [] };
  }
}

// A row on another question: its test kept when that question's answers have it, else the first they have.
export function withSlot(row: unknown, slot: string, tests: readonly Test[], firstValue: string): unknown {
  const was = testOf(row) ?? "known";
  const test = tests.includes(was) ? was : (tests[0] ?? "known");
  // The values of `is` belong to the old question: start from the new one's first.
  const fresh = test === "is" || test === "isNot" ? { slot, is: firstValue } : { ...leafOf(row), slot };
  return withTest(test === "isNot" ? { not: fresh } : fresh, test, firstValue);
}
