// The qualification engine: pure functions from (playbook, state, input, now) to a new state and effects.
// Rules are numbered in SPEC.md (E*); the tests cite them.

import { holds } from "./conditions.ts";
import { display } from "./display.ts";
import { type Option, type Playbook, type Question, reservedValues } from "./playbook.ts";
import { qualify } from "./qualify.ts";
import { type Read, readAnswer } from "./read.ts";
import type { BotOutcome, Effect, EngineState, Input, SlotAnswer, Transition } from "./state.ts";
import { detectDisqualifier, detectIntent, isCorrection } from "./understand/index.ts";

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

function ask(playbook: Playbook, state: EngineState, q: Question, prefix?: string): Effect {
  const variant = q.variants?.find((v) => holds(v.when, state.slots, playbook));
  const text = prefix ? `${prefix} ${variant?.text ?? q.text}` : (variant?.text ?? q.text);
  const options = (q.options ?? []).map((o) => ({ value: o.value, label: o.label }));
  if (q.optional) options.push({ value: reservedValues.skip, label: playbook.copy.skip });
  return options.length > 0 ? { type: "say", text, options } : { type: "say", text };
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

// E10, E11: ends the conversation with an outcome and the copy that goes with it.
// `live: false` (the visitor said they are done): a hot lead is followed up like a warm one, not handed off now.
function finish(
  playbook: Playbook,
  state: EngineState,
  effects: Effect[],
  how: { outcome?: BotOutcome; reason?: string; copy?: string; live?: boolean },
): Transition {
  const qualification = qualify(playbook, state.slots, how.outcome === "disqualified" ? how.reason : undefined);
  const byTier: BotOutcome =
    qualification.tier === "hot" ? (how.live === false ? "warm" : "handoff") : qualification.tier;
  const outcome: BotOutcome = how.outcome ?? byTier;
  const copy = how.copy ?? playbook.copy[outcome];
  const next: EngineState = { ...state, asking: null, confirming: null, outcome, qualification };
  if (how.reason) next.outcomeReason = how.reason;
  const finished: Effect = { type: "finished", outcome, qualification };
  if (how.reason) finished.reason = how.reason;
  return { state: next, effects: [...effects, { type: "say", text: copy }, finished] };
}

// Moves to the next question, or finishes when none is left (E3, E10).
function advance(playbook: Playbook, state: EngineState, effects: Effect[]): Transition {
  const scored = { ...state, qualification: qualify(playbook, state.slots) };
  const q = nextQuestion(playbook, scored);
  if (!q && state.humanRequested) {
    return finish(playbook, scored, effects, {
      outcome: "handoff",
      reason: "asked for a person",
      copy: playbook.copy.human,
    });
  }
  if (!q) return finish(playbook, scored, effects, {});
  const asking = { ...scored, asking: q.id, confirming: null };
  const hint = state.hints[q.slot];
  if (hint) {
    const { [q.slot]: _used, ...hints } = state.hints;
    return confirm(playbook, { ...asking, hints }, hint, effects);
  }
  return { state: asking, effects: [...effects, ask(playbook, scored, q)] };
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
  return advance(playbook, state, [{ type: "say", text: playbook.copy.greeting }]);
}

// E5: re-ask once with the buttons; the second miss gives the question up (the slot stays unknown).
function miss(playbook: Playbook, state: EngineState, q: Question, effects: Effect[]): Transition {
  const tries = state.retries[q.id] ?? 0;
  if (tries >= 1) return advance(playbook, { ...state, skipped: [...state.skipped, q.id] }, effects);
  const retried = { ...state, retries: { ...state.retries, [q.id]: tries + 1 } };
  return { state: retried, effects: [...effects, ask(playbook, retried, q, playbook.copy.retry)] };
}

// E6: a reading the engine is not sure of is confirmed before it counts.
function confirm(playbook: Playbook, state: EngineState, pending: SlotAnswer, effects: Effect[]): Transition {
  const text = playbook.copy.confirm.replace("{answer}", pending.display);
  const options = [
    { value: reservedValues.yes, label: playbook.copy.yes },
    { value: reservedValues.no, label: playbook.copy.no },
  ];
  // Other slots this message filled (E4) count at once; only the doubtful one waits.
  const next = { ...state, confirming: pending, qualification: qualify(playbook, state.slots) };
  return { state: next, effects: [...effects, { type: "say", text, options }] };
}

function commit(
  playbook: Playbook,
  state: EngineState,
  q: Question,
  read: Read,
  words: string,
  now: number,
  effects: Effect[],
): Transition {
  const a = answer(playbook, q, read, words, now);
  // E9: a disqualifying option ends the conversation at once.
  if (read.disqualify)
    return finish(playbook, withSlot(state, a), effects, { outcome: "disqualified", reason: read.disqualify });
  if (!read.sure) return confirm(playbook, state, a, effects);
  return advance(playbook, withSlot(state, a), effects);
}

function onChoice(playbook: Playbook, state: EngineState, q: Question, value: string, now: number): Transition {
  if (value === reservedValues.skip && q.optional) {
    return advance(playbook, { ...state, skipped: [...state.skipped, q.id] }, []);
  }
  const option: Option | undefined = q.options?.find((o) => o.value === value);
  const read = option ? readAnswer(q, playbook, { option }, now, true) : null;
  // E5: a stale button (another question's, from an older message) is no answer to this one.
  return read && option ? commit(playbook, state, q, read, option.label, now, []) : miss(playbook, state, q, []);
}

function onConfirmReply(playbook: Playbook, state: EngineState, pending: SlotAnswer, yes: boolean): Transition {
  const cleared = { ...state, confirming: null };
  if (yes) return advance(playbook, withSlot(cleared, pending), []);
  // E6: "no" asks the question again without counting a miss.
  const q = questionById(playbook, pending.questionId);
  return q
    ? { state: { ...cleared, asking: q.id }, effects: [ask(playbook, cleared, q)] }
    : advance(playbook, cleared, []);
}

// E4, E7: one message may answer other questions too, and may correct an earlier answer.
function extras(playbook: Playbook, state: EngineState, current: Question | undefined, text: string, now: number) {
  const correcting = isCorrection(text);
  let next = state;
  const corrected: SlotAnswer[] = [];
  for (const q of playbook.questions) {
    if (q.id === current?.id || q.type === "choice" || q.type === "text") continue;
    const known = q.slot in next.slots;
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

function onText(
  playbook: Playbook,
  state: EngineState,
  q: Question | undefined,
  text: string,
  now: number,
): Transition {
  // E9: disqualifying words end the conversation whatever was asked.
  const dq = detectDisqualifier(playbook.disqualifiers, text);
  if (dq) return finish(playbook, state, [], { outcome: "disqualified", reason: dq.reason });
  const intent = detectIntent(text);
  // E8: a person on request, whatever the score; "done" ends with the tier's outcome and the done copy.
  if (intent === "human" && playbook.humanRequest === "after-questions") {
    const later = { ...state, humanRequested: true };
    const q2 = questionById(playbook, later.asking);
    const say: Effect = { type: "say", text: playbook.copy.humanLater ?? playbook.copy.human };
    return q2 ? { state: later, effects: [say, ask(playbook, later, q2)] } : finish(playbook, later, [say], {});
  }
  if (intent === "human")
    return finish(playbook, state, [], { outcome: "handoff", reason: "asked for a person", copy: playbook.copy.human });
  if (intent === "done") return finish(playbook, state, [], { copy: playbook.copy.done, live: false });
  if (state.confirming && (intent === "yes" || intent === "no")) {
    return onConfirmReply(playbook, state, state.confirming, intent === "yes");
  }
  const base = { ...state, confirming: null };
  const { state: withExtras, corrected } = extras(playbook, base, q, text, now);
  const effects: Effect[] = corrected.map((a) => ({
    type: "say" as const,
    text: playbook.copy.corrected
      .replace("{label}", questionById(playbook, a.questionId)?.label ?? a.slot)
      .replace("{answer}", a.display),
  }));
  if (!q) return advance(playbook, withExtras, effects);
  const read = readAnswer(q, playbook, { text }, now, true);
  if (read) return commit(playbook, withExtras, q, read, text, now, effects);
  // Something else was understood (an extra slot or a correction): move on without counting a miss.
  if (withExtras !== base) return advance(playbook, withExtras, effects);
  return miss(playbook, withExtras, q, effects);
}

export function step(playbook: Playbook, state: EngineState, input: Input, now: number): Transition {
  // E12: a finished conversation belongs to the server (live chat, or closed), not the bot.
  if (state.outcome !== null) return { state, effects: [] };
  const q = questionById(playbook, state.asking);
  if ("choice" in input) {
    if (state.confirming && (input.choice === reservedValues.yes || input.choice === reservedValues.no)) {
      return onConfirmReply(playbook, state, state.confirming, input.choice === reservedValues.yes);
    }
    if (!q) return advance(playbook, state, []);
    return onChoice(playbook, { ...state, confirming: null }, q, input.choice, now);
  }
  return onText(playbook, state, q, input.text, now);
}
