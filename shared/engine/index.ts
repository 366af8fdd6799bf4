export { type AnswerMatch, findAnswer, rankAnswers } from "./answers/index.ts";
export { pageMatches, usesBehaviour, withDecay } from "./behaviour.ts";
export { holds } from "./conditions.ts";
export { type CopyKey, copyOf } from "./copy.ts";
export { display } from "./display.ts";
export { ringing } from "./handoff.ts";
export type { Answer, AnswerType, Condition, Copy, Option, Playbook, Question, ScoreRule } from "./playbook.ts";
export { reservedValues } from "./playbook.ts";
export { defaultPlaybook } from "./playbooks/index.ts";
export { qualify } from "./qualify.ts";
export type {
  AskedQuestion,
  BotOutcome,
  Effect,
  EngineState,
  Input,
  Route,
  SlotAnswer,
  StepContext,
  Transition,
} from "./state.ts";
export { nextQuestion, start, step } from "./step.ts";
