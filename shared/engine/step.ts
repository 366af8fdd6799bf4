// The qualification engine: pure functions from (playbook, state, input, now, context) to a new state and effects.
// Rules are numbered in SPEC.md (E*, C*, A*, H*); the tests cite them.
import { findAnswer } from "./answers/index.ts";
import { holds } from "./conditions.ts";
import { copyOf, humanLaterDefault } from "./copy.ts";
import { display } from "./display.ts";
import { handoffLine, ringing, unavailableLine } from "./handoff.ts";
import { type Option, type Playbook, type Question, reservedValues } from "./playbook.ts";
import { qualify } from "./qualify.ts";
import { type Read, readAnswer } from "./read.ts";
import type { BotOutcome, Effect, EngineState, Input, SlotAnswer, StepContext, Transition } from "./state.ts";
import {
  detectDisqualifier,
  detectIntent,
  detectSkip,
  isCorrection,
  matchOption,
  ownWords,
  splitQuestion,
} from "./understand/index.ts";
import { bare, tokens } from "./understand/text.ts";
import { understoodLine } from "./understood.ts";

type Say = Extract<Effect, { type: "say" }>;
type QuickReply = NonNullable<Say["options"]>[number];

// C1: no question is put to the visitor more than twice. A5: the visitor's questions kept on the state.
const maxAsks = 2;
const maxAsked = 20;
const maxQuestionChars = 300;

function questionById(playbook: Playbook, id: string | null): Question | undefined {
  return playbook.questions.find((q) => q.id === id);
}

// E3: the first question whose slot is unknown, not skipped, and whose condition holds.
export function nextQuestion(playbook: Playbook, state: EngineState): Question | undefined {
  return playbook.questions.find(
    (q) =>
      !(q.slot in state.slots) && !state.skipped.includes(q.id) && (!q.when || holds(q.when, state.slots, playbook)),
  );
}

const asksOf = (state: EngineState, q: Question) => state.asks?.[q.id] ?? 0;
const givenUp = (state: EngineState, q: Question): EngineState => ({ ...state, skipped: [...state.skipped, q.id] });

// The question's words and buttons; `prefix` leads the same bubble ("Sorry, I didn't catch that.").
function askLine(playbook: Playbook, state: EngineState, q: Question, prefix?: string, extra: QuickReply[] = []) {
  const variant = q.variants?.find((v) => holds(v.when, state.slots, playbook));
  const words = variant?.text ?? q.text;
  const text = prefix ? `${prefix} ${words}` : words;
  const options = (q.options ?? []).map((o) => ({ value: o.value, label: o.label }));
  if (q.optional) options.push({ value: reservedValues.skip, label: playbook.copy.skip });
  options.push(...extra);
  const say: Say = options.length > 0 ? { type: "say", text, options } : { type: "say", text };
  return say;
}

// Puts `q` to the visitor, counting the ask (C1). A question asked twice already is given up instead, and the
// conversation moves on without the words meant for it.
function askQuestion(
  playbook: Playbook,
  state: EngineState,
  q: Question,
  effects: Effect[],
  ctx: StepContext,
  prefix?: string,
  extra?: QuickReply[],
): Transition {
  if (asksOf(state, q) >= maxAsks) return advance(playbook, givenUp(state, q), effects, ctx);
  const next: EngineState = {
    ...state,
    asking: q.id,
    confirming: null,
    asks: { ...state.asks, [q.id]: asksOf(state, q) + 1 },
  };
  return { state: next, effects: [...effects, askLine(playbook, next, q, prefix, extra)] };
}

function answer(playbook: Playbook, q: Question, read: Read, words: string, now: number): SlotAnswer {
  return {
    slot: q.slot,
    questionId: q.id,
    label: q.label,
    order: playbook.questions.indexOf(q),
    value: read.value,
    display: display(read.value),
    words,
    at: now,
  };
}

function withSlot(state: EngineState, a: SlotAnswer): EngineState {
  const { [a.slot]: _answered, ...hints } = state.hints;
  return { ...state, slots: { ...state.slots, [a.slot]: a }, hints };
}

