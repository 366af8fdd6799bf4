// Conditions over what is known: which question comes next, which variant, which score rules hold.
import type { Behaviour } from "../protocol/behaviour.ts";
import { behaviourHolds, isBehaviourCondition } from "./behaviour.ts";
import type { Condition, Playbook } from "./playbook.ts";
import type { SlotAnswer } from "./state.ts";
import type { SlotValue } from "./understand/values.ts";

// The number a condition compares: money per year in the playbook's currency, timing days, a number's value.
export function numeric(value: SlotValue, playbook: Pick<Playbook, "currency" | "rates">): number | undefined {
  if (value.kind === "timing") return value.days;
  if (value.kind === "number") return value.value;
  if (value.kind !== "money") return undefined;
  const rate = value.currency === playbook.currency ? 1 : (playbook.rates?.[value.currency] ?? 1);
  return value.amount * rate * (value.period === "month" ? 12 : 1);
}

// What `is` compares: a choice's value, an authority level, or the kind for none / unknown.
function category(value: SlotValue): string {
  if (value.kind === "choice") return value.value;
  if (value.kind === "authority") return value.level;
  return value.kind;
}

function text(value: SlotValue): string {
  if (value.kind === "email") return value.email;
  if (value.kind === "phone") return value.phone;
  if (value.kind === "text") return value.text;
  return "";
}

export function holds(
  condition: Condition,
  slots: Record<string, SlotAnswer>,
  playbook: Pick<Playbook, "currency" | "rates">,
  behaviour?: Behaviour,
): boolean {
  if ("all" in condition) return condition.all.every((c) => holds(c, slots, playbook, behaviour));
  if ("any" in condition) return condition.any.some((c) => holds(c, slots, playbook, behaviour));
  if ("not" in condition) return !holds(condition.not, slots, playbook, behaviour);
  // Behaviour is read from what the visitor did, never from slots; with none known it never holds (S7).
  if (isBehaviourCondition(condition)) return behaviour !== undefined && behaviourHolds(condition, behaviour);
  const answer = slots[condition.slot];
  if ("known" in condition) return (answer !== undefined && answer.value.kind !== "unknown") === condition.known;
  if (!answer) return false;
  const v = answer.value;
  if ("is" in condition) {
    const want = Array.isArray(condition.is) ? condition.is : [condition.is];
    return want.includes(category(v));
  }
  if ("endsWith" in condition) {
    const t = text(v).toLowerCase();
    return t !== "" && condition.endsWith.some((end) => t.endsWith(end.toLowerCase()));
  }
  const n = numeric(v, playbook);
  if (n === undefined) return false;
  return "atLeast" in condition ? n >= condition.atLeast : n < condition.below;
}

// The slots a condition reads, for validation (behaviour conditions read none).
export function slotsOf(condition: Condition): string[] {
  if ("all" in condition) return condition.all.flatMap(slotsOf);
  if ("any" in condition) return condition.any.flatMap(slotsOf);
  if ("not" in condition) return slotsOf(condition.not);
  return isBehaviourCondition(condition) ? [] : [condition.slot];
}
