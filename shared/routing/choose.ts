// Which rep gets the next offer: a pure choice over a presence snapshot (rules R1-R5 in SPEC.md).
import type { Strategy } from "../protocol/index.ts";

export interface RepSnapshot {
  repId: string;
  available: boolean;
  live: number;
  capacity: number;
  // Sites the rep serves; undefined: all of them.
  siteKeys?: string[];
  // When the rep was last offered a lead (0 if never): round robin and ties go to the longest waiting.
  lastOfferedAt: number;
}

// R1: reps who can take this lead now.
export function eligible(reps: RepSnapshot[], siteKey: string, exclude: readonly string[] = []): RepSnapshot[] {
  return reps.filter(
    (r) =>
      r.available && r.live < r.capacity && (!r.siteKeys || r.siteKeys.includes(siteKey)) && !exclude.includes(r.repId),
  );
}

// R6: a lead past its speed-to-lead target rings everyone online who could take it: away, tried or not.
export function escalation(reps: (RepSnapshot & { online: boolean })[], siteKey: string): RepSnapshot[] {
  return reps.filter((r) => r.online && r.live < r.capacity && (!r.siteKeys || r.siteKeys.includes(siteKey)));
}

// R2, R3: round robin (the one offered longest ago) or least loaded (fewest live chats relative to capacity,
// then the one offered longest ago). Ties end on the rep id, so the choice is deterministic.
export function chooseRep(
  reps: RepSnapshot[],
  siteKey: string,
  strategy: Strategy,
  exclude: readonly string[] = [],
): string | null {
  const pool = eligible(reps, siteKey, exclude);
  const load = (r: RepSnapshot) => r.live / Math.max(1, r.capacity);
  pool.sort(
    (a, b) =>
      (strategy === "least-loaded" ? load(a) - load(b) : 0) ||
      a.lastOfferedAt - b.lastOfferedAt ||
      a.repId.localeCompare(b.repId),
  );
  return pool[0]?.repId ?? null;
}
