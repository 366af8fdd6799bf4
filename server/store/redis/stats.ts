import { nextAverage } from "../../../shared/routing/index.ts";
import type { StatsStore } from "../contract/stats.ts";
import type { RedisContext } from "./context.ts";

export function redisStats({ client, k }: RedisContext): StatsStore {
  const averageAccept = async (siteKey: string) => {
    const v = await client.get(k.acceptAverage(siteKey));
    return v === null ? null : Number(v);
  };
  return {
    async recordAccept(siteKey, waitedMs) {
      // A lost update between two simultaneous accepts only nudges an average: no script needed.
      const previous = await averageAccept(siteKey);
      await client.set(k.acceptAverage(siteKey), String(Math.round(nextAverage(previous, waitedMs))));
    },
    averageAccept,
  };
}
