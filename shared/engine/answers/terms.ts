// The words of a visitor's question or an example phrasing, as the index compares them: stop words and numbers
// dropped, British spellings made American, the rest reduced to their stem, so "integrates", "integration" and
// "integrating" meet, and so do "customise" and "customize".
import { stemmer } from "stemmer";
import { tokens } from "../understand/text.ts";
import { stopWords } from "./stop-words.ts";

export function stem(word: string): string | null {
  if (stopWords.has(word)) return null;
  // "soc2", "windows11": the name without its number.
  const w = word.replace(/'.*$/, "").replace(/^([a-z]{2,})\d+$/, "$1");
  // One letter or a figure tells answers apart no better than a stop word ("10 reps", "24/7").
  if (w.length < 2 || /^\d/.test(w)) return null;
  return stemmer(american(w));
}

// Both sides go through it, so a rare wrong guess ("tour" -> "tor") costs nothing.
function american(word: string): string {
  if (word.length < 6) return word;
  return word
    .replace(/is(e|es|ed|ing|ation|ations)$/, "iz$1")
    .replace(/our(s|ed|ing)?$/, "or$1")
    .replace(/tre(s)?$/, "ter$1");
}

export function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of tokens(text)) {
    const t = stem(word);
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}
