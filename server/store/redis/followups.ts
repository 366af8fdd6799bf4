import { dueTimeOf } from "../../../shared/followups/index.ts";
import type { FollowUp } from "../../../shared/protocol/index.ts";
import type { FollowUpsStore } from "../contract/followups.ts";
import { lua, parse, type RedisContext } from "./context.ts";

const openFollowUp = lua("open-followup-3");
const putFollowUp = lua("put-followup-2");

export function redisFollowUps({ client, k, run, getMany, expired, retentionSeconds }: RedisContext): FollowUpsStore {
  const ttl = String(retentionSeconds);

  // Items whose conversation is gone (expired by retention) drop out, and off the site's list when found.
  async function living(siteKey: string | null, items: FollowUp[]): Promise<FollowUp[]> {
    const gone = await expired([...new Set(items.map((f) => f.conversationId))]);
    const dead = items.filter((f) => gone.includes(f.conversationId));
    if (siteKey && dead.length > 0)
      await client.zRem(
        k.siteFollowUps(siteKey),
        dead.map((f) => f.id),
      );
    return items.filter((f) => !gone.includes(f.conversationId));
  }

  return {
    async openFollowUp(item) {
      const keyList = [
        k.followUp(item.id),
        k.siteFollowUps(item.siteKey),
        k.conversationFollowUps(item.conversationId),
      ];
      const args = [JSON.stringify(item), String(dueTimeOf(item)), item.id, ttl];
      return Number(await run(openFollowUp, keyList, args)) === 1;
    },
    async getFollowUp(id) {
      const f = parse<FollowUp>(await client.get(k.followUp(id)));
      return f ? ((await living(null, [f]))[0] ?? null) : null;
    },
    async updateFollowUp(next) {
      const stored = { ...next, rev: next.rev + 1 };
      const due = stored.state === "open" ? String(dueTimeOf(stored)) : "";
      const args = [String(next.rev), JSON.stringify(stored), due, next.id, ttl];
      const wrote = Number(await run(putFollowUp, [k.followUp(next.id), k.siteFollowUps(next.siteKey)], args));
      return wrote === 1 ? stored : null;
    },
    async listOpenFollowUps(siteKey, ownerId) {
      const ids = await client.zRange(k.siteFollowUps(siteKey), 0, -1);
      const found = await getMany<FollowUp>(ids, k.followUp);
      // An id whose record expired: its place in the list goes too.
      const missing = ids.filter((id) => !found.some((f) => f.id === id));
      if (missing.length > 0) await client.zRem(k.siteFollowUps(siteKey), missing);
      const open = (await living(siteKey, found)).filter((f) => f.state === "open");
      return open
        .filter((f) => !ownerId || f.ownerId === ownerId)
        .sort((a, b) => dueTimeOf(a) - dueTimeOf(b) || a.id.localeCompare(b.id));
    },
    async listConversationFollowUps(conversationId) {
      const ids = await client.sMembers(k.conversationFollowUps(conversationId));
      const found = await getMany<FollowUp>(ids, k.followUp);
      return (await living(null, found)).sort((a, b) => a.kind.localeCompare(b.kind));
    },
  };
}