// E10, E11, H1, H2: ends the conversation with an outcome and the copy that goes with it. A handoff says only
// what will happen (ctx), and tells the server where the lead goes (`route`).
// `live: false` (the visitor said they are done): a hot lead is followed up like a warm one, not handed off now.
function finish(
  playbook: Playbook,
  state: EngineState,
  effects: Effect[],
  ctx: StepContext,
  how: { outcome?: BotOutcome; reason?: string; copy?: string; live?: boolean },
): Transition {
  const qualification = qualify(playbook, state.slots, how.outcome === "disqualified" ? how.reason : undefined);
  const byTier: BotOutcome =
    qualification.tier === "hot" ? (how.live === false ? "warm" : "handoff") : qualification.tier;
  const outcome: BotOutcome = how.outcome ?? byTier;
  const handoff =
    outcome === "handoff"
      ? handoffLine(playbook, ctx, how.reason === askedForPerson ? "asked" : "hot", how.copy)
      : undefined;
  const say: Say = handoff?.say ?? { type: "say", text: how.copy ?? playbook.copy[outcome] };
  const next: EngineState = { ...state, asking: null, confirming: null, outcome, qualification };
  if (how.reason) next.outcomeReason = how.reason;
  const finished: Effect = { type: "finished", outcome, qualification };
  if (how.reason) finished.reason = how.reason;
  if (handoff) finished.route = handoff.route;
  return { state: next, effects: [...effects, say, finished] };
}

const askedForPerson = "asked for a person";

// Moves to the next question, or finishes when none is left (E3, E10). A question already asked twice is given
// up on the way (C1).
function advance(playbook: Playbook, state: EngineState, effects: Effect[], ctx: StepContext): Transition {
  let scored: EngineState = { ...state, qualification: qualify(playbook, state.slots) };
  for (let q = nextQuestion(playbook, scored); q; q = nextQuestion(playbook, scored)) {
    if (asksOf(scored, q) >= maxAsks) {
      scored = givenUp(scored, q);
      continue;
    }
    const hint = scored.hints[q.slot];
    if (hint) {
      const { [q.slot]: _used, ...hints } = scored.hints;
      return confirm(playbook, { ...scored, asking: q.id, hints }, hint, effects);
    }
    return askQuestion(playbook, scored, q, effects, ctx);
  }
  if (state.humanRequested) {
    return finish(playbook, scored, effects, ctx, {
      outcome: "handoff",
      reason: askedForPerson,
      copy: playbook.copy.human,
    });
  }
  return finish(playbook, scored, effects, ctx, {});
}

// E1: greet, then ask the first question.
export function start(playbook: Playbook): Transition {
  const state: EngineState = {
    playbookId: playbook.id,
    playbookVersion: playbook.version,
    slots: {},
    asking: null,
    confirming: null,
    hints: {},
    retries: {},
    skipped: [],
    outcome: null,
    qualification: qualify(playbook, {}),
  };
  return advance(playbook, state, [{ type: "say", text: playbook.copy.greeting }], ringing);
}

// E5, C1: re-ask once with the buttons; the second miss gives the question up (the slot stays unknown).
function miss(playbook: Playbook, state: EngineState, q: Question, effects: Effect[], ctx: StepContext): Transition {
  const tries = state.retries[q.id] ?? 0;
  if (tries >= 1) return advance(playbook, givenUp(state, q), effects, ctx);
  const retried = { ...state, retries: { ...state.retries, [q.id]: tries + 1 } };
  return askQuestion(playbook, retried, q, effects, ctx, playbook.copy.retry);
}

// E6: a reading the engine is not sure of is confirmed before it counts. A confirmation is not an ask (C1); the
// question asked again after a "No" is.
function confirmLine(playbook: Playbook, pending: SlotAnswer, prefix?: string): Say {
  const text = playbook.copy.confirm.replace("{answer}", pending.display);
  const options = [
    { value: reservedValues.yes, label: playbook.copy.yes },
    { value: reservedValues.no, label: playbook.copy.no },
  ];
  return { type: "say", text: prefix ? `${prefix} ${text}` : text, options };
}

function confirm(playbook: Playbook, state: EngineState, pending: SlotAnswer, effects: Effect[]): Transition {
  // Other slots this message filled (E4) count at once; only the doubtful one waits.
  const next = { ...state, confirming: pending, qualification: qualify(playbook, state.slots) };
  return { state: next, effects: [...effects, confirmLine(playbook, pending)] };
}

function commit(
  playbook: Playbook,
  state: EngineState,
  q: Question,
  read: Read,
  words: string,
  now: number,
  effects: Effect[],
  ctx: StepContext,
): Transition {
  const a = answer(playbook, q, read, words, now);
  // E9: a disqualifying option ends the conversation at once.
  if (read.disqualify)
    return finish(playbook, withSlot(state, a), effects, ctx, { outcome: "disqualified", reason: read.disqualify });
  if (!read.sure) return confirm(playbook, state, a, effects);
  return advance(playbook, withSlot(state, a), effects, ctx);
}

