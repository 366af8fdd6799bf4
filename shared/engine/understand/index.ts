// Free-text understanding, English first. Each extractor reads one kind of slot from any message, so one message
// can answer several questions ("I'm the CTO, we have about 50k and need it live by March").
// API and exact semantics of every extractor: shared/engine/SPEC.md, section U.
export { extractAuthority } from "./authority.ts";
export { extractEmail, extractPhone } from "./contact.ts";
export { detectDisqualifier, detectIntent, isCorrection } from "./intents.ts";
export { extractMoney } from "./money.ts";
export { type MatchOptions, matchOption, type Named } from "./options.ts";
export { ownWords } from "./own-words.ts";
export { type SplitQuestion, splitQuestion } from "./questions.ts";
export { detectSkip } from "./skip.ts";
export { extractTiming } from "./timing.ts";
export type * from "./values.ts";
