import type { DueKind, TimersStore } from "../contract/timers.ts";
import { lua, type RedisContext } from "./context.ts";

const takeDue = lua("take-due-1");

export function redisTimers({ client, k, run }: RedisContext): TimersStore {
  return {
    async scheduleDue(kind, conversationId, at) {
      await client.zAdd(k.due(), { score: at, value: `${kind}|${conversationId}` });
    },
    async cancelDue(kind, conversationId) {
      await client.zRem(k.due(), `${kind}|${conversationId}`);
    },
    async takeDue(now, limit) {
      const taken = (await run(takeDue, [k.due()], [String(now), String(limit)])) as string[];
      return taken.map((m) => {
        const [kind, conversationId] = m.split("|");
        return { kind: kind as DueKind, conversationId: conversationId ?? "" };
      });
    },
  };
}
