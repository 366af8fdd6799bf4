// SPEC.md C3: ownWords keeps a free-text answer that names no option in the visitor's own words (trimmed, whitespace
// collapsed, at most 120 characters), and is null when the text says nothing: filler ("hi", "ok", "hmm", "idk"),
// punctuation, a lone emoji, digits only, or no word of three letters or more besides filler.
import { describe, expect, it } from "vitest";
import { ownWords } from "../../../shared/engine/understand/index.ts";

function check(rows: [string, string | null][]) {
  for (const [text, want] of rows) {
    it(`${JSON.stringify(text)} -> ${JSON.stringify(want)}`, () => {
      expect(ownWords(text)).toBe(want);
    });
  }
}

describe("C3 ownWords", () => {
  describe("C3 kept in the visitor's words", () => {
    check([
      ["We need a better way to qualify our inbound leads", "We need a better way to qualify our inbound leads"],
      ["  better   reporting  for   our reps  ", "better reporting for our reps"],
      ["chat on our pricing page", "chat on our pricing page"],
      ["CRM", "CRM"],
      ["SEO", "SEO"],
      ["integrations with pipedrive 🙏", "integrations with pipedrive 🙏"],
      ["we sell boats", "we sell boats"],
      ["hmm, mostly analytics", "hmm, mostly analytics"],
      ["lead routing for 3 teams", "lead routing for 3 teams"],
      ["bookings\nand demos", "bookings and demos"],
      ["ok so basically we get spam leads", "ok so basically we get spam leads"],
    ]);
  });

  describe("C3 says nothing: null", () => {
    check([
      ["hi", null],
      ["Hi!", null],
      ["hi there", null],
      ["hello?", null],
      ["ok", null],
      ["ok ok", null],
      ["k", null],
      ["hmm", null],
      ["hmmmm", null],
      ["idk", null],
      ["idk lol", null],
      ["dunno", null],
      ["not sure", null],
      ["no idea", null],
      ["I don't know", null],
      ["?", null],
      ["??", null],
      ["...", null],
      ["lol", null],
      ["lmao", null],
      ["hahaha", null],
      ["test", null],
      ["testing 123", null],
      ["asdf", null],
      ["asdfgh", null],
      ["👍", null],
      ["🙂🙂", null],
      ["12345", null],
      ["yes", null],
      ["no", null],
      ["nothing", null],
      ["whatever", null],
      ["", null],
      ["   ", null],
    ]);
  });

  describe("C3 at most 120 characters", () => {
    const long = `We need ${"a much better way to route and qualify inbound leads ".repeat(6)}`;
    it("a long answer is cut at a word, within 120 characters", () => {
      const words = ownWords(long);
      expect(words).not.toBeNull();
      expect(words?.length).toBeLessThanOrEqual(120);
      expect(words?.startsWith("We need a much better way to route")).toBe(true);
    });
  });
});
