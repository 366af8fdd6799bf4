import type { LimitHit, LimitsStore } from "../contract/limits.ts";
import { type MemoryState, setOf } from "./state.ts";

// Counts one event under each of `checks` in order, synchronously (a conversation's turn counts its line in the
// same step as its write: memory/conversations.ts); the first over its limit refuses it.
export function hitsNow(state: MemoryState, checks: LimitHit[]): { allowed: boolean; retryAfterMs: number } {
  for (const c of checks) {
    const r = hitNow(state, c.key, c.limit, c.windowMs);
    if (!r.allowed) return r;
  }
  return { allowed: true, retryAfterMs: 0 };
}

function hitNow({ now, windows }: MemoryState, key: string, limit: number, windowMs: number) {
  const t = now();
  // Expired windows are dropped now and then, so the map stays as small as the traffic of one window.
  if (windows.size > 10_000) for (const [k, w] of windows) if (w.endsAt <= t) windows.delete(k);
  const w = windows.get(key);
  const current = w && w.endsAt > t ? w : { count: 0, endsAt: t + windowMs };
  current.count++;
  windows.set(key, current);
  return current.count > limit
    ? { allowed: false, retryAfterMs: current.endsAt - t }
    : { allowed: true, retryAfterMs: 0 };
}

export function memoryLimits(state: MemoryState): LimitsStore {
  const { slots } = state;
  return {
    hit: async (key, limit, windowMs) => hitNow(state, key, limit, windowMs),
    hits: async (checks) => hitsNow(state, checks),
    async acquireSlot(key, holder, max, t, expiresAt) {
      const holders = setOf(slots, key, () => new Map<string, number>());
      for (const [h, e] of holders) if (e <= t) holders.delete(h);
      if (holders.size >= max) return false;
      holders.set(holder, expiresAt);
      return true;
    },
    async releaseSlot(key, holder) {
      slots.get(key)?.delete(holder);
      if (slots.get(key)?.size === 0) slots.delete(key);
    },
  };
}