// E8, H1: a person on request, whatever the score. With `humanRequest: "after-questions"` and a rep to ring, the
// bot says so and finishes its questions first; with nobody to ring there is nothing to wait for.
function personAsked(playbook: Playbook, state: EngineState, ctx: StepContext): Transition {
  if (playbook.humanRequest === "after-questions" && ctx.handoff === "ring") {
    const later = { ...state, humanRequested: true };
    const q = questionById(playbook, later.asking);
    const say: Say = { type: "say", text: playbook.copy.humanLater ?? humanLaterDefault };
    return q ? askQuestion(playbook, later, q, [say], ctx) : finish(playbook, later, [say], ctx, {});
  }
  return finish(playbook, state, [], ctx, { outcome: "handoff", reason: askedForPerson, copy: playbook.copy.human });
}

function onChoice(
  playbook: Playbook,
  state: EngineState,
  q: Question,
  value: string,
  now: number,
  ctx: StepContext,
): Transition {
  if (value === reservedValues.skip && q.optional) {
    return advance(playbook, givenUp(state, q), [], ctx);
  }
  const option: Option | undefined = q.options?.find((o) => o.value === value);
  const read = option ? readAnswer(q, playbook, { option }, now, true) : null;
  // E5: a stale button (another question's, from an older message) is no answer to this one.
  return read && option
    ? commit(playbook, state, q, read, option.label, now, [], ctx)
    : miss(playbook, state, q, [], ctx);
}

function onConfirmReply(
  playbook: Playbook,
  state: EngineState,
  pending: SlotAnswer,
  yes: boolean,
  ctx: StepContext,
): Transition {
  const cleared = { ...state, confirming: null };
  if (yes) return advance(playbook, withSlot(cleared, pending), [], ctx);
  // E6: "no" asks the question again without counting a miss (but as an ask, C1).
  const q = questionById(playbook, pending.questionId);
  return q ? askQuestion(playbook, cleared, q, [], ctx) : advance(playbook, cleared, [], ctx);
}

// E4, E7, C2: one message may answer other questions too, and may correct an earlier answer. Choice questions
// are read only for a sure match of two words or more, and never for an option that disqualifies.
function extras(playbook: Playbook, state: EngineState, current: Question | undefined, text: string, now: number) {
  const correcting = isCorrection(text);
  let next = state;
  const corrected: SlotAnswer[] = [];
  for (const q of playbook.questions) {
    if (q.id === current?.id || q.type === "text") continue;
    const known = q.slot in next.slots;
    if (q.type === "choice") {
      if (known || q.freeText === false || !q.options) continue;
      const options = q.options.filter((o) => !o.disqualify);
      const option = matchOption(options, text, { strict: true });
      const read = option ? readAnswer(q, playbook, { option }, now, true) : null;
      if (read) next = withSlot(next, answer(playbook, q, read, text, now));
      continue;
    }
    if (known && !correcting) continue;
    const read = readAnswer(q, playbook, { text }, now, false);
    if (!read || read.value.kind === "unknown") continue;
    const a = answer(playbook, q, read, text, now);
    if (!read.sure) {
      if (!known) next = { ...next, hints: { ...next.hints, [q.slot]: a } };
      continue;
    }
    if (known) corrected.push(a);
    next = withSlot(next, a);
  }
  return { state: next, corrected };
}

// C5: the question a skip names by its topic ("my email", "the budget"), among those not answered or skipped yet;
// the open one first when it is named too. Only words that name one topic: "number" or "address" could be any.
const topicWords: Partial<Record<Question["type"], string[]>> = {
  email: ["email", "e-mail"],
  phone: ["phone", "mobile"],
  money: ["budget", "money", "spend"],
  timing: ["timing", "timeline", "timeframe", "deadline"],
  authority: ["decision", "decides", "role", "title"],
};

function namedIn(
  playbook: Playbook,
  state: EngineState,
  text: string,
  open: Question | undefined,
): Question | undefined {
  const words = new Set(tokens(text));
  const names = (q: Question) => [...(topicWords[q.type] ?? []), ...tokens(q.label)].some((w) => words.has(w));
  if (open && names(open)) return open;
  return playbook.questions.find((q) => !(q.slot in state.slots) && !state.skipped.includes(q.id) && names(q));
}

