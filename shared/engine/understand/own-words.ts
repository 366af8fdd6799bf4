// C3: a free-text answer that names none of the question's options is kept in the visitor's own words, when it
// says something. Filler, a lone emoji, digits or "not sure" say nothing: they are a miss, not a stated need.
import { tokens } from "./text.ts";

const maxLength = 120;
const filler = new Set([
  "hi",
  "hey",
  "hello",
  "hiya",
  "there",
  "yo",
  "ok",
  "okay",
  "okey",
  "yes",
  "yeah",
  "yep",
  "yup",
  "no",
  "nope",
  "nah",
  "sure",
  "idk",
  "dunno",
  "know",
  "don't",
  "dont",
  "not",
  "sure",
  "idea",
  "lol",
  "lmao",
  "rofl",
  "omg",
  "test",
  "testing",
  "asdf",
  "asdfg",
  "asdfgh",
  "qwerty",
  "blah",
  "nothing",
  "whatever",
  "thanks",
  "thank",
  "you",
  "please",
  "pls",
  "what",
  "huh",
  "and",
  "the",
  "cool",
  "nice",
]);
// Sounds rather than words: "hmmm", "ummm", "hahaha", "okkk", "zzz".
const sounds = /^(h+m+|u+h*m+|u+h+|e+r+m+|o+k+|(ha)+h?|(he)+|(ah)+|l+o+l+|m+h*|z+|x+|a+h+|o+h+)$/;

// The visitor's words, whitespace collapsed, cut at a word within 120 characters; null when they say nothing:
// no word of three letters or more besides filler.
export function ownWords(text: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are whitespace here.
  const words = text.replace(/[\u0000-\u001f\u007f\s]+/g, " ").trim();
  const says = tokens(words).some((w) => /[a-z]{3}/.test(w) && !filler.has(w) && !sounds.test(w));
  if (!says) return null;
  if (words.length <= maxLength) return words;
  const cut = words.slice(0, maxLength - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > maxLength / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
