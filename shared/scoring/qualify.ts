import type { Qualification, ScoreReason, Stage, Tier } from "./types.ts";

export interface ScoredAnswer {
  slot: string;
  points: number;
  reason: string;
  disqualify?: string;
}

// Score = the sum of every answer's points, each kept with its reason (rule S1). Tier from thresholds (S2);
// stage from tier and disqualification (S3).
export function qualify(answers: ScoredAnswer[], thresholds: { warm: number; hot: number }): Qualification {
  const reasons: ScoreReason[] = answers.map((a) => ({
    slot: a.slot,
    points: a.points,
    reason: a.reason,
  }));
  const score = reasons.reduce((sum, r) => sum + r.points, 0);
  const disqualified = answers.find((a) => a.disqualify);
  const tier: Tier = disqualified
    ? "cold"
    : score >= thresholds.hot
      ? "hot"
      : score >= thresholds.warm
        ? "warm"
        : "cold";
  const stage: Stage = disqualified ? "disqualified" : tier === "hot" ? "sql" : tier === "warm" ? "mql" : "lead";
  const q: Qualification = { score, tier, stage, reasons };
  if (disqualified?.disqualify) q.disqualifiedBecause = disqualified.disqualify;
  return q;
}
