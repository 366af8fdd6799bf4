// E13 for the readers of issue 14, as properties: whatever the visitor types (empty, huge, emoji, control
// characters, binary), matchOption, detectSkip, splitQuestion and ownWords never throw and keep their promises.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultPlaybook } from "../../../shared/engine/playbooks/index.ts";
import { detectSkip, matchOption, ownWords, splitQuestion } from "../../../shared/engine/understand/index.ts";

const options = defaultPlaybook.questions.find((q) => q.id === "need")?.options ?? [];
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.constantFrom(
    "",
    " ",
    "?",
    "constructor",
    "toString __proto__",
    "\u0000\u0007\u001b[2J",
    "🙂🙂🙂",
    "a, ".repeat(600),
  ),
  fc
    .array(fc.constantFrom("leads", "lose", "not", "what", "?", ",", "do you", "skip", "today", "40.000"), {
      maxLength: 60,
    })
    .map((w) => w.join(" ")),
);

describe("E13 the readers of issue 14 take any text", () => {
  it("U7 matchOption returns one of the options or null, strict or not", () => {
    fc.assert(
      fc.property(text, fc.boolean(), (t, strict) => {
        const r = matchOption(options, t, { strict });
        expect(r === null || options.includes(r)).toBe(true);
      }),
    );
  });

  it("U8 detectSkip returns a boolean", () => {
    fc.assert(fc.property(text, (t) => typeof detectSkip(t) === "boolean"));
  });

  it("U9 splitQuestion returns a non-empty question or null, and a trimmed rest", () => {
    fc.assert(
      fc.property(text, (t) => {
        const { question, rest } = splitQuestion(t);
        expect(question === null || question.trim().length > 0).toBe(true);
        expect(rest).toBe(rest.trim());
      }),
    );
  });

  it("C3 ownWords returns null or at most 120 characters, trimmed", () => {
    fc.assert(
      fc.property(text, (t) => {
        const words = ownWords(t);
        expect(words === null || (words.length > 0 && words.length <= 120 && words === words.trim())).toBe(true);
      }),
    );
  });
});
