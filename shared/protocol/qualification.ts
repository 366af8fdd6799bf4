// Readiness to buy, as sales teams say it (see ../shared/DOMAIN.md).
export type Tier = "cold" | "warm" | "hot";

// Funnel stage: a lead becomes an MQL when it fits, an SQL when BANT is met, or is disqualified with a reason.
export type Stage = "lead" | "mql" | "sql" | "disqualified";

// One line of an explainable score: every point has its reason.
export interface ScoreReason {
  slot: string;
  points: number;
  reason: string;
  // Points for what the visitor did on the site (a behaviour rule, or inactivity decay), not for what they said.
  behaviour?: true;
}

export interface Qualification {
  score: number;
  tier: Tier;
  stage: Stage;
  reasons: ScoreReason[];
  disqualifiedBecause?: string;
}
