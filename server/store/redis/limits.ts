import type { LimitsStore } from "../contract/limits.ts";
import { lua, type RedisContext } from "./context.ts";

const rateLimit = lua("rate-limit-n");
const acquireSlot = lua("acquire-slot-1");

export function redisLimits({ client, k, run }: RedisContext): LimitsStore {
  const count = async (checks: Parameters<LimitsStore["hits"]>[0]) => {
    const [allowed, wait] = (await run(
      rateLimit,
      checks.map((c) => k.rate(c.key)),
      checks.flatMap((c) => [String(c.limit), String(c.windowMs)]),
    )) as [number, number];
    return { allowed: Number(allowed) === 1, retryAfterMs: Number(wait) };
  };
  // On a cluster each counter is in its own slot: counted one after another, in order, so the first that refuses
  // still keeps the ones after it from counting the event (a round trip each instead of one).
  const hits: LimitsStore["hits"] = async (checks) => {
    if (!k.cluster) return count(checks);
    for (const check of checks) {
      const result = await count([check]);
      if (!result.allowed) return result;
    }
    return { allowed: true, retryAfterMs: 0 };
  };
  return {
    async hit(key, limit, windowMs) {
      return hits([{ key, limit, windowMs }]);
    },
    hits,
    async acquireSlot(key, holder, max, now, expiresAt) {
      const args = [String(max), holder, String(now), String(expiresAt)];
      return Number(await run(acquireSlot, [k.slots(key)], args)) === 1;
    },
    async releaseSlot(key, holder) {
      await client.zRem(k.slots(key), holder);
    },
  };
}
