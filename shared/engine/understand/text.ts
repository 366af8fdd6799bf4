// Text helpers shared by the extractors: one normalisation, one tokenizer, phrase matching that forgives one typo.

export function normalize(text: string): string {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[\u2018\u2019\u02bc`]/g, "'")
      .replace(/[\u2010-\u2015\u2212]/g, "-")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
      .replace(/[\u0000-\u001f\u007f]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

// Words of a normalised text: letters and digits, inner apostrophes kept, a possessive "'s" dropped
// ("CFO's" -> "cfo", "I'm" -> "i'm").
export function tokens(text: string): string[] {
  return (normalize(text).match(/[a-z0-9]+(?:'[a-z]+)*/g) ?? []).map((t) => t.replace(/'s$/, ""));
}

// "dont", "do not" and "cannot" read as "don't" and "can't", so phrase lists need one spelling of each.
const spelled = new Map([
  ["dont", "don't"],
  ["wont", "won't"],
  ["cant", "can't"],
  ["cannot", "can't"],
  ["im", "i'm"],
]);
const joined = new Map([
  ["do", "don't"],
  ["will", "won't"],
  ["can", "can't"],
]);
export function contracted(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const both = words[i + 1] === "not" ? joined.get(w) : undefined;
    if (both) i++;
    out.push(both ?? spelled.get(w) ?? w);
  }
  return out;
}

// True when a and b differ by at most one edit (insert, delete, substitute, or swap of neighbours). It runs for
// every word against every phrase word, so it compares in place rather than slicing.
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (sameFrom(a, i + 1, b, i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && sameFrom(a, i + 2, b, i + 2);
  }
  return a.length > b.length ? sameFrom(a, i + 1, b, i) : sameFrom(a, i, b, i + 1);
}

// Whether a from i and b from j are the same text.
function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (let k = 0; i + k < a.length; k++) if (a[i + k] !== b[j + k]) return false;
  return true;
}

// Words of five letters or more may carry one typo; shorter words must be exact ("ceo" is not "cfo").
function sameWord(word: string, want: string): boolean {
  return word === want || (!/\d/.test(want) && isTypoOf(word, want));
}

// One typo as SPEC.md U says: any one edit in a word of six letters or more, two swapped neighbours in a
// five-letter word ("marhc"), none in shorter words ("spend" is not "speed", "ceo" is not "cfo").
export function isTypoOf(word: string, want: string): boolean {
  if (want.length >= 6) return withinOneEdit(word, want);
  return want.length === 5 && isSwap(word, want);
}

// Where the phrase's words stand in a row among the words, or -1.
export function findPhrase(words: string[], phrase: string[]): number {
  if (phrase.length === 0) return -1;
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (phrase.every((p, j) => sameWord(words[i + j] as string, p))) return i;
  }
  return -1;
}

// Phrases come from a few fixed lists and playbooks, so their words are worked out once.
const phraseWords = new Map<string, string[]>();
function wordsOf(phrase: string): string[] {
  let w = phraseWords.get(phrase);
  if (!w) {
    w = tokens(phrase);
    if (phraseWords.size < 10_000) phraseWords.set(phrase, w);
  }
  return w;
}

// The longest of the phrases found in the text, or undefined.
export function longestPhrase(text: string | string[], phrases: readonly string[]): string | undefined {
  const words = Array.isArray(text) ? text : tokens(text);
  let best: string | undefined;
  let bestLength = 0;
  for (const phrase of phrases) {
    const p = wordsOf(phrase);
    if (p.length > 0 && findPhrase(words, p) >= 0 && phrase.length > bestLength) {
      best = phrase;
      bestLength = phrase.length;
    }
  }
  return best;
}

export function hasPhrase(text: string | string[], phrases: readonly string[]): boolean {
  return longestPhrase(text, phrases) !== undefined;
}

// The text's words joined by single spaces: for exact whole-answer comparisons ("ceo", "just me").
export function bare(text: string): string {
  return tokens(text).join(" ");
}

// Replaces words within one edit of a vocabulary word of five letters or more ("anually" -> "annually",
// "Decmber" -> "december"), for extractors that match with regular expressions rather than phrases.
export function fixTypos(normalized: string, vocabulary: readonly string[]): string {
  const long = vocabulary.filter((v) => v.length >= 5);
  return normalized.replace(/[a-z]{4,}/g, (word) => {
    if (vocabulary.includes(word)) return word;
    // Five-letter words only by a swap of neighbours ("marhc"), so "match" does not become "march".
    const fits = (v: string) => (word.length >= 6 ? withinOneEdit(word, v) : isSwap(word, v));
    return long.find(fits) ?? word;
  });
}

function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const i = [...a].findIndex((c, k) => c !== b[k]);
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
