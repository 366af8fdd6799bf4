import type { EngageCount, EngageEventKind, EngageStore } from "../contract/engage.ts";
import type { RedisContext } from "./context.ts";

const kinds: readonly EngageEventKind[] = ["shown", "opened", "dismissed"];

// One hash per site and day, a field per trigger and event ("<trigger>:<event>"): a day's counts are one read, and
// the day expires as a whole, RETENTION_DAYS after its last count.
export function redisEngage({ client, k, retentionSeconds }: RedisContext): EngageStore {
  return {
    async countEngageEvent(siteKey, day, trigger, event) {
      const key = k.engageDay(siteKey, day);
      await client.multi().hIncrBy(key, `${trigger}:${event}`, 1).expire(key, retentionSeconds).exec();
    },
    async engageCounts(siteKey, days) {
      if (days.length === 0) return [];
      const multi = client.multi();
      for (const day of days) multi.hGetAll(k.engageDay(siteKey, day));
      const hashes = (await multi.execAsPipeline()) as unknown as Record<string, string>[];
      return days.flatMap((day, i) => {
        const byTrigger = new Map<string, EngageCount>();
        for (const [field, value] of Object.entries(hashes[i] ?? {})) {
          const at = field.lastIndexOf(":");
          const trigger = field.slice(0, at);
          const kind = field.slice(at + 1) as EngageEventKind;
          if (!kinds.includes(kind)) continue;
          const c = byTrigger.get(trigger) ?? { day, trigger, shown: 0, opened: 0, dismissed: 0 };
          c[kind] = Number(value);
          byTrigger.set(trigger, c);
        }
        return [...byTrigger.values()].sort((a, b) => (a.trigger < b.trigger ? -1 : 1));
      });
    },
  };
}
