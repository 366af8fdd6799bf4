// What a visitor waiting for a rep reads: their place in line and, when the server has an honest estimate, the wait.
import type { QueueState } from "../../shared/protocol/index.ts";

const minuteMs = 60_000;

// Whole minutes only: the estimate moves a little with every accept, and a screen reader should hear about it only
// when the number the visitor sees changes.
export function waitText(estimateMs: number): string {
  if (estimateMs < minuteMs) return "less than a minute";
  const minutes = Math.round(estimateMs / minuteMs);
  return minutes === 1 ? "about 1 minute" : `about ${minutes} minutes`;
}

// One sentence, so the live region announces it whole and only when it reads differently ("" when unknown).
export function queueText(q: QueueState | null): string {
  if (!q || !Number.isInteger(q.position) || q.position < 1) return "";
  const place = q.position === 1 ? "You're next in line" : `You're number ${q.position} in line`;
  const wait = q.estimateMs;
  return wait !== null && Number.isFinite(wait) ? `${place}, ${waitText(wait)} to wait` : place;
}
