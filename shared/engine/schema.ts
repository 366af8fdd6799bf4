// Validates a playbook (rules P1-P6, S7-S10 in SPEC.md). Errors name the path and the problem, e.g.
// "questions[1].options[2].label: expected a non-empty string"; `fields` has the same problems by dotted path
// ("questions.1.options.2.label"), for a form to show next to the field.
import { z } from "zod";
import { trackedEventName } from "../protocol/behaviour.ts";
import type { FieldError } from "../protocol/errors.ts";
import { freeText } from "../protocol/text.ts";
import { readsBehaviour } from "./behaviour.ts";
import { slotsOf } from "./conditions.ts";
import type { Condition, Playbook } from "./playbook.ts";
import { readAnswer } from "./read.ts";
import { bare } from "./understand/text.ts";

const text = (max: number) => freeText().trim().min(1, "expected a non-empty string").max(max);
const id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "lower-case letters, digits, - and _ (at most 40)");
const currency = z.enum(["USD", "EUR", "GBP"]);

// Behaviour conditions (S7): counts and days are finite and not negative; patterns and event names as the widget
// records them.
const count = z.number().finite().min(0, "expected a number of 0 or more");
const pattern = text(200);
const eventName = z.string().regex(trackedEventName, "letters, digits, space and . _ : / - (1 to 64)");

const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ page: pattern, atLeast: count.optional() }).strict(),
    z.object({ visits: count }).strict(),
    z.object({ returnedWithinDays: count }).strict(),
    z.object({ event: eventName, atLeast: count.optional() }).strict(),
    z.object({ minutesOnSite: count }).strict(),
    z.object({ slot: id, known: z.boolean() }).strict(),
    z.object({ slot: id, is: z.union([text(60), z.array(text(60)).min(1)]) }).strict(),
    z.object({ slot: id, atLeast: z.number().finite() }).strict(),
    z.object({ slot: id, below: z.number().finite() }).strict(),
    z.object({ slot: id, endsWith: z.array(text(100)).min(1) }).strict(),
    z.object({ all: z.array(condition).min(1) }).strict(),
    z.object({ any: z.array(condition).min(1) }).strict(),
    z.object({ not: condition }).strict(),
  ]),
);

const option = z
  .object({
    value: id,
    label: text(80),
    synonyms: z.array(text(80)).max(50).optional(),
    means: text(120).optional(),
    disqualify: text(120).optional(),
  })
  .strict();

const question = z
  .object({
    id,
    slot: id,
    label: text(40),
    type: z.enum(["choice", "text", "email", "phone", "number", "money", "timing", "authority"]),
    text: text(500),
    variants: z
      .array(z.object({ when: condition, text: text(500) }).strict())
      .max(10)
      .optional(),
    options: z.array(option).min(1).max(10).optional(),
    when: condition.optional(),
    optional: z.boolean().optional(),
    freeText: z.boolean().optional(),
  })
  .strict();

// The bot's texts every playbook must have (humanLater is optional).
export const copyKeys = [
  "greeting",
  "retry",
  "confirm",
  "yes",
  "no",
  "skip",
  "corrected",
  "human",
  "done",
  "handoff",
  "warm",
  "cold",
  "disqualified",
] as const;

// Copy keys added after version 1 of the format: optional, so a playbook stored before them still parses, and
// copyOf() speaks them with the default playbook's words (P5).
export const laterCopyKeys = [
  "understood",
  "skipped",
  "resume",
  "unknownAnswer",
  "talkToPerson",
  "qualified",
  "unavailable",
  "closedHours",
  "callback",
  "booking",
  "followUpNotice",
] as const;

// The same web addresses a site's booking link takes: a link in a chat bubble is never javascript: or data:.
const httpUrl = z.url({ protocol: /^https?$/, error: "expected an http(s) url" }).max(2048);

const answer = z
  .object({
    id,
    topic: text(40).optional(),
    questions: z.array(text(200)).min(1, "expected at least one example question").max(30),
    answer: text(1000),
    link: z
      .object({ label: text(60), url: httpUrl })
      .strict()
      .optional(),
  })
  .strict();

// P6: a few short emails per tier, not a nurture program (that stays in the marketing tool, fed by webhooks).
const followUpSteps = z
  .array(z.object({ afterDays: z.number().int().min(0).max(60), subject: text(120), text: text(2000) }).strict())
  .max(3, "at most 3 steps")
  .optional();

const playbookSchema = z
  .object({
    id,
    version: z.number().int().min(1),
    name: text(80),
    currency,
    rates: z.partialRecord(currency, z.number().positive()).optional(),
    copy: z
      .object(
        Object.fromEntries(copyKeys.map((k) => [k, text(500)])) as Record<
          (typeof copyKeys)[number],
          ReturnType<typeof text>
        >,
      )
      .extend({ humanLater: text(500).optional() })
      .extend(
        Object.fromEntries(laterCopyKeys.map((k) => [k, text(500).optional()])) as Record<
          (typeof laterCopyKeys)[number],
          z.ZodOptional<ReturnType<typeof text>>
        >,
      )
      .strict(),
    questions: z.array(question).min(1).max(30),
    scoring: z
      .object({
        thresholds: z.object({ warm: z.number().finite(), hot: z.number().finite() }).strict(),
        rules: z
          .array(
            z
              .object({ group: id.optional(), when: condition, points: z.number().finite(), reason: text(200) })
              .strict(),
          )
          .max(100),
        sql: condition.optional(),
        // S10: pointsPerWeek below zero; bounded so a score stays a finite number however long the silence.
        decay: z
          .object({
            afterDays: count.max(3650),
            pointsPerWeek: z.number().finite().negative("expected a negative number").min(-1000),
          })
          .strict()
          .optional(),
      })
      .strict(),
    humanRequest: z.enum(["handoff", "after-questions"]).optional(),
    disqualifiers: z
      .array(z.object({ id, reason: text(120), phrases: z.array(text(120)).min(1).max(100) }).strict())
      .max(30),
    answers: z.array(answer).max(200).optional(),
    followUp: z.object({ warm: followUpSteps, cold: followUpSteps }).strict().optional(),
  })
  .strict();

