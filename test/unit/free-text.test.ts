// The rule for free text (shared/protocol/text.ts), as properties over any string, lone surrogates included.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanLine, cleanText } from "../../shared/protocol/text.ts";

const anyText = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
  fc.string({ unit: fc.constantFrom("\r", "\n", "\r\n", "\t", "\u0000", "\u0085", "\ud83d", "\ude00", "a", " ") }),
);
// What may remain besides tab and newline: no C0, DEL or C1.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const control = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\r]/;
// Well-formed: UTF-8 carries it unchanged (a lone surrogate would come back as U+FFFD).
const survivesUtf8 = (s: string) => Buffer.from(s, "utf8").toString("utf8") === s;

describe("free text", () => {
  it("keeps no control character but tab and newline, only well-formed Unicode, and is stable", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const t = cleanText(s);
        expect(t).not.toMatch(control);
        expect(survivesUtf8(t)).toBe(true);
        expect(cleanText(t)).toBe(t);
        const line = cleanLine(s);
        expect(line).not.toMatch(/[\t\n\r]/);
        expect(survivesUtf8(line)).toBe(true);
      }),
    );
  });

  it("keeps what a person writes", () => {
    const written = "Olá 👋 — 20 % off?\n\tSee https://acme.com/pricing?a=1&b=2 «ok» 中文 café";
    expect(cleanText(written)).toBe(written);
    expect(cleanText("one\r\ntwo\rthree")).toBe("one\ntwo\nthree");
    expect(cleanText("a\ud83db\ude00c")).toBe("a\ufffdb\ufffdc");
    expect(cleanLine("Ana\n\tLee")).toBe("Ana  Lee");
  });
});
