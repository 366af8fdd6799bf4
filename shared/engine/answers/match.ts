// A2: which answer a visitor's question asks for, and whether the bot is sure enough to say it.
//
// An answer's confidence is the share of the question's words it explains, each word weighted by how few answers
// have it (a product name counts, "data" in three answers counts little), averaged over two views: all of the
// answer's examples together, and its one closest example. A word that no answer has counts against every
// answer: it is often the point of the question ("do you have an iOS app?"). MiniSearch finds, for each word,
// the examples that have it, forgiving typos; terms.ts makes word endings meet.
import type { SearchResult } from "minisearch";
import { Limits } from "../../protocol/limits.ts";
import type { Answer, Playbook } from "../playbook.ts";
import { answerIndex, type Field, wordsKey } from "./search-index.ts";
import { terms } from "./terms.ts";

export interface AnswerMatch {
  answer: Answer;
  // 0..1: how much of the question this answer explains.
  confidence: number;
  // The decision to answer (A2): clear of the threshold and of the runner-up by the margin.
  sure: boolean;
}

// How much a word found in each field counts: the answer's own text is a weaker hint than its examples.
const fieldStrength: Record<Field, number> = { question: 1, topic: 1, text: 0.5 };
// A word found only with a typo forgiven.
const fuzzyStrength = 0.8;
// The weight of a word that no answer has, against 1 for a word that only one answer has.
const unknownWeight = 0.5;
const threshold = 0.75;
const margin = 0.25;
// A visitor's question is short; past this many words it is a paste, and only its start is looked up.
const maxWords = 30;

// Stems of five letters or more may carry one typo, of eight or more two ("salesfroc").
function fuzzy(term: string): number | false {
  return term.length >= 8 ? 2 : term.length >= 5 ? 1 : false;
}

// BM25's inverse document frequency over answers, scaled so that a word of one answer weighs 1.
function rarity(hits: number, answers: number): number {
  const idf = (k: number) => Math.log(1 + (answers - k + 0.5) / (k + 0.5));
  return idf(hits) / idf(1);
}

// How strongly one document has the word: by the field it is in, less when a typo was forgiven.
function strengthOf(word: string, hit: SearchResult): number {
  const exact = hit.terms.includes(word);
  let strength = 0;
  for (const [term, fields] of Object.entries(hit.match)) {
    if (exact && term !== word) continue;
    for (const f of fields) strength = Math.max(strength, fieldStrength[f as Field] ?? 0);
  }
  return exact ? strength : strength * fuzzyStrength;
}

export function rankAnswers(playbook: Playbook, question: string, limit = 5): AnswerMatch[] {
  const { answers, search, answerOf, examples } = answerIndex(playbook);
  const words = terms(question.slice(0, Limits.messageText)).slice(0, maxWords);
  if (answers.length === 0 || words.length === 0) return [];
  // The weighted words each answer's examples explain together, and each document alone.
  const byAnswer = new Map<number, number>();
  const byDoc = new Map<number, number>();
  const bm25 = new Map<number, number>();
  let total = 0;
  for (const word of words) {
    const hits = search.search(word, { tokenize: (t) => [t], processTerm: (t) => t, fuzzy });
    const strongest = new Map<number, number>();
    const strengths = hits.map((hit) => {
      const strength = strengthOf(word, hit);
      const answer = answerOf[hit.id] as number;
      strongest.set(answer, Math.max(strongest.get(answer) ?? 0, strength));
      bm25.set(answer, (bm25.get(answer) ?? 0) + hit.score);
      return strength;
    });
    const weight = strongest.size === 0 ? unknownWeight : rarity(strongest.size, answers.length);
    total += weight;
    hits.forEach((hit, i) => {
      byDoc.set(hit.id, (byDoc.get(hit.id) ?? 0) + weight * (strengths[i] as number));
    });
    for (const [answer, strength] of strongest) byAnswer.set(answer, (byAnswer.get(answer) ?? 0) + weight * strength);
  }
  const closest = new Map<number, number>();
  for (const [doc, explained] of byDoc) {
    const answer = answerOf[doc] as number;
    closest.set(answer, Math.max(closest.get(answer) ?? 0, explained));
  }
  const ranked = [...byAnswer]
    .map(([answer, explained]) => ({
      answer,
      confidence: Math.min(1, (explained + (closest.get(answer) ?? 0)) / (2 * total)),
    }))
    .sort((a, b) => b.confidence - a.confidence || (bm25.get(b.answer) ?? 0) - (bm25.get(a.answer) ?? 0));
  // The words of one of an answer's examples, in any order: the site said which answer that is, whatever else
  // shares a word with it ("what does your product do?" is not the demo's "can someone show me the product?").
  const example = examples.get(wordsKey(words)) ?? -1;
  const first = ranked.findIndex((r) => r.answer === example);
  if (first >= 0) ranked.unshift(...ranked.splice(first, 1).map((r) => ({ ...r, confidence: 1 })));
  const runnerUp = ranked[1]?.confidence ?? 0;
  return ranked.slice(0, Math.max(0, limit)).map((r, i) => ({
    answer: answers[r.answer] as Answer,
    confidence: r.confidence,
    sure: i === 0 && (r.answer === example || (r.confidence >= threshold && r.confidence - runnerUp >= margin)),
  }));
}

// The best answer and whether to say it, or null when no answer shares a word with the question.
export function findAnswer(playbook: Playbook, question: string): AnswerMatch | null {
  return rankAnswers(playbook, question, 1)[0] ?? null;
}
