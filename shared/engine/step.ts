// The qualification engine: pure functions from (playbook, state, input, now, context) to a new state and effects.
// Rules are numbered in SPEC.md (E*, C*, A*, H*); the tests cite them. This file decides which move a message
// makes; the moves are in flow.ts, the readings of a message in readings.ts, the visitor's questions in
// visitor-questions.ts, and what the bot says back in understood.ts.
import { holds } from "./conditions.ts";
import { copyOf, humanLaterDefault } from "./copy.ts";
import {
  advance,
  askedForPerson,
  askQuestion,
  commit,
  confirmLine,
  finish,
  givenUp,
  miss,
  questionById,
  type Say,
  withSlot,
} from "./flow.ts";
import { ringing } from "./handoff.ts";
import { type Option, type Playbook, type Question, reservedValues } from "./playbook.ts";
import { qualify } from "./qualify.ts";
import { readAnswer } from "./read.ts";
import { extras, namedIn, readCurrent } from "./readings.ts";
import type { Effect, EngineState, Input, SlotAnswer, StepContext, Transition } from "./state.ts";
import { detectDisqualifier, detectIntent, detectSkip, splitQuestion } from "./understand/index.ts";
import { leading, understood } from "./understood.ts";
import { answerQuestion, offering } from "./visitor-questions.ts";

export { nextQuestion } from "./flow.ts";

// E1: greet, then ask the first question. E1b: a proactive message may name the question to start at (its entry
// point); one the playbook does not have, or whose condition does not hold yet, is the usual start.
export function start(playbook: Playbook, startAt?: string): Transition {
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
  const greeting: Effect[] = [{ type: "say", text: playbook.copy.greeting }];
  const entry = startAt === undefined ? undefined : questionById(playbook, startAt);
  if (entry && (!entry.when || holds(entry.when, state.slots, playbook)))
    return askQuestion(playbook, state, entry, greeting, ringing);
  return advance(playbook, state, greeting, ringing);
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
    // Something else was understood (an extra slot, a correction, a skip): move on without counting a miss. A
    // pending confirmation the message passed over goes back to the hints (E6), so its question comes back as
    // that confirmation rather than asked cold, as if the visitor had never said it.
    const pending = declined ? null : state.confirming;
    const hints = pending && !base.slots[pending.slot] ? { ...base.hints, [pending.slot]: pending } : base.hints;
    t = advance(playbook, { ...base, hints, confirming: null }, said, ctx);
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
  // Before an answer to the visitor's question the line is a bubble of its own; otherwise it leads the next one.
  const effects =
    asked && lead ? [{ type: "say" as const, text: lead }, ...t.effects] : leading(lead || null, t.effects);
  return { state: t.state, effects: [...corrections, ...effects] };
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
