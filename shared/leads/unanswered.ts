// The questions a site's visitors asked that the bot could not answer (A4, A5), for its owners to turn into
// answers: what each conversation adds to its site's counters (SPEC.md Q1-Q2), and the list, from those counters or
// from the conversations themselves (the oracle the store contract checks them against).
import { type AskedQuestion, findAnswer, type Playbook } from "../engine/index.ts";
import { tokens } from "../engine/understand/text.ts";
import type { UnansweredQuestion } from "../protocol/index.ts";

// Two askings are one question when they have the same words, whatever the case, punctuation or spacing ("Do you
// have an iPhone app?" and "do you have an iphone app"). The matcher reads them the same way, so a group is
// answered, or not, as a whole.
export function questionKey(text: string): string {
  return tokens(text).join(" ");
}

// Q1: how many distinct questions a site's counters hold per month (of the asking conversations' creation): a flood
// of new questions fills no more, and takes none of those counted out.
export const questionsPerMonth = 1000;

// What one conversation adds to its site's question counters (Q1): per question key it asked and the bot could not
// answer, its latest such asking (a later one wins a tie, as the list is in order). A conversation counts once per
// key, so a visitor who asks again after "I don't know" is not two visitors.
export function askedContributions(
  asked: readonly AskedQuestion[] | undefined,
): Map<string, { text: string; at: number }> {
  const out = new Map<string, { text: string; at: number }>();
  for (const a of asked ?? []) {
    if (a.answerId !== undefined) continue;
    const key = questionKey(a.text);
    if (!key) continue;
    const seen = out.get(key);
    if (!seen || a.at >= seen.at) out.set(key, { text: a.text, at: a.at });
  }
  return out;
}

// `conversations`: each conversation's asked list (engine.asked). Most asked first, then most recent.
export function unansweredQuestions(
  conversations: Iterable<readonly AskedQuestion[] | undefined>,
  playbook: Playbook,
  limit: number,
): UnansweredQuestion[] {
  const byKey = new Map<string, UnansweredQuestion>();
  for (const asked of conversations) {
    for (const [key, a] of askedContributions(asked)) {
      const q = byKey.get(key) ?? { text: a.text, count: 0, lastAskedAt: a.at };
      q.count++;
      if (a.at >= q.lastAskedAt) Object.assign(q, { text: a.text, lastAskedAt: a.at });
      byKey.set(key, q);
    }
  }
  return stillUnanswered(byKey.values(), playbook, limit);
}

// What the playbook running now answers is done with: an owner's new answer clears its questions. Most asked first,
// then most recent, at most `limit`.
export function stillUnanswered(
  questions: Iterable<UnansweredQuestion>,
  playbook: Playbook,
  limit: number,
): UnansweredQuestion[] {
  return [...questions]
    .filter((q) => !findAnswer(playbook, q.text)?.sure)
    .sort((a, b) => b.count - a.count || b.lastAskedAt - a.lastAskedAt)
    .slice(0, limit);
}
