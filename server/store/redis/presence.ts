import type { PresenceStore } from "../contract/presence.ts";
import { listUsers } from "./accounts.ts";
import { lua, type RedisContext } from "./context.ts";

const expireTabs = lua("expire-tabs-1");

export function redisPresence(ctx: RedisContext): PresenceStore {
  const { client, k, run } = ctx;
  return {
    async setRepStatus(repId, status) {
      await client.hSet(k.presenceStatus(), repId, status);
    },
    async touchRepTab(repId, tabId, expiresAt) {
      await client.zAdd(k.presenceTabs(), { score: expiresAt, value: `${repId}|${tabId}` });
    },
    async dropRepTab(repId, tabId) {
      await client.zRem(k.presenceTabs(), `${repId}|${tabId}`);
    },
    async expireRepTabs(now) {
      return (await run(expireTabs, [k.presenceTabs()], [String(now)])) as string[];
    },
    async presence(now) {
      const [users, tabs, status, offered] = await Promise.all([
        listUsers(ctx),
        client.zRangeByScore(k.presenceTabs(), `(${now}`, "+inf"),
        client.hGetAll(k.presenceStatus()),
        client.hGetAll(k.presenceOffered()),
      ]);
      const online = new Set(tabs.map((t) => t.split("|")[0]));
      return users.map((u) => ({
        repId: u.id,
        // A rep who never chose is available while their console is open.
        status: status[u.id] === "away" ? "away" : "available",
        online: online.has(u.id),
        lastOfferedAt: Number(offered[u.id] ?? 0),
      }));
    },
    async markOffered(repId, at) {
      await client.hSet(k.presenceOffered(), repId, String(at));
    },
  };
}
