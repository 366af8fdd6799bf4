// Answers to visitors' own questions (rules A1-A5): the matcher over a playbook's answers.
export { type AnswerMatch, findAnswer, rankAnswers } from "./match.ts";
