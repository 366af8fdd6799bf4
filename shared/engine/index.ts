export { defaultPlaybook } from "./default-playbook.ts";
export type { ChoiceQuestion, EmailQuestion, Option, Playbook, Question } from "./playbook.ts";
export type { Effect, EngineState, Input, Outcome, SlotAnswer, Transition } from "./state.ts";
export { start, step } from "./step.ts";
