// C4: what the bot understood from a message, said back in one short line so the visitor can correct it.
import { copyOf } from "./copy.ts";
import { display } from "./display.ts";
import { type Playbook, reservedValues } from "./playbook.ts";
import type { SlotAnswer } from "./state.ts";

const ownWordsShown = 60;

// An answer in brief: a title rather than "decision maker (CTO)", "no budget yet" rather than "none".
export function brief(a: SlotAnswer): string | null {
  const v = a.value;
  switch (v.kind) {
    case "unknown":
      return null;
    case "none":
      return `no ${a.label.toLowerCase()} yet`;
    case "authority":
      return v.title ?? display(v);
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
    .map(brief)
    .filter((b): b is string => b !== null);
  if (parts.length === 0) return null;
  return copyOf(playbook, "understood").replace("{answers}", parts.join(", "));
}
