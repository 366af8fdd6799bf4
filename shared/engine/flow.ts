// The bot's moves in a conversation: which question comes next and how it is put (E1, E3, C1), an answer kept or
// confirmed (E2, E6), a miss (E5), and the end (E10, E11, H1, H2). step.ts decides which move a message makes.
import { holds } from "./conditions.ts";
import { copyOf } from "./copy.ts";
import { display } from "./display.ts";
import { handoffLine } from "./handoff.ts";
import { followUpSteps, type Playbook, type Question, reservedValues } from "./playbook.ts";
import { qualify } from "./qualify.ts";
import type { Read } from "./read.ts";
import type { BotOutcome, Effect, EngineState, SlotAnswer, StepContext, Transition } from "./state.ts";

export type Say = Extract<Effect, { type: "say" }>;
export type QuickReply = NonNullable<Say["options"]>[number];

// C1: no question is put to the visitor more than twice.
const maxAsks = 2;

export function questionById(playbook: Playbook, id: string | null): Question | undefined {
  return playbook.questions.find((q) => q.id === id);
}

// E3: the first question whose slot is unknown, not skipped, and whose condition holds.
export function nextQuestion(playbook: Playbook, state: EngineState): Question | undefined {
  return playbook.questions.find(
    (q) =>
      !(q.slot in state.slots) && !state.skipped.includes(q.id) && (!q.when || holds(q.when, state.slots, playbook)),
  );
}

export const asksOf = (state: EngineState, q: Question) => state.asks?.[q.id] ?? 0;
export const givenUp = (state: EngineState, q: Question): EngineState => ({
  ...state,
  skipped: [...state.skipped, q.id],
});

// The question's words and buttons; `prefix` leads the same bubble ("Sorry, I didn't catch that.").
export function askLine(
  playbook: Playbook,
  state: EngineState,
  q: Question,
  prefix?: string,
  extra: QuickReply[] = [],
) {
  const variant = q.variants?.find((v) => holds(v.when, state.slots, playbook));
  const asked = variant?.text ?? q.text;
  const words = q.type === "email" && state.followUpNoticed ? `${asked} ${copyOf(playbook, "followUpNotice")}` : asked;
  const text = prefix ? `${prefix} ${words}` : words;
  const options = (q.options ?? []).map((o) => ({ value: o.value, label: o.label }));
  if (q.optional) options.push({ value: reservedValues.skip, label: playbook.copy.skip });
  options.push(...extra);
  const say: Say = options.length > 0 ? { type: "say", text, options } : { type: "say", text };
  return say;
}

// Puts `q` to the visitor, counting the ask (C1). A question asked twice already is given up instead, and the
// conversation moves on without the words meant for it.
export function askQuestion(
  playbook: Playbook,
  state: EngineState,
  q: Question,
  effects: Effect[],
  ctx: StepContext,
  prefix?: string,
  extra?: QuickReply[],
): Transition {
  if (asksOf(state, q) >= maxAsks) return advance(playbook, givenUp(state, q), effects, ctx);
  // P6: the email question says what giving the email agrees to, when the lead's tier has follow-up emails.
  const notice = q.type === "email" && followUpSteps(playbook, state.qualification.tier).length > 0;
  const next: EngineState = {
    ...state,
    ...(notice ? { followUpNoticed: true } : {}),
    asking: q.id,
    confirming: null,
    asks: { ...state.asks, [q.id]: asksOf(state, q) + 1 },
  };
  return { state: next, effects: [...effects, askLine(playbook, next, q, prefix, extra)] };
}

export function answer(playbook: Playbook, q: Question, read: Read, words: string, now: number): SlotAnswer {
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

export function withSlot(state: EngineState, a: SlotAnswer): EngineState {
  const { [a.slot]: _answered, ...hints } = state.hints;
  return { ...state, slots: { ...state.slots, [a.slot]: a }, hints };
}

// E10, E11, H1, H2: ends the conversation with an outcome and the copy that goes with it. A handoff says only
// what will happen (ctx), and tells the server where the lead goes (`route`).
// `live: false` (the visitor said they are done): a hot lead is followed up like a warm one, not handed off now.
export function finish(
  playbook: Playbook,
  state: EngineState,
  effects: Effect[],
  ctx: StepContext,
  how: { outcome?: BotOutcome; reason?: string; copy?: string; live?: boolean },
): Transition {
  const reason = how.outcome === "disqualified" ? how.reason : undefined;
  const qualification = qualify(playbook, state.slots, reason, ctx.behaviour);
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

export const askedForPerson = "asked for a person";

// Moves to the next question, or finishes when none is left (E3, E10). A question already asked twice is given
// up on the way (C1).
export function advance(playbook: Playbook, state: EngineState, effects: Effect[], ctx: StepContext): Transition {
  let scored: EngineState = { ...state, qualification: qualify(playbook, state.slots, undefined, ctx.behaviour) };
  for (let q = nextQuestion(playbook, scored); q; q = nextQuestion(playbook, scored)) {
    if (asksOf(scored, q) >= maxAsks) {
      scored = givenUp(scored, q);
      continue;
    }
    const hint = scored.hints[q.slot];
    if (hint) {
      const { [q.slot]: _used, ...hints } = scored.hints;
      return confirm(playbook, { ...scored, asking: q.id, hints }, hint, effects, ctx);
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

// E5, C1: re-ask once with the buttons; the second miss gives the question up (the slot stays unknown).
export function miss(
  playbook: Playbook,
  state: EngineState,
  q: Question,
  effects: Effect[],
  ctx: StepContext,
): Transition {
  const tries = state.retries[q.id] ?? 0;
  if (tries >= 1) return advance(playbook, givenUp(state, q), effects, ctx);
  const retried = { ...state, retries: { ...state.retries, [q.id]: tries + 1 } };
  return askQuestion(playbook, retried, q, effects, ctx, playbook.copy.retry);
}

// E6: a reading the engine is not sure of is confirmed before it counts. A confirmation is not an ask (C1); the
// question asked again after a "No" is.
export function confirmLine(playbook: Playbook, pending: SlotAnswer, prefix?: string): Say {
  const text = playbook.copy.confirm.replace("{answer}", pending.display);
  const options = [
    { value: reservedValues.yes, label: playbook.copy.yes },
    { value: reservedValues.no, label: playbook.copy.no },
  ];
  return { type: "say", text: prefix ? `${prefix} ${text}` : text, options };
}

export function confirm(
  playbook: Playbook,
  state: EngineState,
  pending: SlotAnswer,
  effects: Effect[],
  ctx: StepContext,
): Transition {
  // Other slots this message filled (E4) count at once; only the doubtful one waits.
  const next = {
    ...state,
    confirming: pending,
    qualification: qualify(playbook, state.slots, undefined, ctx.behaviour),
  };
  return { state: next, effects: [...effects, confirmLine(playbook, pending)] };
}

export function commit(
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
  if (!read.sure) return confirm(playbook, state, a, effects, ctx);
  return advance(playbook, withSlot(state, a), effects, ctx);
}
