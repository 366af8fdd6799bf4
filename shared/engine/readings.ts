// What one message says besides the answer to the question just asked (E4, E7, C2), that answer in the visitor's
// own words (C3), and the question a skip names (C5).

import { answer, withSlot } from "./flow.ts";
import { type Playbook, type Question, reservedValues } from "./playbook.ts";
import { type Read, readAnswer } from "./read.ts";
import type { EngineState, SlotAnswer } from "./state.ts";
import { isCorrection, matchOption, ownWords } from "./understand/index.ts";
import { tokens } from "./understand/text.ts";

// E4, E7, C2: one message may answer other questions too, and may correct an earlier answer. Choice questions
// are read only for a sure match of two words or more, and never for an option that disqualifies.
export function extras(
  playbook: Playbook,
  state: EngineState,
  current: Question | undefined,
  text: string,
  now: number,
) {
  const correcting = isCorrection(text);
  let next = state;
  const corrected: SlotAnswer[] = [];
  for (const q of playbook.questions) {
    if (q.id === current?.id || q.type === "text") continue;
    const known = q.slot in next.slots;
    if (q.type === "choice") {
      if (known || q.freeText === false || !q.options) continue;
      const options = q.options.filter((o) => !o.disqualify);
      const option = matchOption(options, text, { strict: true });
      const read = option ? readAnswer(q, playbook, { option }, now, true) : null;
      if (read) next = withSlot(next, answer(playbook, q, read, text, now));
      continue;
    }
    if (known && !correcting) continue;
    const read = readAnswer(q, playbook, { text }, now, false);
    if (!read || read.value.kind === "unknown") continue;
    const a = answer(playbook, q, read, text, now);
    if (!read.sure) {
      if (!known) next = { ...next, hints: { ...next.hints, [q.slot]: a } };
      continue;
    }
    if (known) corrected.push(a);
    next = withSlot(next, a);
  }
  return { state: next, corrected };
}

// C3: the answer to the question just asked: its own reading, or for a choice that takes free text, the
// visitor's own words when they name no option (`kept` false: not for a message that declines something).
export function readCurrent(playbook: Playbook, q: Question, text: string, now: number, kept = true): Read | null {
  const read = readAnswer(q, playbook, { text }, now, true);
  if (read || !kept || q.type !== "choice" || q.freeText === false) return read;
  const words = ownWords(text);
  return words ? { value: { kind: "choice", value: reservedValues.other, label: words }, sure: true } : null;
}

// C5: the question a skip names by its topic ("my email", "the budget"), among those not answered or skipped yet;
// the open one first when it is named too. Only words that name one topic: "number" or "address" could be any.
const topicWords: Partial<Record<Question["type"], string[]>> = {
  email: ["email", "e-mail"],
  phone: ["phone", "mobile"],
  money: ["budget", "money", "spend"],
  timing: ["timing", "timeline", "timeframe", "deadline"],
  authority: ["decision", "decides", "role", "title"],
};

export function namedIn(
  playbook: Playbook,
  state: EngineState,
  text: string,
  open: Question | undefined,
): Question | undefined {
  const words = new Set(tokens(text));
  const names = (q: Question) => [...(topicWords[q.type] ?? []), ...tokens(q.label)].some((w) => words.has(w));
  if (open && names(open)) return open;
  return playbook.questions.find((q) => !(q.slot in state.slots) && !state.skipped.includes(q.id) && names(q));
}
