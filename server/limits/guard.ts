// Rate limits at the edge: one place that turns a store counter into a RATE_LIMITED error, for the socket
// handlers and the HTTP routes alike.
import { BanterError, ErrorCode } from "../../shared/protocol/index.ts";
import type { LimitsStore } from "../store/types.ts";
import { type Limits, type Rate, tooFast } from "./rates.ts";

export function guard(store: LimitsStore, limits: Limits) {
  return {
    limits,
    // Counts the event under every key; the first one over its limit refuses it.
    async check(checks: [key: string, rate: Rate][], message = tooFast): Promise<void> {
      const { allowed, retryAfterMs } = await store.hits(
        checks.map(([key, rate]) => ({ key, limit: rate.limit, windowMs: rate.windowMs })),
      );
      if (!allowed) throw new BanterError(ErrorCode.RATE_LIMITED, message(retryAfterMs), retryAfterMs);
    },
  };
}

export type Guard = ReturnType<typeof guard>;
