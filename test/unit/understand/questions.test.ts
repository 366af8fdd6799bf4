// SPEC.md U9 (and A1): splitQuestion finds what a message asks, if anything, and the rest of it, which is read as
// an answer. A message asks when a sentence ends with "?" or opens with an asking phrase, even without "?". A
// statement may come before or after the question. Not a question: a doubtful answer with a "?" ("40k?", "next
// month?"), a statement that opens with "what we need is ...", and a question the visitor asks themself and then
// answers ("what brings me here? lead capture": the rest is the answer).
import { describe, expect, it } from "vitest";
import { splitQuestion } from "../../../shared/engine/understand/index.ts";

type Row = [text: string, question: string | null, rest: string];

function check(rows: Row[]) {
  for (const [text, question, rest] of rows) {
    it(`${JSON.stringify(text)} -> ${JSON.stringify(question)} + ${JSON.stringify(rest)}`, () => {
      expect(splitQuestion(text)).toEqual({ question, rest });
    });
  }
}

describe("U9 splitQuestion", () => {
  describe("U9 the whole message asks", () => {
    check([
      ["do you integrate with Salesforce?", "do you integrate with Salesforce?", ""],
      ["can I talk to someone?", "can I talk to someone?", ""],
      ["is there a free trial?", "is there a free trial?", ""],
      ["pricing?", "pricing?", ""],
      ["Pricing??", "Pricing??", ""],
      ["salesforce integration?", "salesforce integration?", ""],
      ["r u a bot?", "r u a bot?", ""],
      ["how does the scoring work?", "how does the scoring work?", ""],
      ["what's the price for 5 seats?", "what's the price for 5 seats?", ""],
      ["quick question: do you have an API?", "quick question: do you have an API?", ""],
      ["Can we start next week?", "Can we start next week?", ""],
    ]);
  });

  describe("U9 an asking phrase without a question mark", () => {
    check([
      ["how much does it cost", "how much does it cost", ""],
      ["how much is it", "how much is it", ""],
      ["whats the pricing", "whats the pricing", ""],
      ["what's the price lol", "what's the price lol", ""],
      ["tell me about your pricing", "tell me about your pricing", ""],
      ["I'd like to know if you have a free trial", "I'd like to know if you have a free trial", ""],
      ["i was wondering if you support hubspot", "i was wondering if you support hubspot", ""],
      ["wondering if there's a free trial", "wondering if there's a free trial", ""],
      ["any chance you do monthly billing", "any chance you do monthly billing", ""],
      ["are you GDPR compliant", "are you GDPR compliant", ""],
      ["does it work with shopify", "does it work with shopify", ""],
      ["can you integrate with pipedrive", "can you integrate with pipedrive", ""],
      ["do u have a free trial", "do u have a free trial", ""],
      ["is it expensive", "is it expensive", ""],
    ]);
  });

  describe("U9 a statement and a question", () => {
    check([
      ["not sure, what does it cost?", "what does it cost?", "not sure"],
      ["we have 50k. do you integrate with salesforce?", "do you integrate with salesforce?", "we have 50k."],
      ["hi! how much is it?", "how much is it?", "hi!"],
      [
        "CTO here, budget 40k. Do you offer a discount for annual billing?",
        "Do you offer a discount for annual billing?",
        "CTO here, budget 40k.",
      ],
      ["we have 50k, but does it integrate with hubspot?", "does it integrate with hubspot?", "we have 50k"],
      [
        "I'm the CEO and I was wondering if you integrate with hubspot",
        "I was wondering if you integrate with hubspot",
        "I'm the CEO",
      ],
      ["what does it cost? we have about 40k", "what does it cost?", "we have about 40k"],
      ["not sure. how long is the setup?", "how long is the setup?", "not sure."],
      ["about 20k, is there a monthly plan", "is there a monthly plan", "about 20k"],
      ["asap, can you do onboarding this week?", "can you do onboarding this week?", "asap"],
      ["I'm the CTO. Is it GDPR compliant?", "Is it GDPR compliant?", "I'm the CTO."],
      ["we need lead capture, how fast can we go live?", "how fast can we go live?", "we need lead capture"],
      ["how much can we save? we have 10 reps", "how much can we save?", "we have 10 reps"],
      [
        "how much is it? and do you integrate with salesforce?",
        "how much is it? do you integrate with salesforce?",
        "",
      ],
    ]);
  });

  describe("U9 no question: the whole text is the rest", () => {
    check([
      ["I'm the CTO", null, "I'm the CTO"],
      ["We need a better way to qualify our inbound leads", null, "We need a better way to qualify our inbound leads"],
      ["lead capture mostly", null, "lead capture mostly"],
      ["next month", null, "next month"],
      ["what we need is better lead capture", null, "what we need is better lead capture"],
      ["how we qualify leads today is a mess", null, "how we qualify leads today is a mess"],
      ["when a lead comes in we email it around", null, "when a lead comes in we email it around"],
      ["40k?", null, "40k?"],
      ["maybe next month?", null, "maybe next month?"],
      ["CEO?", null, "CEO?"],
      ["huh?", null, "huh?"],
      ["what?", null, "what?"],
      ["??", null, "??"],
      ["", null, ""],
    ]);
  });

  describe("U9 a question the visitor answers themself: the answer is the rest", () => {
    check([
      ["what brings me here? lead capture", null, "lead capture"],
      ["how much can we spend? around 40k", null, "around 40k"],
      ["what do we need? a better way to qualify leads", null, "a better way to qualify leads"],
    ]);
  });
});
