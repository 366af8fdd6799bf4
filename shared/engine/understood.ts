// C4: what the bot understood from a message, said back in one short line so the visitor can correct it.
import { copyOf } from "./copy.ts";
import { display } from "./display.ts";
import type { Say } from "./flow.ts";
import { type AnswerType, type Playbook, type Question, reservedValues } from "./playbook.ts";
import type { Effect, EngineState, SlotAnswer } from "./state.ts";
import { bare } from "./understand/text.ts";
import type { AuthorityLevel } from "./understand/values.ts";

const ownWordsShown = 60;

// Said to the visitor, so in their terms rather than the lead card's ("influencer").
const roles: Record<AuthorityLevel, string> = {
  "decision-maker": "decision maker",
  shared: "a shared decision",
  influencer: "someone else decides",
  "end-user": "you'd be using it",
};
const nothing: Partial<Record<AnswerType, string>> = { money: "no budget yet", timing: "no set timeline" };

// An answer in brief: a title rather than "decision maker (CTO)", "no budget yet" rather than "none".
export function brief(a: SlotAnswer, type: AnswerType | undefined): string | null {
  const v = a.value;
  switch (v.kind) {
    case "unknown":
      return null;
    case "none":
      return (type && nothing[type]) ?? `no ${a.label.toLowerCase()}`;
    case "authority":
      return v.title ?? roles[v.level];
    case "choice": {
      if (v.value !== reservedValues.other) return v.label;
      const words = v.label.length > ownWordsShown ? `${v.label.slice(0, ownWordsShown - 1).trimEnd()}…` : v.label;
      return `“${words}”`;
    }
    default:
      return display(v);
  }
}

// "Got it: CTO, about $50,000, by March." for the answers a message gave, in the playbook's order; null when
// there is nothing worth saying back.
export function understoodLine(playbook: Playbook, answers: SlotAnswer[]): string | null {
  const parts = [...answers]
    .sort((a, b) => a.order - b.order)
    .map((a) => brief(a, playbook.questions.find((q) => q.id === a.questionId)?.type))
    .filter((b): b is string => b !== null);
  if (parts.length === 0) return null;
  return copyOf(playbook, "understood").replace("{answers}", parts.join(", "));
}

// C4: the bubble after a message leads with what it was understood to say.
export function leading(line: string | null, effects: Effect[]): Effect[] {
  if (!line) return effects;
  const i = effects.findIndex((e) => e.type === "say");
  const first = effects[i] as Say | undefined;
  if (!first) return [{ type: "say", text: line }, ...effects];
  return [...effects.slice(0, i), { ...first, text: `${line} ${first.text}` }, ...effects.slice(i + 1)];
}

// C4: what this message was understood to say, said back: every slot it filled besides the question just asked,
// and that question's answer when it is a reading of the visitor's words (a budget, a timing, an authority, an
// option named in other words), not when it repeats them (an email, their own words, a button's label). Not a
// correction (E7 acknowledges those), nor when the conversation was disqualified.
const interpretedTypes = new Set(["money", "timing", "authority", "choice"]);

export function understood(
  playbook: Playbook,
  before: EngineState,
  after: EngineState,
  q: Question | undefined,
  statement: string,
  corrected: SlotAnswer[],
): string | null {
  if (after.outcome === "disqualified") return null;
  const echoed = (a: SlotAnswer) => {
    if (a.slot !== q?.slot) return true;
    if (!interpretedTypes.has(q.type)) return false;
    if (a.value.kind === "choice" && a.value.value === reservedValues.other) return false;
    return !q.options?.some((o) => bare(o.label) === bare(statement));
  };
  const fresh = Object.values(after.slots).filter(
    (a) => before.slots[a.slot] !== a && !corrected.some((c) => c.slot === a.slot) && echoed(a),
  );
  return understoodLine(playbook, fresh);
}
