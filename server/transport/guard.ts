// Rate limits at the edge: one place that turns a store counter into a RATE_LIMITED error.
import { BanterError, ErrorCode } from "../../shared/protocol/index.ts";
import type { Limits, Rate } from "../limits.ts";
import { tooFast } from "../limits.ts";
import type { Store } from "../store/types.ts";

export function guard(store: Store, limits: Limits) {
  return {
    limits,
    // Counts the event under every key; the first one over its limit refuses it.
    async check(checks: [key: string, rate: Rate][], message = tooFast): Promise<void> {
      for (const [key, rate] of checks) {
        const { allowed, retryAfterMs } = await store.hit(key, rate.limit, rate.windowMs);
        if (!allowed) throw new BanterError(ErrorCode.RATE_LIMITED, message(retryAfterMs), retryAfterMs);
      }
    },
  };
}

export type Guard = ReturnType<typeof guard>;

// The client's address: the socket's peer, or the first X-Forwarded-For hop behind a trusted proxy.
export function clientIp(address: string, forwardedFor: string | string[] | undefined, trustProxy: boolean): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor;
  const first = trustProxy ? header?.split(",")[0]?.trim() : undefined;
  return first || address;
}
