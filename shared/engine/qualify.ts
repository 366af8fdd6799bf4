// The explainable score (rules S1-S4 in shared/engine/SPEC.md): deterministic from the slots, each point with
// its reason, a tier from the thresholds, a lifecycle stage.

import type { Qualification, ScoreReason, Stage, Tier } from "../protocol/index.ts";
import { holds } from "./conditions.ts";
import { display } from "./display.ts";
import type { Playbook } from "./playbook.ts";
import type { SlotAnswer } from "./state.ts";

// "{budget}" -> how the budget answer reads; unknown slots read as "unknown".
function fill(template: string, slots: Record<string, SlotAnswer>): string {
  return template.replace(/\{([a-zA-Z0-9_-]+)\}/g, (_, slot: string) => {
    const a = slots[slot];
    return a ? display(a.value) : "unknown";
  });
}

export function qualify(
  playbook: Pick<Playbook, "scoring" | "currency" | "rates">,
  slots: Record<string, SlotAnswer>,
  disqualifiedBecause?: string,
): Qualification {
  const reasons: ScoreReason[] = [];
  const groupsDone = new Set<string>();
  for (const rule of playbook.scoring.rules) {
    if (rule.group && groupsDone.has(rule.group)) continue;
    if (!holds(rule.when, slots, playbook)) continue;
    if (rule.group) groupsDone.add(rule.group);
    const slot = "slot" in rule.when ? rule.when.slot : (rule.group ?? "");
    reasons.push({ slot, points: rule.points, reason: fill(rule.reason, slots) });
  }
  const score = reasons.reduce((sum, r) => sum + r.points, 0);
  const { warm, hot } = playbook.scoring.thresholds;
  const tier: Tier = disqualifiedBecause ? "cold" : score >= hot ? "hot" : score >= warm ? "warm" : "cold";
  const sqlMet = !playbook.scoring.sql || holds(playbook.scoring.sql, slots, playbook);
  const stage: Stage = disqualifiedBecause
    ? "disqualified"
    : tier === "hot" && sqlMet
      ? "sql"
      : tier === "cold"
        ? "lead"
        : "mql";
  const q: Qualification = { score, tier, stage, reasons };
  if (disqualifiedBecause) q.disqualifiedBecause = disqualifiedBecause;
  return q;
}
