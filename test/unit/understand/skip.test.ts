// SPEC.md U8 (and C5): detectSkip is true when the visitor declines to answer the question, in words as well as by
// the Skip button. Not when they are done ("no thanks, bye": detectIntent), do not know ("I don't know": unknown),
// answer with a none ("no budget"), or use the same words about something else ("we pass leads to sales").
import { describe, expect, it } from "vitest";
import { detectSkip } from "../../../shared/engine/understand/index.ts";

function check(rows: [string, boolean][]) {
  for (const [text, skip] of rows) {
    it(`${JSON.stringify(text)} -> ${skip}`, () => {
      expect(detectSkip(text)).toBe(skip);
    });
  }
}

describe("U8 detectSkip", () => {
  describe("U8 declines: true", () => {
    check([
      ["skip", true],
      ["Skip!", true],
      ["skip it", true],
      ["skip this one", true],
      ["skip for now", true],
      ["can we skip this?", true],
      ["let's skip this", true],
      ["lets skip", true],
      ["rather not say", true],
      ["I'd rather not say", true],
      ["id rather not", true],
      ["I'd prefer not to", true],
      ["prefer not to say", true],
      ["prefer not to answer that", true],
      ["no thanks", true],
      ["No thank you.", true],
      ["nah thanks", true],
      ["pass", true],
      ["pass 🙂", true],
      ["I'll pass", true],
      ["next question", true],
      ["next question pls", true],
      ["next", true],
      ["I'd rather not give my email", true],
      ["rather not share my email", true],
      ["not telling", true],
      ["not telling you lol", true],
      ["none of your business", true],
      ["I don't want to share that", true],
      ["i dont want to share that", true],
      ["I don't want to give my email", true],
      ["no comment", true],
      ["let's move on", true],
      ["that's private", true],
      ["that's confidential", true],
      ["not comfortable sharing that", true],
      ["not gonna say", true],
    ]);
  });

  describe("U8 not a skip: false", () => {
    check([
      ["no thanks, bye", false],
      ["I don't know", false],
      ["not sure", false],
      ["no budget", false],
      ["none", false],
      ["nothing", false],
      ["no", false],
      ["yes", false],
      ["next month", false],
      ["next week", false],
      ["what's next?", false],
      ["we pass leads to sales by email", false],
      ["we want to skip manual qualification", false],
      ["I'd rather not wait", false],
      ["we'd rather not use intercom anymore", false],
      ["skip the line and talk to sales", false],
      ["I'm the CTO", false],
      ["", false],
    ]);
  });
});
