// U4, U7: which of a question's options a free-text answer names. Words are compared by stem (Porter's), in any
// order, within one clause and a few words of each other, so "leads we lose" names "losing leads". Deliberately
// conservative: no match is better than a wrong one, because the bot re-asks with buttons (E5) or keeps the
// visitor's own words (C3). So a negated option ("I'm not a student") is not named, and two options named equally
// well name none.
import { stemmer } from "stemmer";
import { bare, isTypoOf, normalize, tokens } from "./text.ts";

export interface Named {
  value: string;
  label: string;
  synonyms?: string[];
}

export interface MatchOptions {
  // C2: the message answered another question, so only a label or synonym of two words or more names an option,
  // with no typo forgiven.
  strict?: boolean;
}

// Words that carry no meaning of their own in a label or synonym ("Capture more leads from our website").
const stopwords = new Set(
  "a an the our my your their its we i i'm im me us you to of for from in on at with and or is are be it this that some any get by".split(
    " ",
  ),
);
const negators = new Set(
  "not no never don't dont doesn't didn't won't isn't aren't wasn't can't cannot without nor neither".split(" "),
);
// "just looking for a way to qualify leads" is a need, not "just looking".
const seeking = new Set(["look", "search", "hunt"]);
const seekingNext = new Set(["for", "to", "into"]);
// How many more words than the phrase has may stand between its first and last word.
const slack = 4;

// Words Porter's algorithm folds into another word's stem: "conversation" is not "conversion", "general" is not
// "generation", "community" is not "communication".
const ownStems = new Map([
  ["conversation", "conversat"],
  ["conversations", "conversat"],
  ["conversational", "conversat"],
  ["general", "general"],
  ["generally", "general"],
  ["community", "communit"],
  ["communities", "communit"],
  ["productivity", "productiv"],
]);
function stem(word: string): string {
  return ownStems.get(word) ?? stemmer(word);
}

interface Phrase {
  // The phrase's meaningful words, each with its stem.
  words: Word[];
  chars: number;
}

interface Word {
  word: string;
  stem: string;
}

// Phrases come from playbooks, which change rarely: their words and stems are worked out once.
const phrases = new Map<string, Phrase>();
function phraseOf(text: string): Phrase {
  let p = phrases.get(text);
  if (!p) {
    p = {
      words: tokens(text)
        .filter((w) => !stopwords.has(w))
        .map((word) => ({ word, stem: stem(word) })),
      chars: text.length,
    };
    if (phrases.size < 10_000) phrases.set(text, p);
  }
  return p;
}

// The message's clauses as stemmed words: a comma or a sentence's end closes a clause, and a negation's reach
// ("no idea, just browsing"). Several questions may be matched against one message in a row, so the last
// message's words are kept.
let lastText = "";
let lastSentences: Word[][] = [];
function sentencesOf(text: string): Word[][] {
  if (text !== lastText) {
    lastSentences = normalize(text)
      .split(/[.!?;,]+(?:\s|$)|\n/)
      .map((s) => tokens(s).map((word) => ({ word, stem: stopwords.has(word) ? "" : stem(word) })))
      .filter((s) => s.length > 0);
    lastText = text;
  }
  return lastSentences;
}

// The same stem, or one typo away from the wanted word or its stem: a typo in the ending can change the stem
// ("loosing" stems to "loos", "losing" to "lose") and a stem may be too short to forgive one ("laeds", "leads").
function same(w: Word, want: Word, typos: boolean): boolean {
  return w.stem === want.stem || (typos && (isTypoOf(w.stem, want.stem) || isTypoOf(w.word, want.word)));
}

// Whether all the phrase's stems stand, in any order, within a window of the clause that no negation precedes.
function found(sentence: Word[], phrase: Phrase, typos: boolean): boolean {
  const n = phrase.words.length;
  const width = n + slack;
  for (let start = 0; start < sentence.length; start++) {
    const anchor = sentence[start] as Word;
    if (!phrase.words.some((want) => same(anchor, want, typos))) continue;
    const used = new Set<number>();
    for (const want of phrase.words) {
      for (let i = start; i < Math.min(sentence.length, start + width); i++) {
        if (!used.has(i) && same(sentence[i] as Word, want, typos)) {
          used.add(i);
          break;
        }
      }
    }
    if (used.size < n || !used.has(start)) continue;
    const last = Math.max(...used);
    const negated = sentence.slice(Math.max(0, start - 3), start).some((w) => negators.has(w.word));
    const seeks = seeking.has(phrase.words[n - 1]?.stem ?? "") && seekingNext.has(sentence[last + 1]?.word ?? "");
    if (!negated && !seeks) return true;
  }
  return false;
}

// Labels compared whole, worked out once.
const bareLabels = new Map<string, string>();
function bareLabel(label: string): string {
  let b = bareLabels.get(label);
  if (b === undefined) {
    b = bare(label);
    if (bareLabels.size < 10_000) bareLabels.set(label, b);
  }
  return b;
}

export function matchOption<O extends Named>(options: readonly O[], text: string, opts?: MatchOptions): O | null {
  const strict = opts?.strict === true;
  const b = bare(text);
  if (!b) return null;
  if (!strict) {
    const exact = options.find((o) => bareLabel(o.label) === b || o.value === text.trim().toLowerCase());
    if (exact) return exact;
  }
  const sentences = sentencesOf(text);
  let best: { option: O; words: number; chars: number } | null = null;
  let tied = false;
  for (const option of options) {
    let mine: { words: number; chars: number } | null = null;
    for (const said of [option.label, ...(option.synonyms ?? [])]) {
      const phrase = phraseOf(said);
      const words = phrase.words.length;
      if (words === 0 || (strict && words < 2)) continue;
      if (mine && (words < mine.words || (words === mine.words && phrase.chars <= mine.chars))) continue;
      if (sentences.some((s) => found(s, phrase, !strict))) mine = { words, chars: phrase.chars };
    }
    if (!mine) continue;
    if (!best || mine.words > best.words || (mine.words === best.words && mine.chars > best.chars)) {
      tied = best !== null && mine.words === best.words;
      best = { option, ...mine };
    } else if (mine.words === best.words) tied = true;
  }
  return best && !tied ? best.option : null;
}
