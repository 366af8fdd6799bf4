// What publishing a draft would change, as an owner reads it: each changed field with its words before and after,
// and the questions, options, rules, disqualifiers, answers and emails added or removed. Pure, so the editor shows
// it before Publish and the server summarises each version of the history with the same words.
import type { PlaybookChange } from "../protocol/playbooks.ts";
import { type BehaviourCondition, isBehaviourCondition } from "./behaviour.ts";
import type { Condition, Playbook, Question } from "./playbook.ts";

export type { PlaybookChange };

// A question's slot and its option values in the words the editor shows them.
interface Names {
  slot(slot: string): string;
  value(slot: string, value: string): string;
}

function namesOf(p: Pick<Playbook, "questions">): Names {
  const bySlot = new Map(p.questions.map((q) => [q.slot, q]));
  return {
    slot: (slot) => bySlot.get(slot)?.label ?? slot,
    value: (slot, value) => {
      if (value === "__other") return "their own words";
      // A choice's own values; other kinds compare levels and "none", which read as they are.
      const q = bySlot.get(slot);
      return (q?.type === "choice" && q.options?.find((o) => o.value === value)?.label) || value;
    },
  };
}

const number = (n: number) => n.toLocaleString("en-US");

// "Budget at least 25,000", "Need is Capture leads or Speed", "Phone is answered or Email is answered".
export function describeCondition(c: Condition, p: Pick<Playbook, "questions">, names = namesOf(p)): string {
  const inner = (x: Condition) =>
    "all" in x || "any" in x ? `(${describeCondition(x, p, names)})` : describeCondition(x, p, names);
  if ("all" in c) return c.all.map(inner).join(" and ");
  if ("any" in c) return c.any.map(inner).join(" or ");
  if ("not" in c) return `not ${inner(c.not)}`;
  if (isBehaviourCondition(c)) return describeBehaviour(c);
  const slot = names.slot(c.slot);
  if ("known" in c) return `${slot} is ${c.known ? "answered" : "not answered"}`;
  if ("is" in c) {
    const values = (Array.isArray(c.is) ? c.is : [c.is]).map((v) => names.value(c.slot, v));
    return `${slot} is ${values.join(" or ")}`;
  }
  if ("endsWith" in c) return `${slot} ends with ${c.endsWith.join(" or ")}`;
  if ("atLeast" in c) return `${slot} at least ${number(c.atLeast)}`;
  return `${slot} below ${number(c.below)}`;
}

const times = (n: number) => `${number(n)} ${n === 1 ? "time" : "times"}`;

// "Visited /pricing* at least 3 times", "At least 2 visits", "Came back within 7 days".
function describeBehaviour(c: BehaviourCondition): string {
  if ("page" in c) return `Visited ${c.page} at least ${times(c.atLeast ?? 1)}`;
  if ("event" in c) return `Event ${c.event} at least ${times(c.atLeast ?? 1)}`;
  if ("visits" in c) return `At least ${number(c.visits)} ${c.visits === 1 ? "visit" : "visits"}`;
  if ("returnedWithinDays" in c) return `Came back within ${number(c.returnedWithinDays)} days`;
  return `At least ${number(c.minutesOnSite)} minutes on the site`;
}

// "-5 a week after 14 days without activity".
export function describeDecay(decay: Playbook["scoring"]["decay"]): string {
  if (!decay) return "none";
  return `${number(decay.pointsPerWeek)} a week after ${number(decay.afterDays)} days without activity`;
}

type Rule = Playbook["scoring"]["rules"][number];

function ruleText(r: Rule, p: Playbook): string {
  const points = r.points > 0 ? `+${r.points}` : String(r.points);
  return `${points} when ${describeCondition(r.when, p)}: ${r.reason}${r.group ? ` (group ${r.group})` : ""}`;
}

