// Rate limits and limited slots shared by every process. Callers name their counters with limitKeys (keys.ts).

// One counter an event is counted under, with its limit in a fixed window.
export interface LimitHit {
  key: string;
  limit: number;
  windowMs: number;
}

export interface LimitsStore {
  // Counts one event under `key` in a fixed window of `windowMs`.
  hit(key: string, limit: number, windowMs: number): Promise<{ allowed: boolean; retryAfterMs: number }>;
  // Several limits on one event, in one step, in order: the first over its limit refuses it, and the limits after
  // it do not count it.
  hits(checks: LimitHit[]): Promise<{ allowed: boolean; retryAfterMs: number }>;
  // Limited slots (connections per IP), held by a named holder until released or expired: take one, or false
  // when all `max` are in use.
  acquireSlot(key: string, holder: string, max: number, now: number, expiresAt: number): Promise<boolean>;
  releaseSlot(key: string, holder: string): Promise<void>;
}