// C3: the answer to the question just asked: its own reading, or for a choice that takes free text, the
// visitor's own words when they name no option (`kept` false: not for a message that declines something).
function readCurrent(playbook: Playbook, q: Question, text: string, now: number, kept = true): Read | null {
  const read = readAnswer(q, playbook, { text }, now, true);
  if (read || !kept || q.type !== "choice" || q.freeText === false) return read;
  const words = ownWords(text);
  return words ? { value: { kind: "choice", value: reservedValues.other, label: words }, sure: true } : null;
}

// A1-A5: the visitor's question, answered from the site's answers when the bot is sure, else honestly not.
function answerQuestion(playbook: Playbook, state: EngineState, question: string, now: number, ctx: StepContext) {
  const match = findAnswer(playbook, question);
  const sure = match?.sure ? match.answer : null;
  const text = question.slice(0, maxQuestionChars);
  const given = sure ? { answerId: sure.id, ...(sure.topic ? { topic: sure.topic } : {}) } : {};
  const asked = [...(state.asked ?? []), { text, ...given, at: now }].slice(-maxAsked);
  const lines: Effect[] = [{ type: "asked", text, answerId: sure?.id ?? null }];
  if (sure) {
    lines.push(
      sure.link ? { type: "say", text: sure.answer, link: { ...sure.link } } : { type: "say", text: sure.answer },
    );
  } else {
    lines.push({ type: "say", text: copyOf(playbook, "unknownAnswer") });
    // A4: the site's booking link when nobody can talk now; a rep online is offered beside the open question.
    if (ctx.handoff !== "ring" && ctx.fallback.kind === "booking") lines.push(unavailableLine(playbook, ctx));
  }
  const offers: QuickReply[] =
    !sure && ctx.handoff === "ring" ? [{ value: reservedValues.human, label: copyOf(playbook, "talkToPerson") }] : [];
  return { state: { ...state, asked }, lines, offers };
}

// C4: the bubble after a message leads with what it was understood to say.
function leading(line: string | null, effects: Effect[]): Effect[] {
  if (!line) return effects;
  const i = effects.findIndex((e) => e.type === "say");
  const first = effects[i] as Say | undefined;
  if (!first) return [{ type: "say", text: line }, ...effects];
  return [...effects.slice(0, i), { ...first, text: `${line} ${first.text}` }, ...effects.slice(i + 1)];
}

function onText(
  playbook: Playbook,
  state: EngineState,
  q: Question | undefined,
  text: string,
  now: number,
  ctx: StepContext,
): Transition {
  // E9: disqualifying words end the conversation whatever was asked.
  const dq = detectDisqualifier(playbook.disqualifiers, text);
  if (dq) return finish(playbook, state, [], ctx, { outcome: "disqualified", reason: dq.reason });
  const intent = detectIntent(text);
  if (intent === "human") return personAsked(playbook, state, ctx);
  // E8: "done" ends with the tier's outcome and the done copy.
  if (intent === "done") return finish(playbook, state, [], ctx, { copy: playbook.copy.done, live: false });
  if (state.confirming && (intent === "yes" || intent === "no")) {
    return onConfirmReply(playbook, state, state.confirming, intent === "yes", ctx);
  }
  // A1: a question is answered apart from what the rest of the message says.
  const { question, rest } = splitQuestion(text);
  const statement = question === null ? text : rest;
  // C5: a skip by words; while confirming, it is a "No" (E6).
  const skips = statement !== "" && detectSkip(statement);
  if (skips && state.confirming) return onConfirmReply(playbook, state, state.confirming, false, ctx);
  // E4, C2: what else the message says counts, a skip's included ("rather not say, but we need it by March").
  const { state: read, corrected } = statement ? extras(playbook, state, q, statement, now) : { state, corrected: [] };
  const understoodElsewhere = read !== state;
  // C5: the question declined: the one the skip names, else the one just asked.
  const declined = skips ? (namedIn(playbook, read, statement, q) ?? q) : undefined;
  const current = q && statement && declined !== q ? readCurrent(playbook, q, statement, now, !skips) : null;
  // C3: own words are a need only when the message said nothing else we understood.
  const answered =
    current && !(understoodElsewhere && current.value.kind === "choice" && current.value.value === reservedValues.other)
      ? current
      : null;
  const kept = declined ? givenUp(read, declined) : read;
  const asked = question ? answerQuestion(playbook, kept, question, now, ctx) : null;
  const base = asked?.state ?? kept;
  const said: Effect[] = asked?.lines ?? [];
  const resume = copyOf(playbook, "resume");
  let t: Transition;
  if (q && answered) t = commit(playbook, { ...base, confirming: null }, q, answered, statement, now, said, ctx);
  else if (q && declined && declined !== q) {
    // A skip of another question: the open one is asked again (C1 counts it).
    t = askQuestion(playbook, { ...base, confirming: null }, q, said, ctx, resume, asked?.offers);
  } else if (asked && state.confirming && !declined) {
    // A3: a pending confirmation is asked again after the answer.
    t = { state: base, effects: [...said, confirmLine(playbook, state.confirming, resume)] };
  } else if (asked && q && !declined) {
    t = askQuestion(playbook, base, q, said, ctx, resume, asked.offers);
  } else if (asked || declined || understoodElsewhere || !q) {
    // Something else was understood (an extra slot, a correction, a skip): move on without counting a miss.
    t = advance(playbook, { ...base, confirming: null }, said, ctx);
  } else {
    t = miss(playbook, { ...base, confirming: null }, q, said, ctx);
  }
  // A4: a person offered beside whatever question comes next, when the bot did not know the answer.
  if (asked?.offers.length) t = offering(t, asked.offers);
  const corrections: Effect[] = corrected.map((a) => ({
    type: "say" as const,
    text: playbook.copy.corrected
      .replace("{label}", questionById(playbook, a.questionId)?.label ?? a.slot)
      .replace("{answer}", a.display),
  }));
  const lead = [
    declined ? copyOf(playbook, "skipped") : null,
    understood(playbook, state, t.state, q, statement, corrected),
  ]
    .filter(Boolean)
    .join(" ");
  return { state: t.state, effects: [...corrections, ...leading(lead || null, t.effects)] };
}

