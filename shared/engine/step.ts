// The qualification engine: pure functions from (playbook, state, input, now) to a new state and effects.
// Rules are numbered in SPEC.md; the tests cite them.
import { qualify } from "../scoring/qualify.ts";
import type { Playbook, Question } from "./playbook.ts";
import type { Effect, EngineState, Input, Outcome, SlotAnswer, Transition } from "./state.ts";
import { matchOption, parseEmail } from "./understand.ts";

function ask(question: Question): Effect {
  if (question.kind === "choice") {
    return {
      type: "say",
      text: question.text,
      options: question.options.map((o) => ({ value: o.value, label: o.label })),
    };
  }
  return { type: "say", text: question.text };
}

// E1: greet, then ask the first question.
export function start(playbook: Playbook): Transition {
  const state: EngineState = {
    playbookId: playbook.id,
    playbookVersion: playbook.version,
    index: 0,
    retried: false,
    answers: [],
    outcome: null,
    qualification: qualify([], playbook.thresholds),
  };
  const first = playbook.questions[0];
  const effects: Effect[] = [{ type: "say", text: playbook.greeting }];
  if (first) effects.push(ask(first));
  return first ? { state, effects } : finish(playbook, state, []);
}

// The answer an input gives to a question, or undefined when the engine cannot tell (E2, E3, E4, E6).
function understand(question: Question, input: Input, now: number): SlotAnswer | undefined {
  const base = { slot: question.slot, label: question.label, question: question.text, at: now };
  if (question.kind === "email") {
    const email = "text" in input ? parseEmail(input.text) : undefined;
    return email
      ? { ...base, answer: email, text: email, points: question.points, reason: question.reason }
      : undefined;
  }
  const option =
    "choice" in input
      ? question.options.find((o) => o.value === input.choice)
      : matchOption(question.options, input.text);
  if (!option) return undefined;
  const answer: SlotAnswer = {
    ...base,
    answer: option.label,
    text: "text" in input ? input.text : option.label,
    points: option.points,
    reason: option.reason,
  };
  if (option.disqualify) answer.disqualify = option.disqualify;
  return answer;
}

function finish(playbook: Playbook, state: EngineState, effects: Effect[]): Transition {
  const qualification = qualify(state.answers, playbook.thresholds);
  // E7, E8: the outcome follows from the qualification.
  const outcome: Outcome =
    qualification.stage === "disqualified"
      ? "disqualified"
      : qualification.tier === "hot"
        ? "handoff"
        : qualification.tier;
  const copy = {
    handoff: playbook.copy.handoff,
    warm: playbook.copy.warm,
    cold: playbook.copy.cold,
    disqualified: playbook.copy.disqualified,
  };
  return {
    state: { ...state, index: playbook.questions.length, outcome, qualification },
    effects: [...effects, { type: "say", text: copy[outcome] }, { type: "finished", outcome, qualification }],
  };
}

export function step(playbook: Playbook, state: EngineState, input: Input, now: number): Transition {
  // E9: a finished conversation is the server's (live chat), not the bot's.
  if (state.outcome !== null) return { state, effects: [] };
  const question = playbook.questions[state.index];
  if (!question) return finish(playbook, state, []);

  const answer = understand(question, input, now);
  if (!answer && !state.retried) {
    // E5: re-ask once, with the buttons.
    const again = ask(question);
    return {
      state: { ...state, retried: true },
      effects: [{ ...again, type: "say", text: `${playbook.copy.retry} ${question.text}` }],
    };
  }

  const answers = answer ? [...state.answers, answer] : state.answers;
  const next: EngineState = {
    ...state,
    answers,
    index: state.index + 1,
    retried: false,
    qualification: qualify(answers, playbook.thresholds),
  };
  // E7: a disqualifying answer ends the conversation at once.
  if (answer?.disqualify) return finish(playbook, next, []);
  const following = playbook.questions[next.index];
  return following ? { state: next, effects: [ask(following)] } : finish(playbook, next, []);
}
