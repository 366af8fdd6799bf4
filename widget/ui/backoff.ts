// Exponential backoff with jitter, for anything that retries by itself (a send, a join, the loader's config
// fetch). The jitter spreads clients out so a server that comes back is not hit by all of them in the same second.
// (A send's wait, which also heeds the server's hint, is retryDelayMs in widget/transport/retry.ts.)

// Delay before retry number `tries` (0 for the first retry): 1 s, 2 s, 4 s ... up to maxMs, each scaled by a random
// factor in [0.75, 1.25). `random` is Math.random outside tests.
export function backoffMs(tries: number, maxMs: number, random: () => number = Math.random): number {
  return Math.min(maxMs, 1000 * 2 ** Math.min(tries, 16)) * (0.75 + random() / 2);
}
