// The explainable score (rules S1-S11 in shared/engine/SPEC.md): deterministic from the slots and the behaviour,
// each point with its reason, a tier from the thresholds, a lifecycle stage.

import type { Behaviour } from "../protocol/behaviour.ts";
import type { Qualification, ScoreReason, Stage } from "../protocol/index.ts";
import { behaviourCount, behaviourLeaves, tierOf, withDecay } from "./behaviour.ts";
import { holds } from "./conditions.ts";
import { display } from "./display.ts";
import type { Playbook } from "./playbook.ts";
import type { SlotAnswer } from "./state.ts";

// "{budget}" -> how the budget answer reads; unknown slots read as "unknown". In a behaviour rule "{count}" is
// what it counted (S8).
function fill(template: string, slots: Record<string, SlotAnswer>, count?: number): string {
  return template.replace(/\{([a-zA-Z0-9_-]+)\}/g, (_, slot: string) => {
    if (slot === "count" && count !== undefined) return String(count);
    const a = slots[slot];
    return a ? display(a.value) : "unknown";
  });
}

// Without `behaviour` the score is what the slots make it, and a rule that reads behaviour never holds (S7);
// with `now` too, inactivity decay is applied (S10, S11).
export function qualify(
  playbook: Pick<Playbook, "scoring" | "currency" | "rates">,
  slots: Record<string, SlotAnswer>,
  disqualifiedBecause?: string,
  behaviour?: Behaviour,
  now?: number,
): Qualification {
  const reasons: ScoreReason[] = [];
  const groupsDone = new Set<string>();
  for (const rule of playbook.scoring.rules) {
    if (rule.group && groupsDone.has(rule.group)) continue;
    const leaves = behaviourLeaves(rule.when);
    if (leaves.length > 0 && !behaviour) continue;
    if (!holds(rule.when, slots, playbook, behaviour)) continue;
    if (rule.group) groupsDone.add(rule.group);
    const slot = "slot" in rule.when ? rule.when.slot : (rule.group ?? "");
    const first = leaves[0];
    if (first && behaviour) {
      const reason = fill(rule.reason, slots, behaviourCount(first, behaviour));
      reasons.push({ slot, points: rule.points, reason, behaviour: true });
    } else reasons.push({ slot, points: rule.points, reason: fill(rule.reason, slots) });
  }
  const score = reasons.reduce((sum, r) => sum + r.points, 0);
  const tier = disqualifiedBecause ? "cold" : tierOf(score, playbook.scoring.thresholds);
  const sql = playbook.scoring.sql;
  const sqlMet =
    !sql || ((behaviour !== undefined || behaviourLeaves(sql).length === 0) && holds(sql, slots, playbook, behaviour));
  const stage: Stage = disqualifiedBecause
    ? "disqualified"
    : tier === "hot" && sqlMet
      ? "sql"
      : tier === "cold"
        ? "lead"
        : "mql";
  const q: Qualification = { score, tier, stage, reasons };
  if (disqualifiedBecause) q.disqualifiedBecause = disqualifiedBecause;
  return now === undefined ? q : withDecay(q, playbook.scoring, behaviour, now);
}
