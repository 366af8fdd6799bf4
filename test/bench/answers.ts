// The cost of the answers matcher (A2), alone: `npx tsx test/bench/answers.ts`. A lookup runs in a bot turn, so it
// must stay far below a millisecond; the index is built once per playbook version and process.
import { findAnswer } from "../../shared/engine/answers/index.ts";
import { answerIndex } from "../../shared/engine/answers/search-index.ts";
import { type Answer, defaultPlaybook, type Playbook } from "../../shared/engine/index.ts";
import { covered, uncovered } from "../unit/answers-eval.ts";

const questions = [...covered.map(([q]) => q), ...uncovered];

// A playbook of n answers: the samples, then copies of them whose examples each carry a word of their own.
function playbookOf(n: number): Playbook {
  const samples = defaultPlaybook.answers ?? [];
  const answers = Array.from({ length: n }, (_, i): Answer => {
    const a = samples[i % samples.length] as Answer;
    return i < samples.length ? a : { ...a, id: `${a.id}-${i}`, questions: a.questions.map((q) => `${q} v${i}`) };
  });
  return { ...defaultPlaybook, answers };
}

export function answerLookups(n: number, lookups = 10_000): { buildMs: number; lookupUs: number } {
  const playbook = playbookOf(n);
  let t = performance.now();
  answerIndex(playbook);
  const buildMs = performance.now() - t;
  for (let i = 0; i < 1000; i++) findAnswer(playbook, questions[i % questions.length] as string);
  t = performance.now();
  for (let i = 0; i < lookups; i++) findAnswer(playbook, questions[i % questions.length] as string);
  return { buildMs, lookupUs: ((performance.now() - t) / lookups) * 1000 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const n of [13, 50, 200]) {
    const { buildMs, lookupUs } = answerLookups(n);
    console.log(`${n} answers: index built in ${buildMs.toFixed(1)} ms, a lookup takes ${lookupUs.toFixed(0)} µs`);
  }
}
