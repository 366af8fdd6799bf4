import type { LimitsStore } from "../contract/limits.ts";
import { type MemoryState, setOf } from "./state.ts";

export function memoryLimits({ now, windows, slots }: MemoryState): LimitsStore {
  const hit: LimitsStore["hit"] = async (key, limit, windowMs) => {
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
  };
  return {
    hit,
    async hits(checks) {
      for (const c of checks) {
        const r = await hit(c.key, c.limit, c.windowMs);
        if (!r.allowed) return r;
      }
      return { allowed: true, retryAfterMs: 0 };
    },
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
