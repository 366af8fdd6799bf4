// U8: the visitor declines to answer the question ("rather not say", "skip", "I'd rather not give my email").
// Short words that decline only as the whole answer ("pass", "next") are told apart from phrases that decline
// anywhere ("none of your business"), so "we pass leads to sales" and "next month" are answers, not skips.
import { detectIntent } from "./intents.ts";
import { bare, contracted, hasPhrase, tokens } from "./text.ts";

const filler = new Set(["please", "pls", "plz", "sorry", "lol", "haha", "tbh", "honestly", "um", "uh", "hmm", "ok"]);
const alone = new Set(
  [
    "skip",
    "skip it",
    "skip please",
    "let's skip",
    "lets skip",
    "can we skip",
    "pass",
    "next",
    "next one",
    "no thanks",
    "no thank you",
    "nah thanks",
    "nah thank you",
    "no thx",
    "rather not",
    "i'd rather not",
    "id rather not",
    "i would rather not",
    "would rather not",
    "prefer not to",
    "i'd prefer not to",
    "id prefer not to",
    "i would prefer not to",
    "prefer not",
    "private",
    "that's private",
    "it's private",
    "confidential",
    "that's confidential",
    "it's confidential",
    "move on",
    "let's move on",
    "lets move on",
    "can we move on",
  ].map(bare),
);
const anywhere = [
  "skip this",
  "skip that",
  "skip for now",
  "skip this question",
  "i'll skip",
  "i'll pass",
  "i will pass",
  "pass on this",
  "pass on that",
  "next question",
  "rather not say",
  "rather not share",
  "rather not tell",
  "rather not give",
  "rather not answer",
  "rather not disclose",
  "rather not specify",
  "prefer not to say",
  "prefer not to share",
  "prefer not to tell",
  "prefer not to give",
  "prefer not to answer",
  "prefer not to disclose",
  "don't want to say",
  "don't want to share",
  "don't want to tell",
  "don't want to give",
  "don't want to answer",
  "don't want to disclose",
  "not comfortable sharing",
  "not comfortable giving",
  "not comfortable with sharing",
  "not telling",
  "not saying",
  "won't say",
  "won't tell",
  "won't share",
  "not gonna say",
  "not gonna tell",
  "not going to say",
  "not going to tell",
  "none of your business",
  "not your business",
  "mind your own business",
  "no comment",
];

export function detectSkip(text: string): boolean {
  const words = contracted(tokens(text));
  if (words.length === 0) return false;
  const declines = alone.has(words.filter((w) => !filler.has(w)).join(" ")) || hasPhrase(words, anywhere);
  // "no thanks, bye" ends the chat, "pass me to a human" asks for one: those are intents (E8), not skips.
  return declines && detectIntent(text) === null;
}
