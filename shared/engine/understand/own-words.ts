// STUB (replaced by the understand branch): C3.
import { tokens } from "./text.ts";

const filler = new Set([
  "hi",
  "hello",
  "hey",
  "ok",
  "okay",
  "hmm",
  "idk",
  "lol",
  "test",
  "yes",
  "no",
  "not",
  "sure",
  "dunno",
  "know",
  "don't",
]);
export function ownWords(text: string): string | null {
  const words = tokens(text).filter((w) => w.length >= 3 && !filler.has(w) && !/^\d+$/.test(w));
  if (words.length === 0) return null;
  return text.replace(/\s+/g, " ").trim().slice(0, 120);
}
