// Behaviour scoring (rules S7-S11 in SPEC.md): what a visitor did on the site, read from the Behaviour the server
// keeps per conversation (shared/protocol/behaviour.ts), never from slots. Pure: time comes in as `now`.
import type { Behaviour } from "../protocol/behaviour.ts";
import type { Qualification, ScoreReason, Stage, Tier } from "../protocol/qualification.ts";
import { pageMatches } from "./page-pattern.ts";
import type { Condition, Playbook, Scoring } from "./playbook.ts";

export { pageMatches };

export type BehaviourCondition = Extract<
  Condition,
  { page: string } | { visits: number } | { returnedWithinDays: number } | { event: string } | { minutesOnSite: number }
>;

const minute = 60_000;
const day = 86_400_000;
const week = 7 * day;

export function isBehaviourCondition(c: Condition): c is BehaviourCondition {
  return "page" in c || "visits" in c || "returnedWithinDays" in c || "event" in c || "minutesOnSite" in c;
}

// The behaviour conditions inside a condition, depth first: the first one's count fills a reason's {count}.
export function behaviourLeaves(c: Condition): BehaviourCondition[] {
  if ("all" in c) return c.all.flatMap(behaviourLeaves);
  if ("any" in c) return c.any.flatMap(behaviourLeaves);
  if ("not" in c) return behaviourLeaves(c.not);
  return isBehaviourCondition(c) ? [c] : [];
}

// Whether a playbook's score reads behaviour at all: the server keeps and reports behaviour for it, and the widget
// config tells the loader to send it.
export function usesBehaviour(playbook: Pick<Playbook, "scoring">): boolean {
  const { rules, sql, decay } = playbook.scoring;
  return decay !== undefined || [...rules.map((r) => r.when), ...(sql ? [sql] : [])].some(readsBehaviour);
}

export function readsBehaviour(c: Condition): boolean {
  return behaviourLeaves(c).length > 0;
}

// The gap between the latest visit and the visit before it, when both are known and in order.
function returnGap(b: Behaviour): number | undefined {
  if (b.previousVisitAt === undefined) return undefined;
  const gap = b.visitStartedAt - b.previousVisitAt;
  return gap >= 0 ? gap : undefined;
}

// What a condition counts, for {count} (S8): matching page views, tracked events, visits, whole minutes on the
// site, whole days between the latest visit and the one before (0 when there was none).
export function behaviourCount(c: BehaviourCondition, b: Behaviour): number {
  if ("page" in c) return b.pages.filter((v) => pageMatches(c.page, v.url)).length;
  if ("event" in c) {
    const name = c.event.toLowerCase();
    return b.events.filter((e) => e.name.toLowerCase() === name).length;
  }
  if ("visits" in c) return b.visits;
  if ("minutesOnSite" in c) return Math.floor(b.timeOnSiteMs / minute);
  return Math.floor((returnGap(b) ?? 0) / day);
}

// S7.
export function behaviourHolds(c: BehaviourCondition, b: Behaviour): boolean {
  if ("returnedWithinDays" in c) {
    const gap = returnGap(b);
    return gap !== undefined && gap <= c.returnedWithinDays * day;
  }
  if ("minutesOnSite" in c) return b.timeOnSiteMs >= c.minutesOnSite * minute;
  const n = behaviourCount(c, b);
  if ("visits" in c) return n >= c.visits;
  return n >= (c.atLeast ?? 1);
}

// S10: after `afterDays` days without a page or event, `pointsPerWeek` for each week begun since then. Nothing when
// the times are not finite or the visitor was active after `now`.
export function decayReason(scoring: Pick<Scoring, "decay">, b: Behaviour, now: number): ScoreReason | null {
  const decay = scoring.decay;
  if (!decay) return null;
  const idle = now - b.lastActiveAt;
  const after = decay.afterDays * day;
  if (!Number.isFinite(idle) || !(idle > after)) return null;
  const weeks = Math.ceil((idle - after) / week);
  return {
    slot: "",
    points: weeks * decay.pointsPerWeek,
    reason: `No activity for ${Math.floor(idle / day)} days`,
    behaviour: true,
  };
}

export function tierOf(score: number, thresholds: Scoring["thresholds"]): Tier {
  return score >= thresholds.hot ? "hot" : score >= thresholds.warm ? "warm" : "cold";
}

// S11: the score as read at `now`, from one scored without decay (what the server stores): the decay line added,
// the tier recomputed, the stage lowered with it (decay only takes points, so a lead still hot keeps its stage).
export function withDecay(
  q: Qualification,
  scoring: Pick<Scoring, "decay" | "thresholds">,
  b: Behaviour | undefined,
  now: number,
): Qualification {
  const line = b ? decayReason(scoring, b, now) : null;
  if (!line) return q;
  const score = q.score + line.points;
  if (q.disqualifiedBecause) return { ...q, score, reasons: [...q.reasons, line] };
  const tier = tierOf(score, scoring.thresholds);
  const stage: Stage = tier === "hot" && q.tier === "hot" ? q.stage : tier === "cold" ? "lead" : "mql";
  return { ...q, score, tier, stage, reasons: [...q.reasons, line] };
}
