// STUB (replaced by the understand branch): U8.
import { hasPhrase } from "./text.ts";

const phrases = [
  "skip",
  "rather not say",
  "prefer not to",
  "no thanks",
  "pass",
  "next question",
  "rather not give",
  "not telling",
];
export function detectSkip(text: string): boolean {
  return hasPhrase(text, phrases) && !hasPhrase(text, ["bye"]);
}