// Values as one line of text; undefined stays undefined (the field was not there).
function shown(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number") return number(v);
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.join(", ");
  return JSON.stringify(v);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// One change per field that differs, fields compared by value and named "<prefix>: <field>".
function fieldChanges(
  prefix: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: readonly string[],
  show: (field: string, v: unknown, side: "before" | "after") => string | undefined = (_, v) => shown(v),
): PlaybookChange[] {
  return fields
    .filter((f) => !same(before[f], after[f]))
    .map((f) => ({
      kind: "changed" as const,
      what: prefix ? `${prefix}: ${f}` : f,
      before: show(f, before[f], "before"),
      after: show(f, after[f], "after"),
    }));
}

// Items matched by a key: removed, added, then changed, each in its list's order.
function keyed<T>(
  before: readonly T[],
  after: readonly T[],
  key: (t: T) => string,
  name: (t: T) => string,
  summary: (t: T) => string | undefined,
  changed: (b: T, a: T) => PlaybookChange[],
): PlaybookChange[] {
  const old = new Map(before.map((t) => [key(t), t]));
  const now = new Map(after.map((t) => [key(t), t]));
  return [
    ...before
      .filter((t) => !now.has(key(t)))
      .map((t) => ({ kind: "removed" as const, what: name(t), before: summary(t) })),
    ...after.filter((t) => !old.has(key(t))).map((t) => ({ kind: "added" as const, what: name(t), after: summary(t) })),
    ...after.flatMap((t) => {
      const b = old.get(key(t));
      return b === undefined ? [] : changed(b, t);
    }),
  ];
}

const quoted = (s: string) => `“${s}”`;

function questionChanges(before: Playbook, after: Playbook): PlaybookChange[] {
  const fields = ["text", "label", "type", "slot", "when", "optional", "freeText", "variants"] as const;
  const name = (q: Question) => `Question ${quoted(q.label)}`;
  const changes = keyed(
    before.questions,
    after.questions,
    (q) => q.id,
    name,
    (q) => q.text,
    (b, a) => {
      const show = (field: string, v: unknown, side: "before" | "after") =>
        field === "when" && v !== undefined
          ? describeCondition(v as Condition, side === "before" ? before : after)
          : shown(v);
      const own = fieldChanges(name(a), { ...b }, { ...a }, fields, show);
      const options = keyed(
        b.options ?? [],
        a.options ?? [],
        (o) => o.value,
        (o) => `${name(a)}, option ${quoted(o.label)}`,
        () => undefined,
        (ob, oa) =>
          fieldChanges(`${name(a)}, option ${quoted(oa.label)}`, { ...ob }, { ...oa }, [
            "label",
            "synonyms",
            "means",
            "disqualify",
          ]),
      );
      return [...own, ...options];
    },
  );
  // The same questions in another order: asked in another order.
  const kept = (list: Question[], other: Question[]) => list.filter((q) => other.some((o) => o.id === q.id));
  const was = kept(before.questions, after.questions);
  const is = kept(after.questions, before.questions);
  if (
    !same(
      was.map((q) => q.id),
      is.map((q) => q.id),
    )
  ) {
    changes.push({
      kind: "changed",
      what: "Question order",
      before: was.map((q) => q.label).join(", "),
      after: is.map((q) => q.label).join(", "),
    });
  }
  return changes;
}

// Rules have no id: a rule kept as it was is no change; a removed and an added rule with the same condition are one
// rule changed (its points or reason); the rest are added or removed.
function ruleChanges(before: Playbook, after: Playbook): PlaybookChange[] {
  const left = [...before.scoring.rules];
  const added: Rule[] = [];
  for (const r of after.scoring.rules) {
    const i = left.findIndex((l) => same(l, r));
    if (i >= 0) left.splice(i, 1);
    else added.push(r);
  }
  const changes: PlaybookChange[] = [];
  for (const r of added) {
    const i = left.findIndex((l) => same(l.when, r.when));
    const old = i >= 0 ? left.splice(i, 1)[0] : undefined;
    changes.push(
      old
        ? { kind: "changed", what: "Scoring rule", before: ruleText(old, before), after: ruleText(r, after) }
        : { kind: "added", what: "Scoring rule", after: ruleText(r, after) },
    );
  }
  return [
    ...left.map((r) => ({ kind: "removed" as const, what: "Scoring rule", before: ruleText(r, before) })),
    ...changes,
  ];
}

function scoringChanges(before: Playbook, after: Playbook): PlaybookChange[] {
  const t = (p: Playbook) => ({ "Warm from": p.scoring.thresholds.warm, "Hot from": p.scoring.thresholds.hot });
  const sql = (p: Playbook) => (p.scoring.sql ? describeCondition(p.scoring.sql, p) : "nothing more (every hot lead)");
  return [
    ...fieldChanges("Scoring", t(before), t(after), ["Warm from", "Hot from"]),
    ...fieldChanges("Scoring", { "an SQL also needs": sql(before) }, { "an SQL also needs": sql(after) }, [
      "an SQL also needs",
    ]),
    ...fieldChanges(
      "Scoring",
      { "inactivity decay": describeDecay(before.scoring.decay) },
      { "inactivity decay": describeDecay(after.scoring.decay) },
      ["inactivity decay"],
    ),
    ...ruleChanges(before, after),
  ];
}

function settingsChanges(before: Playbook, after: Playbook): PlaybookChange[] {
  const asked = (p: Playbook) =>
    p.humanRequest === "after-questions" ? "finish the questions, then hand off" : "hand off at once";
  const s = (p: Playbook) => ({ name: p.name, currency: p.currency, "asked for a person": asked(p), rates: p.rates });
  return fieldChanges("Settings", s(before), s(after), ["name", "currency", "asked for a person", "rates"]);
}

function followUpChanges(before: Playbook, after: Playbook): PlaybookChange[] {
  return (["warm", "cold"] as const).flatMap((tier) => {
    const b = before.followUp?.[tier] ?? [];
    const a = after.followUp?.[tier] ?? [];
    const name = (i: number) => `${tier === "warm" ? "Warm" : "Cold"} follow-up email ${i + 1}`;
    const changes: PlaybookChange[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const was = b[i];
      const is = a[i];
      if (was && !is) changes.push({ kind: "removed", what: name(i), before: was.subject });
      else if (is && !was) changes.push({ kind: "added", what: name(i), after: is.subject });
      else if (was && is)
        changes.push(...fieldChanges(name(i), { ...was }, { ...is }, ["afterDays", "subject", "text"]));
    }
    return changes;
  });
}

// Every difference that publishing `after` over `before` makes; ids and version numbers are not the owner's edits.
export function diffPlaybooks(before: Playbook, after: Playbook): PlaybookChange[] {
  const copyKeys = [...new Set([...Object.keys(before.copy), ...Object.keys(after.copy)])];
  return [
    ...settingsChanges(before, after),
    ...questionChanges(before, after),
    ...scoringChanges(before, after),
    ...keyed(
      before.disqualifiers,
      after.disqualifiers,
      (d) => d.id,
      (d) => `Disqualifier ${quoted(d.reason)}`,
      (d) => d.phrases.join(", "),
      (b, a) => fieldChanges(`Disqualifier ${quoted(a.reason)}`, { ...b }, { ...a }, ["reason", "phrases"]),
    ),
    ...keyed(
      before.answers ?? [],
      after.answers ?? [],
      (x) => x.id,
      (x) => `Answer ${quoted(x.topic ?? x.id)}`,
      (x) => x.answer,
      (b, a) =>
        fieldChanges(`Answer ${quoted(a.topic ?? a.id)}`, { ...b }, { ...a }, ["topic", "questions", "answer", "link"]),
    ),
    ...followUpChanges(before, after),
    ...fieldChanges(
      "Bot copy",
      before.copy as unknown as Record<string, unknown>,
      after.copy as unknown as Record<string, unknown>,
      copyKeys,
    ),
  ];
}

// One line for a version in the history: "Question “Budget” added; Scoring rule changed; and 3 more changes".
export function summarizeChanges(changes: readonly PlaybookChange[], shownAtMost = 2): string {
  if (changes.length === 0) return "No changes";
  const first = changes.slice(0, shownAtMost).map((c) => `${c.what} ${c.kind}`);
  const rest = changes.length - first.length;
  return rest === 0 ? first.join("; ") : `${first.join("; ")}; and ${rest} more ${rest === 1 ? "change" : "changes"}`;
}
