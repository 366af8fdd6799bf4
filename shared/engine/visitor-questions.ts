// A1-A5: the visitor's own questions, answered from the site's answers when the bot is sure, else honestly not,
// with a person offered when one is free.
import { findAnswer } from "./answers/index.ts";
import { copyOf } from "./copy.ts";
import type { QuickReply, Say } from "./flow.ts";
import { unavailableLine } from "./handoff.ts";
import { type Playbook, reservedValues } from "./playbook.ts";
import type { Effect, EngineState, StepContext, Transition } from "./state.ts";

// A5: the newest questions kept on the state, each at most this long.
const maxAsked = 20;
const maxQuestionChars = 300;

// A1-A5: the visitor's question, answered from the site's answers when the bot is sure, else honestly not.
export function answerQuestion(
  playbook: Playbook,
  state: EngineState,
  question: string,
  now: number,
  ctx: StepContext,
) {
  const match = findAnswer(playbook, question);
  const sure = match?.sure ? match.answer : null;
  const text = question.slice(0, maxQuestionChars);
  const given = sure ? { answerId: sure.id, ...(sure.topic ? { topic: sure.topic } : {}) } : {};
  const asked = [...(state.asked ?? []), { text, ...given, at: now }].slice(-maxAsked);
  const lines: Effect[] = [{ type: "asked", text, answerId: sure?.id ?? null }];
  if (sure) {
    lines.push(
      sure.link ? { type: "say", text: sure.answer, link: { ...sure.link } } : { type: "say", text: sure.answer },
    );
  } else {
    lines.push({ type: "say", text: copyOf(playbook, "unknownAnswer") });
    // A4: the site's booking link when nobody can talk now; a rep online is offered beside the open question.
    if (ctx.handoff !== "ring" && ctx.fallback.kind === "booking") lines.push(unavailableLine(playbook, ctx));
  }
  const offers: QuickReply[] =
    !sure && ctx.handoff === "ring" ? [{ value: reservedValues.human, label: copyOf(playbook, "talkToPerson") }] : [];
  return { state: { ...state, asked }, lines, offers };
}

// The quick replies `extra` on the last line that asks something, unless it has them already or the conversation
// ended.
export function offering(t: Transition, extra: QuickReply[]): Transition {
  if (t.state.outcome !== null) return t;
  const i = t.effects.findLastIndex((e) => e.type === "say");
  const last = t.effects[i] as Say | undefined;
  if (!last || extra.every((x) => last.options?.some((o) => o.value === x.value))) return t;
  const options = [...(last.options ?? []), ...extra.filter((x) => !last.options?.some((o) => o.value === x.value))];
  return { ...t, effects: t.effects.map((e, k) => (k === i ? { ...last, options } : e)) };
}