// Checks that need the whole playbook: unique ids, known slots, readable buttons, sane thresholds.
function crossChecks(p: Playbook): FieldError[] {
  const errors: FieldError[] = [];
  const slots = new Set(p.questions.map((q) => q.slot));
  const seen = new Set<string>();
  const checkCondition = (c: Condition, path: string) => {
    for (const s of slotsOf(c)) if (!slots.has(s)) errors.push({ path, message: `unknown slot "${s}"` });
  };
  p.questions.forEach((q, i) => {
    const at = `questions.${i}`;
    if (seen.has(q.id)) errors.push({ path: `${at}.id`, message: `duplicate question id "${q.id}"` });
    seen.add(q.id);
    if (p.questions.findIndex((o) => o.slot === q.slot) !== i)
      errors.push({ path: `${at}.slot`, message: `slot "${q.slot}" is filled by an earlier question` });
    if (q.type === "choice" && !q.options)
      errors.push({ path: `${at}.options`, message: "a choice question needs options" });
    // The bot asks from what the visitor says; behaviour is for the score only (S7).
    const askOn = (c: Condition, path: string) => {
      checkCondition(c, path);
      if (readsBehaviour(c)) errors.push({ path, message: "behaviour conditions are for scoring rules only" });
    };
    if (q.when) askOn(q.when, `${at}.when`);
    q.variants?.forEach((v, j) => {
      askOn(v.when, `${at}.variants.${j}.when`);
    });
    const values = new Set<string>();
    q.options?.forEach((o, j) => {
      const op = `${at}.options.${j}`;
      if (values.has(o.value)) errors.push({ path: `${op}.value`, message: `duplicate option value "${o.value}"` });
      values.add(o.value);
      if (q.type !== "choice" && !readAnswer(q, p, { option: o }, 0, true)) {
        errors.push({ path: `${op}.${o.means ? "means" : "label"}`, message: `cannot be read as a ${q.type} answer` });
      }
    });
  });
  p.scoring.rules.forEach((r, i) => {
    checkCondition(r.when, `scoring.rules.${i}.when`);
  });
  if (p.scoring.sql) checkCondition(p.scoring.sql, "scoring.sql");
  if (p.scoring.thresholds.warm > p.scoring.thresholds.hot) {
    errors.push({ path: "scoring.thresholds", message: "warm must not be above hot" });
  }
  for (const tier of ["warm", "cold"] as const) {
    p.followUp?.[tier]?.forEach((s, i, steps) => {
      const prev = steps[i - 1];
      if (prev && s.afterDays <= prev.afterDays) {
        errors.push({ path: `followUp.${tier}.${i}.afterDays`, message: "must come after the step before it" });
      }
    });
  }
  const emails = p.questions.some((q) => q.type === "email");
  if ((p.followUp?.warm?.length || p.followUp?.cold?.length) && !emails) {
    errors.push({ path: "followUp", message: "follow-up emails need a question of type email (P6)" });
  }
  return [...errors, ...answerChecks(p)];
}

// P5: unique answer ids, and no phrasing (compared by its words) that is an example of two answers, which would
// make the matcher's choice between them a coin toss.
function answerChecks(p: Playbook): FieldError[] {
  const errors: FieldError[] = [];
  const ids = new Set<string>();
  const phrasings = new Map<string, string>();
  p.answers?.forEach((a, i) => {
    if (ids.has(a.id)) errors.push({ path: `answers.${i}.id`, message: `duplicate answer id "${a.id}"` });
    ids.add(a.id);
    a.questions.forEach((q, j) => {
      const words = bare(q);
      if (!words) {
        errors.push({ path: `answers.${i}.questions.${j}`, message: "has no words to match" });
        return;
      }
      const owner = phrasings.get(words);
      if (owner !== undefined && owner !== a.id) {
        errors.push({ path: `answers.${i}.questions.${j}`, message: `also an example of answer "${owner}"` });
      }
      if (owner === undefined) phrasings.set(words, a.id);
    });
  });
  return errors;
}

// "questions.1.label" -> "questions[1].label", as people read it.
function bracketed(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, "[$1]") || "(playbook)";
}

export type PlaybookResult = { ok: true; playbook: Playbook } | { ok: false; errors: string[]; fields: FieldError[] };

function failed(fields: FieldError[]): PlaybookResult {
  return { ok: false, errors: fields.map((f) => `${bracketed(f.path)}: ${f.message}`), fields };
}

export function parsePlaybook(input: unknown): PlaybookResult {
  const parsed = playbookSchema.safeParse(input);
  if (!parsed.success) {
    return failed(parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })));
  }
  const playbook = parsed.data as Playbook;
  const errors = crossChecks(playbook);
  return errors.length > 0 ? failed(errors) : { ok: true, playbook };
}
