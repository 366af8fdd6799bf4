// When a failed webhook delivery or email is tried again (docs/webhooks.md, docs/email.md): 30 s after the
// first attempt, three times longer after each next one, at most 8 h apart; 10 attempts span about 25 hours.
// Each wait is jittered by ±20% so what failed together (a receiver's outage) does not all come back at once.
export const maxAttempts = 10;

const firstWaitMs = 30_000;
const longestWaitMs = 8 * 3600_000;

// The wait after `attempts` failed attempts (1 = after the first), without jitter.
export function baseWaitMs(attempts: number): number {
  return Math.min(firstWaitMs * 3 ** (attempts - 1), longestWaitMs);
}

export function backoffMs(attempts: number, random: () => number = Math.random): number {
  return Math.round(baseWaitMs(attempts) * (0.8 + 0.4 * random()));
}
