// What a waiting visitor is told (R4): their place, and an estimate from how long accepts have taken lately.

// A moving average of accept times, so the estimate follows the team's pace without storing every accept.
export function nextAverage(previous: number | null, sample: number, weight = 0.2): number {
  return previous === null ? sample : previous + weight * (sample - previous);
}

// Position 1 is next. With no history there is no honest estimate: null. Each lead ahead takes about one average
// accept time, shared among the reps who can take leads (at least one).
export function estimateWait(position: number, averageAcceptMs: number | null, reps: number): number | null {
  if (averageAcceptMs === null) return null;
  return Math.round((position * averageAcceptMs) / Math.max(1, reps));
}
