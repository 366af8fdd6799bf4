// Exponential backoff with jitter, for anything that retries by itself (a send, a join, the loader's config
// fetch). The jitter spreads clients out so a server that comes back is not hit by all of them in the same second.

// Delay before retry number `tries` (0 for the first retry): 1 s, 2 s, 4 s ... up to maxMs, each scaled by a random
// factor in [0.75, 1.25). `random` is Math.random outside tests.
export function backoffMs(tries: number, maxMs: number, random: () => number = Math.random): number {
  return Math.min(maxMs, 1000 * 2 ** Math.min(tries, 16)) * (0.75 + random() / 2);
}

// A send's wait after a transient failure: the backoff above up to 30 s, but never sooner than the server's
// retryAfterMs (sooner would only be refused again). A nonsensical hint cannot park a message for good.
export function retryDelayMs(tries: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const floor = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) ? Math.min(retryAfterMs, 600_000) : 0;
  return Math.max(backoffMs(tries, 30_000, random), floor);
}
