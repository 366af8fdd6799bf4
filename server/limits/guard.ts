// Rate limits at the edge: one place that turns a store counter into a RATE_LIMITED error, for the socket
// handlers and the HTTP routes alike.
import { BanterError, ErrorCode } from "../../shared/protocol/index.ts";
import type { LimitHit, LimitsStore } from "../store/types.ts";
import { type Limits, type Rate, tooFast } from "./rates.ts";

// A check made later by whoever does the event's work: on its own (`check`), or counted by the store in the same
// step as the event's write (`hits`: a visitor's bot turn, one round trip), which then reports a refusal that
// `refused` turns into the same error.
export interface Deferred {
  hits: LimitHit[];
  check(): Promise<void>;
  refused(retryAfterMs: number): BanterError;
}

export function guard(store: LimitsStore, limits: Limits) {
  const hitsOf = (checks: [key: string, rate: Rate][]): LimitHit[] =>
    checks.map(([key, rate]) => ({ key, limit: rate.limit, windowMs: rate.windowMs }));
  // Counts the event under every key; the first one over its limit refuses it.
  async function check(checks: [key: string, rate: Rate][], message = tooFast): Promise<void> {
    const { allowed, retryAfterMs } = await store.hits(hitsOf(checks));
    if (!allowed) throw new BanterError(ErrorCode.RATE_LIMITED, message(retryAfterMs), retryAfterMs);
  }
  return {
    limits,
    check,
    deferred(checks: [key: string, rate: Rate][], message = tooFast): Deferred {
      return {
        hits: hitsOf(checks),
        check: () => check(checks, message),
        refused: (retryAfterMs) => new BanterError(ErrorCode.RATE_LIMITED, message(retryAfterMs), retryAfterMs),
      };
    },
  };
}

// Nothing left to count: the caller counted the event already.
export const counted: Deferred = {
  hits: [],
  check: async () => {},
  refused: (retryAfterMs) => new BanterError(ErrorCode.RATE_LIMITED, tooFast(retryAfterMs), retryAfterMs),
};

export type Guard = ReturnType<typeof guard>;
