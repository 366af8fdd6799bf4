import type { Playbook } from "../../../shared/engine/index.ts";
import {
  type CountedConversation,
  type Counters,
  contributions,
  counterDay,
  counterExpiry,
} from "../../../shared/funnel/index.ts";
import type { Conversation } from "../contract/conversations.ts";
import type { FunnelCountersStore } from "../contract/funnel.ts";
import { lua, parse, type RedisContext } from "./context.ts";

const countConversation = lua("count-conversation-2");
const backfillPage = 500;

// The playbook version a conversation ran (F3), read once per process: a version never changes once stored. Only
// a conversation whose bot finished needs it (F27).
export function pinnedPlaybooks({ client, k }: RedisContext) {
  const cache = new Map<string, Playbook | undefined>();
  return async (c: Pick<CountedConversation, "engine">): Promise<Playbook | undefined> => {
    if (c.engine.outcome === null) return undefined;
    const key = k.playbook(c.engine.playbookId, c.engine.playbookVersion);
    if (!cache.has(key)) cache.set(key, parse<Playbook>(await client.get(key)) ?? undefined);
    return cache.get(key);
  };
}

// What the write scripts take: the conversation's contributions now, and when its day's counters expire.
export function funnelPayload(c: CountedConversation, pinned: Playbook | undefined, retentionSeconds: number): string {
  return JSON.stringify({ at: counterExpiry(counterDay(c), retentionSeconds), c: contributions(c, pinned) });
}

// One hash per site and day (F26): a year's report reads 365 of them in one pipelined round trip.
export function redisFunnel(ctx: RedisContext): FunnelCountersStore {
  const { client, k, run, retentionSeconds } = ctx;
  const pinned = pinnedPlaybooks(ctx);
  return {
    async funnelCounters(siteKey, days) {
      if (days.length === 0) return [];
      const multi = client.multi();
      for (const day of days) multi.hGetAll(k.funnelDay(siteKey, day));
      const hashes = (await multi.execAsPipeline()) as unknown as Record<string, string>[];
      return hashes.map((h) => {
        const counters: Counters = {};
        for (const [f, n] of Object.entries(h ?? {})) counters[f] = Number(n);
        return counters;
      });
    },
    async backfillFunnelCounters(siteKey) {
      if ((await client.get(k.funnelBackfilled(siteKey))) === "1") return 0;
      let counted = 0;
      // ZSCAN returns every conversation listed throughout at least once; one counted already is skipped. Its
      // cursor is walked here, not by zScanIterator, which a Redis Cluster client does not have.
      let cursor = "0";
      do {
        const page = await client.zScan(k.siteConversations(siteKey), cursor, { COUNT: backfillPage });
        cursor = String(page.cursor);
        const ids = page.members.map((m) => String(m.value));
        const fields = await Promise.all(
          ids.map((id) => client.hmGet(k.conversation(id, siteKey), ["doc", "rev", "funnel"])),
        );
        for (const [doc, rev, funnel] of fields) {
          const c = parse<Conversation>(doc);
          if (!c || funnel !== null) continue;
          const payload = funnelPayload(c, await pinned(c), retentionSeconds);
          const keys = [k.conversation(c.id, siteKey), k.funnelDay(siteKey, counterDay(c))];
          counted += Number(await run(countConversation, keys, [String(rev), payload]));
        }
      } while (cursor !== "0");
      await client.set(k.funnelBackfilled(siteKey), "1");
      return counted;
    },
  };
}
