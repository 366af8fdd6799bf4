import type { LimitsStore } from "../contract/limits.ts";
import { lua, type RedisContext } from "./context.ts";

const rateLimit = lua("rate-limit-n");
const acquireSlot = lua("acquire-slot-1");
const uncountRate = lua("uncount-rate-1");

export function redisLimits({ client, k, run }: RedisContext): LimitsStore {
  const count = async (checks: Parameters<LimitsStore["hits"]>[0]) => {
    const [allowed, wait] = (await run(
      rateLimit,
      checks.map((c) => k.rate(c.key)),
      checks.flatMap((c) => [String(c.limit), String(c.windowMs)]),
    )) as [number, number];
    return { allowed: Number(allowed) === 1, retryAfterMs: Number(wait) };
  };
  // On a cluster each counter is in its own slot, so no one script can count them in order. They are counted
  // together (one round trip, each node its own), and an event one of them refuses is taken back from the counters
  // after it (a second round trip, for a refusal only): so one visitor's flood, refused by its own limit, does not
  // use up the site's, as on one Redis. Meanwhile, for that round trip, the later counters hold the refused event.
  const hits: LimitsStore["hits"] = async (checks) => {
    if (!k.cluster) return count(checks);
    const results = await Promise.all(checks.map((check) => count([check])));
    const refused = results.findIndex((r) => !r.allowed);
    if (refused === -1) return { allowed: true, retryAfterMs: 0 };
    await Promise.all(checks.slice(refused + 1).map((c) => run(uncountRate, [k.rate(c.key)], [])));
    return { allowed: false, retryAfterMs: results[refused]?.retryAfterMs ?? 0 };
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
