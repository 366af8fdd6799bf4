// One search index per playbook object, built on first use: the server keeps each playbook version frozen and
// shared, so a version is indexed once however many conversations ask, and a new version (a new object) gets its
// own. Nothing here holds a playbook alive: the WeakMap lets a dropped version and its index go together.
import MiniSearch from "minisearch";
import type { Answer, Playbook } from "../playbook.ts";
import { tokens } from "../understand/text.ts";
import { stem, terms } from "./terms.ts";

// Each example phrasing is a document of its own, so that a question can be compared with the one phrasing it
// resembles; an answer's topic and its text are one more document, a weaker hint.
export type Field = "question" | "topic" | "text";

interface Doc {
  id: number;
  question?: string;
  topic?: string;
  text?: string;
}

export interface AnswerIndex {
  answers: readonly Answer[];
  search: MiniSearch<Doc>;
  // The answer (its position in `answers`) each document belongs to, by document id.
  answerOf: readonly number[];
  // An example's words (see wordsKey) -> its answer; -1 when examples of two answers have the same.
  examples: ReadonlyMap<string, number>;
}

// Two texts say the same when they have the same words that count, in any order ("what's the price?", "price?").
export function wordsKey(words: readonly string[]): string {
  return [...words].sort().join(" ");
}

const indexes = new WeakMap<Playbook, AnswerIndex>();

export function answerIndex(playbook: Playbook): AnswerIndex {
  let index = indexes.get(playbook);
  if (!index) {
    index = build(playbook.answers ?? []);
    indexes.set(playbook, index);
  }
  return index;
}

function build(answers: readonly Answer[]): AnswerIndex {
  const docs: Doc[] = [];
  const answerOf: number[] = [];
  const examples = new Map<string, number>();
  const add = (answer: number, doc: Omit<Doc, "id">) => {
    docs.push({ id: docs.length, ...doc });
    answerOf.push(answer);
  };
  answers.forEach((a, i) => {
    for (const question of a.questions) {
      add(i, { question });
      const key = wordsKey(terms(question));
      if (key) examples.set(key, (examples.get(key) ?? i) === i ? i : -1);
    }
    add(i, { topic: a.topic ?? a.id, text: a.answer });
  });
  const search = new MiniSearch<Doc>({
    fields: ["question", "topic", "text"],
    tokenize: (text) => tokens(text),
    processTerm: (word) => stem(word),
  });
  search.addAll(docs);
  return { answers, search, answerOf, examples };
}
