// Pure helpers of the playbook editor: immutable edits of the draft, and where a validation error is shown.
// The draft is what the owner is typing, valid or not; parsePlaybook decides what may be published.
import { copyKeys as requiredCopyKeys } from "../../../../shared/engine/schema.ts";
import type { FieldError } from "../../../../shared/protocol/index.ts";

export type Path = (string | number)[];

// Replaces the value at `path`, copying only the objects and arrays on the way. `undefined` removes an object key,
// so clearing an optional field leaves no `"means": ""` behind for the schema to refuse.
export function setIn<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const container = (root ?? (typeof head === "number" ? [] : {})) as Record<string | number, unknown>;
  const next = setIn(container[head as string], rest, value);
  if (Array.isArray(container)) {
    const copy = [...container];
    copy[head as number] = next;
    return copy as T;
  }
  const copy = { ...container };
  if (next === undefined) delete copy[head as string];
  else copy[head as string] = next;
  return copy as T;
}

export function getIn(root: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined),
    root,
  );
}

// Moves item `i` by `delta` places; out of range leaves the list as it is.
export function move<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = i + delta;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(i, 1);
  copy.splice(j, 0, item as T);
  return copy;
}

export function removeAt<T>(list: readonly T[], i: number): T[] {
  return list.filter((_, k) => k !== i);
}

export const pathKey = (path: Path): string => path.join(".");

// A DOM id for the control at a path ("questions.2.text" -> "pb-questions-2-text").
export function fieldId(path: string): string {
  return `pb-${path.replace(/[^a-zA-Z0-9_-]/g, "-") || "playbook"}`;
}

// The control an error belongs to: the error's own path when the form has a control there, else the nearest
// enclosing part that has one (an unknown key inside a question lands on the question), else the top.
export function anchorOf(path: string, shown: ReadonlySet<string>): string {
  const parts = path ? path.split(".") : [];
  for (let n = parts.length; n > 0; n--) {
    const p = parts.slice(0, n).join(".");
    if (shown.has(p)) return p;
  }
  return "";
}

// Errors grouped by the control that shows them.
export function errorsByAnchor(fields: readonly FieldError[], shown: ReadonlySet<string>): Map<string, string[]> {
  const by = new Map<string, string[]>();
  for (const f of fields) {
    const at = anchorOf(f.path, shown);
    by.set(at, [...(by.get(at) ?? []), f.message]);
  }
  return by;
}

// Whether a value from the JSON view can drive the form: the form walks these lists and objects, so they must
// be there with the right shape (their contents may still be invalid, and are then shown as errors).
export function formProblem(value: unknown): string | null {
  const o = value as Record<string, unknown> | null;
  if (o === null || typeof o !== "object" || Array.isArray(o)) return "The playbook must be a JSON object.";
  const scoring = o.scoring as Record<string, unknown> | null | undefined;
  const isObject = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);
  if (!isObject(o.copy)) return "The form needs a copy object.";
  if (!Array.isArray(o.questions) || !o.questions.every(isObject)) return "The form needs a questions list.";
  for (const q of o.questions as Record<string, unknown>[]) {
    if (q.options !== undefined && (!Array.isArray(q.options) || !q.options.every(isObject)))
      return "Each question's options must be a list of objects.";
  }
  if (!isObject(scoring) || !isObject(scoring?.thresholds)) return "The form needs scoring with thresholds.";
  if (!Array.isArray(scoring?.rules) || !scoring.rules.every(isObject)) return "The form needs a scoring rules list.";
  if (!Array.isArray(o.disqualifiers) || !o.disqualifiers.every(isObject))
    return "The form needs a disqualifiers list.";
  if (o.answers !== undefined && (!Array.isArray(o.answers) || !o.answers.every(isObject)))
    return "The form needs answers as a list of objects.";
  return null;
}

// "a, b ,, c" -> ["a", "b", "c"]: lists typed in one box; an empty box is no list at all.
export function splitList(text: string): string[] | undefined {
  const items = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

// One item per line, as the example questions are typed; blank lines are no item.
export function splitLines(text: string): string[] {
  return text
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);
}

