import type { TriggerCount } from "../../../shared/funnel/index.ts";
import type { EngageEventKind, EngageStore } from "../contract/engage.ts";
import { lua, type RedisContext } from "./context.ts";

const kinds: readonly EngageEventKind[] = ["shown", "opened", "dismissed"];
const sumEngage = lua("sum-engage-n");

// One hash per site and day, a field per trigger and event ("<trigger>:<event>"): a day's counts are one read, and
// the day expires as a whole, RETENTION_DAYS after its last count.
export function redisEngage({ client, k, retentionSeconds, run }: RedisContext): EngageStore {
  return {
    async countEngageEvent(siteKey, day, trigger, event) {
      const key = k.engageDay(siteKey, day);
      await client.multi().hIncrBy(key, `${trigger}:${event}`, 1).expire(key, retentionSeconds).exec();
    },
    async engageTotals(siteKey, days) {
      if (days.length === 0) return [];
      // Summed in Redis, one call for the range (sum-engage-n.lua).
      const flat = (await run(
        sumEngage,
        days.map((day) => k.engageDay(siteKey, day)),
        [],
      )) as string[];
      const byTrigger = new Map<string, TriggerCount>();
      for (let i = 0; i < flat.length; i += 2) {
        const field = flat[i] ?? "";
        const at = field.lastIndexOf(":");
        const trigger = field.slice(0, at);
        const kind = field.slice(at + 1) as EngageEventKind;
        if (!kinds.includes(kind)) continue;
        const c = byTrigger.get(trigger) ?? { trigger, shown: 0, opened: 0, dismissed: 0 };
        c[kind] = Number(flat[i + 1]);
        byTrigger.set(trigger, c);
      }
      return [...byTrigger.values()].sort((a, b) => (a.trigger < b.trigger ? -1 : 1));
    },
  };
}
