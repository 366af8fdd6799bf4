// When a delivery (a send, a read mark) tries again by itself, how long it waits, and when it gives up: one rule
// for both apps. It retries while shouldRetry says so (the rate limit and an unreachable server always, INTERNAL a
// few times), then gives up. A refusal is for good; any other give-up is tried again after the next join.
import { BanterError, ErrorCode, retryAfterMaxMs, retryMaxMs } from "../../shared/protocol/index.ts";
import { backoffMs } from "../ui/backoff.ts";

// The wait after a transient failure: the backoff up to retryMaxMs, but never sooner than the server's
// retryAfterMs (sooner would only be refused again).
export function retryDelayMs(tries: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const floor =
    retryAfterMs !== undefined && Number.isFinite(retryAfterMs) ? Math.min(retryAfterMs, retryAfterMaxMs) : 0;
  return Math.max(backoffMs(tries, retryMaxMs, random), floor);
}

// Answers that a resend cannot change: such a send leaves storage and is never sent again by itself.
const refusals = new Set<string>([ErrorCode.CLOSED, ErrorCode.BAD_REQUEST, ErrorCode.FORBIDDEN]);

export function isRefusal(code: ErrorCode): boolean {
  return refusals.has(code);
}

// `request` only throws BanterErrors; anything else is a fault of ours, retried like INTERNAL.
export function asBanterError(err: unknown): BanterError {
  return err instanceof BanterError ? err : new BanterError(ErrorCode.INTERNAL, "Could not send.");
}