// Copy keys in the order the form shows them: the schema's, with the optional humanLater after human.
export type CopyKey = (typeof requiredCopyKeys)[number] | "humanLater";
export const copyKeys: readonly CopyKey[] = requiredCopyKeys.flatMap((k): CopyKey[] =>
  k === "human" ? [k, "humanLater"] : [k],
);

type Loose = Record<string, unknown>;
const list = (v: unknown): Loose[] => (Array.isArray(v) ? (v as Loose[]) : []);

// Every path the form has a control or a group for, given the draft (form.tsx draws exactly these). An error
// anywhere else is shown at the nearest of them (anchorOf).
export function shownPaths(draft: unknown): Set<string> {
  const d = (draft ?? {}) as Loose;
  const shown = ["name", "currency", "humanRequest", "copy", "questions", "scoring", "scoring.thresholds"];
  shown.push("scoring.thresholds.warm", "scoring.thresholds.hot", "scoring.sql", "scoring.rules", "disqualifiers");
  for (const k of copyKeys) shown.push(`copy.${k}`);
  list(d.questions).forEach((q, i) => {
    const at = `questions.${i}`;
    shown.push(at, ...["text", "label", "type", "id", "slot", "when", "optional", "options"].map((k) => `${at}.${k}`));
    if (q.type === "choice") shown.push(`${at}.freeText`);
    list(q.options).forEach((_, j) => {
      const op = `${at}.options.${j}`;
      shown.push(op, ...["label", "value", "synonyms", "means", "disqualify"].map((k) => `${op}.${k}`));
    });
  });
  const scoring = (d.scoring ?? {}) as Loose;
  list(scoring.rules).forEach((r, i) => {
    shown.push(`scoring.rules.${i}`, ...["points", "group", "reason", "when"].map((k) => `scoring.rules.${i}.${k}`));
    behaviourPaths(r.when, `scoring.rules.${i}.when`, shown);
  });
  behaviourPaths(scoring.sql, "scoring.sql", shown);
  if (scoring.decay !== undefined)
    shown.push("scoring.decay", "scoring.decay.afterDays", "scoring.decay.pointsPerWeek");
  list(d.disqualifiers).forEach((_, i) => {
    shown.push(`disqualifiers.${i}`, ...["id", "reason", "phrases"].map((k) => `disqualifiers.${i}.${k}`));
  });
  shown.push("followUp");
  for (const tier of ["warm", "cold"]) {
    shown.push(`followUp.${tier}`);
    list((d.followUp as Loose | undefined)?.[tier]).forEach((_, i) => {
      const at = `followUp.${tier}.${i}`;
      shown.push(at, ...["afterDays", "subject", "text"].map((k) => `${at}.${k}`));
    });
  }
  // An answer's id has no control of its own (the form makes one): its errors are shown on the answer.
  shown.push("answers");
  list(d.answers).forEach((_, i) => {
    const at = `answers.${i}`;
    shown.push(at, ...["topic", "questions", "answer", "link", "link.label", "link.url"].map((k) => `${at}.${k}`));
  });
  return new Set(shown);
}

// A behaviour row's fields (the condition itself or each item of its all / any), so a problem with a page pattern
// or a count is shown at its box (condition-field.tsx draws them).
function behaviourPaths(c: unknown, at: string, shown: string[]) {
  const o = (c ?? {}) as Loose;
  const mode = Array.isArray(o.all) ? "all" : Array.isArray(o.any) ? "any" : null;
  const rows = mode ? list(o[mode]).map((r, i) => [r, `${at}.${mode}.${i}`] as const) : [[o, at] as const];
  for (const [r, p] of rows) {
    if (r === null || typeof r !== "object" || "slot" in r) continue;
    for (const k of ["page", "event", "atLeast", "visits", "returnedWithinDays", "minutesOnSite"]) {
      if (k in r) shown.push(`${p}.${k}`);
    }
  }
}

// Whether the draft says what the live version says: the same values, whatever the order of an object's keys (the
// JSON view may reorder them); the id and version are the server's, not the owner's edits.
export function samePlaybook(draft: unknown, live: unknown): boolean {
  const plain = (v: unknown) => ({ ...(v as Loose), id: undefined, version: undefined });
  return equal(plain(draft), plain(live));
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]));
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const ka = Object.keys(a).filter((k) => (a as Loose)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Loose)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => equal((a as Loose)[k], (b as Loose)[k]));
}