// The quick replies `extra` on the last line that asks something, unless it has them already or the conversation
// ended.
function offering(t: Transition, extra: QuickReply[]): Transition {
  if (t.state.outcome !== null) return t;
  const i = t.effects.findLastIndex((e) => e.type === "say");
  const last = t.effects[i] as Say | undefined;
  if (!last || extra.every((x) => last.options?.some((o) => o.value === x.value))) return t;
  const options = [...(last.options ?? []), ...extra.filter((x) => !last.options?.some((o) => o.value === x.value))];
  return { ...t, effects: t.effects.map((e, k) => (k === i ? { ...last, options } : e)) };
}

// C4: what this message was understood to say, said back: every slot it filled besides the question just asked,
// and that question's answer when it is a reading of the visitor's words (a budget, a timing, an authority, an
// option named in other words), not when it repeats them (an email, their own words, a button's label). Not a
// correction (E7 acknowledges those), nor when the conversation was disqualified.
const interpretedTypes = new Set(["money", "timing", "authority", "choice"]);

function understood(
  playbook: Playbook,
  before: EngineState,
  after: EngineState,
  q: Question | undefined,
  statement: string,
  corrected: SlotAnswer[],
): string | null {
  if (after.outcome === "disqualified") return null;
  const echoed = (a: SlotAnswer) => {
    if (a.slot !== q?.slot) return true;
    if (!interpretedTypes.has(q.type)) return false;
    if (a.value.kind === "choice" && a.value.value === reservedValues.other) return false;
    return !q.options?.some((o) => bare(o.label) === bare(statement));
  };
  const fresh = Object.values(after.slots).filter(
    (a) => before.slots[a.slot] !== a && !corrected.some((c) => c.slot === a.slot) && echoed(a),
  );
  return understoodLine(playbook, fresh);
}

export function step(
  playbook: Playbook,
  state: EngineState,
  input: Input,
  now: number,
  ctx: StepContext = ringing,
): Transition {
  // E12: a finished conversation belongs to the server (live chat, or closed), not the bot.
  if (state.outcome !== null) return { state, effects: [] };
  const q = questionById(playbook, state.asking);
  if ("choice" in input) {
    if (state.confirming && (input.choice === reservedValues.yes || input.choice === reservedValues.no)) {
      return onConfirmReply(playbook, state, state.confirming, input.choice === reservedValues.yes, ctx);
    }
    // A4: the "Talk to a person" quick reply is the same as asking for one.
    if (input.choice === reservedValues.human) return personAsked(playbook, state, ctx);
    if (!q) return advance(playbook, state, [], ctx);
    return onChoice(playbook, { ...state, confirming: null }, q, input.choice, now, ctx);
  }
  return onText(playbook, state, q, input.text, now, ctx);
}
