// The questions a site's visitors asked that the bot could not answer (A4, A5), for its owners to turn into
// answers. Derived from the conversations alone, so an erased conversation's questions go with it.
import { type AskedQuestion, findAnswer, type Playbook } from "../engine/index.ts";
import { tokens } from "../engine/understand/text.ts";
import type { UnansweredQuestion } from "../protocol/index.ts";

// Two askings are one question when they have the same words, whatever the case, punctuation or spacing ("Do you
// have an iPhone app?" and "do you have an iphone app"). The matcher reads them the same way, so a group is
// answered, or not, as a whole.
export function questionKey(text: string): string {
  return tokens(text).join(" ");
}

// `conversations`: each conversation's asked list (engine.asked). A question counts once per conversation, so a
// visitor who asks again after "I don't know" is not two visitors. Most asked first, then most recent.
export function unansweredQuestions(
  conversations: Iterable<readonly AskedQuestion[] | undefined>,
  playbook: Playbook,
  limit: number,
): UnansweredQuestion[] {
  const byKey = new Map<string, UnansweredQuestion>();
  for (const asked of conversations) {
    const seen = new Set<string>();
    for (const a of asked ?? []) {
      if (a.answerId !== undefined) continue;
      const key = questionKey(a.text);
      if (!key) continue;
      const q = byKey.get(key) ?? { text: a.text, count: 0, lastAskedAt: a.at };
      if (!seen.has(key)) q.count++;
      seen.add(key);
      if (a.at >= q.lastAskedAt) Object.assign(q, { text: a.text, lastAskedAt: a.at });
      byKey.set(key, q);
    }
  }
  // What the playbook running now answers is done with: an owner's new answer clears its questions.
  return [...byKey.values()]
    .filter((q) => !findAnswer(playbook, q.text)?.sure)
    .sort((a, b) => b.count - a.count || b.lastAskedAt - a.lastAskedAt)
    .slice(0, limit);
}
