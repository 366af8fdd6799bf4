// U4: what a message asks of the bot rather than answers: a person, the end, yes or no, a correction; and the
// disqualification phrases a playbook lists (student, job seeker, vendor, competitor, spam).
import { bare, hasPhrase, normalize, tokens } from "./text.ts";

export type Intent = "human" | "done" | "yes" | "no";

const humanAlone = new Set(
  [
    "human",
    "a human",
    "real person",
    "a real person",
    "agent",
    "an agent",
    "live agent",
    "representative",
    "a person",
    "person",
    "operator",
    "sales",
    "a rep",
  ].map(bare),
);
const humanPhrases = [
  "talk to someone",
  "talk to somebody",
  "talk to a human",
  "talk to a person",
  "talk to sales",
  "talk to a rep",
  "talk to an agent",
  "talk to a real person",
  "speak to someone",
  "speak with someone",
  "speak to a human",
  "speak with sales",
  "speak to sales",
  "speak to a person",
  "speak with a person",
  "speak to a rep",
  "chat with a human",
  "chat with someone",
  "real person",
  "live agent",
  "human please",
  "a human please",
  "i want an agent",
  "get me a rep",
  "get me a human",
  "get me someone",
  "connect me to a person",
  "connect me with someone",
  "connect me to someone",
  "connect me to sales",
  "is there a human",
  "are you a bot",
  "are you human",
  "actual person",
  "talk to a salesperson",
  "call me",
  "someone call me",
  "put me through",
  "transfer me",
];
const done = [
  "that's all",
  "thats all",
  "that is all",
  "bye",
  "goodbye",
  "good bye",
  "stop",
  "not interested",
  "i'm done",
  "im done",
  "i am done",
  "leave me alone",
  "no thanks bye",
  "end chat",
  "end the chat",
  "unsubscribe",
  "go away",
  "quit",
  "cancel",
  "nevermind",
  "never mind",
];
// Whole answers, compared in their bare form (so "That's right!" is "that right").
const yes = new Set(
  [
    "yes",
    "yeah",
    "yep",
    "yup",
    "y",
    "ya",
    "yea",
    "correct",
    "that's right",
    "thats right",
    "right",
    "exactly",
    "sure",
    "yes please",
    "yes that's right",
    "yes thats right",
    "that's correct",
    "thats correct",
    "affirmative",
    "ok",
    "okay",
    "yes correct",
    "indeed",
    "absolutely",
    "of course",
    "you got it",
    "spot on",
    "yes exactly",
  ].map(bare),
);
const no = new Set(
  [
    "no",
    "nope",
    "nah",
    "n",
    "not really",
    "wrong",
    "incorrect",
    "that's not right",
    "thats not right",
    "not quite",
    "no that's wrong",
    "no thats wrong",
    "not right",
    "no that's not right",
    "not correct",
    "negative",
  ].map(bare),
);
const correction =
  /\b(actually|i meant|i mean|correction|make that|wait|sorry|let me correct|i misspoke|scratch that|rather)\b/;

export function detectIntent(text: string): Intent | null {
  const n = normalize(text);
  const b = bare(n);
  if (/^\s*(👍|✅|👌)+\s*$/u.test(n)) return "yes";
  if (/^\s*(👎|❌)+\s*$/u.test(n)) return "no";
  if (yes.has(b)) return "yes";
  if (no.has(b)) return "no";
  const words = tokens(n);
  if (humanAlone.has(b) || hasPhrase(words, humanPhrases)) return "human";
  if (hasPhrase(words, done)) return "done";
  return null;
}

export function isCorrection(text: string): boolean {
  return correction.test(normalize(text));
}

export interface DisqualifierRule {
  id: string;
  reason: string;
  phrases: string[];
}

export function detectDisqualifier(rules: DisqualifierRule[], text: string): { id: string; reason: string } | null {
  const words = tokens(text);
  const hit = rules.find((r) => hasPhrase(words, r.phrases));
  return hit ? { id: hit.id, reason: hit.reason } : null;
}
