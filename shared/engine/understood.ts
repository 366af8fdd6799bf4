// C4: what the bot understood from a message, said back in one short line so the visitor can correct it.
import { copyOf } from "./copy.ts";
import { display } from "./display.ts";
import { type AnswerType, type Playbook, reservedValues } from "./playbook.ts";
import type { SlotAnswer } from "./state.ts";
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
