import type { Playbook } from "../../../shared/engine/index.ts";
import {
  type CountedConversation,
  type Counters,
  counterDay,
  counterExpiries,
  counterHashes,
  hashContributions,
} from "../../../shared/funnel/index.ts";
import type { FollowUp } from "../../../shared/protocol/index.ts";
import type { Conversation } from "../contract/conversations.ts";
import type { FunnelCountersStore } from "../contract/funnel.ts";
import { lua, parse, type RedisContext } from "./context.ts";

const countConversation = lua("count-conversation-n");
const sumCounters = lua("sum-counters-n");
const backfillPage = 500;
// F32, F35: the counters' format a site's conversations were last all counted in ("2": rollups; "3": speed and
// ratings by source and by rep apart, the cross hashes).
const counterFormat = "3";

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

// What the write scripts take: the conversation's contributions now to each of its counter hashes (its day, its
// month's rollup and chart, F34), and when each expires.
export function funnelPayload(c: CountedConversation, pinned: Playbook | undefined, retentionSeconds: number): string {
  return JSON.stringify({ at: counterExpiries(counterDay(c), retentionSeconds), c: hashContributions(c, pinned) });
}

// One hash per site and day (F26), and per month its rollup and its chart (F34): a year's report reads about 40 of
// them in one pipelined round trip.
export function redisFunnel(ctx: RedisContext): FunnelCountersStore {
  const { client, k, run, retentionSeconds, getMany, expired } = ctx;
  const pinned = pinnedPlaybooks(ctx);
  return {
    async funnelCounters(siteKey, names) {
      if (names.length === 0) return [];
      const multi = client.multi();
      for (const name of names) multi.hGetAll(k.funnelHash(siteKey, name));
      const hashes = (await multi.execAsPipeline()) as unknown as Record<string, string>[];
      return hashes.map((h) => {
        const counters: Counters = {};
        for (const [f, n] of Object.entries(h ?? {})) counters[f] = Number(n);
        return counters;
      });
    },
    async funnelSums(siteKey, plus, minus) {
      if (plus.length === 0) return {};
      const keys = [...plus, ...minus].map((name) => k.funnelHash(siteKey, name));
      const flat = (await run(sumCounters, keys, [String(plus.length)])) as string[];
      const sums: Counters = {};
      for (let i = 0; i < flat.length; i += 2) sums[flat[i] as string] = Number(flat[i + 1]);
      return sums;
    },
    async funnelFollowUps(siteKey, start, end, limit) {
      // The newest `limit` conversation ids of the range (the site's list, by createdAt), then only the follow-ups
      // and sources of those that have follow-ups.
      const ids = await client.zRange(k.siteConversations(siteKey), `(${end}`, start, {
        BY: "SCORE",
        REV: true,
        LIMIT: { offset: 0, count: limit },
      });
      const sets = await Promise.all(ids.map((id) => client.sMembers(k.conversationFollowUps(id))));
      const withItems = ids.filter((_, i) => (sets[i]?.length ?? 0) > 0);
      const gone = await expired(withItems);
      const living = withItems.filter((id) => !gone.includes(id));
      const [items, docs] = await Promise.all([
        getMany<FollowUp>(
          living.flatMap((id) => sets[ids.indexOf(id)] ?? []),
          k.followUp,
        ),
        Promise.all(living.map((id) => client.hGet(k.conversation(id, siteKey), "doc"))),
      ]);
      const sources = new Map(living.map((id, i) => [id, parse<Conversation>(docs[i] ?? null)?.source]));
      return {
        items: items
          .filter((item) => sources.has(item.conversationId))
          .map((item) => {
            const source = sources.get(item.conversationId);
            return source ? { item, source } : { item };
          }),
        limited: ids.length === limit,
      };
    },
    async backfillFunnelCounters(siteKey) {
      if ((await client.get(k.funnelBackfilled(siteKey))) === counterFormat) return 0;
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
        for (const [doc, rev] of fields) {
          const c = parse<Conversation>(doc);
          if (!c) continue;
          // Each hash moves from what the record says the conversation added (none, a day's counts from before
          // rollups, or an older field format) to what it adds now (F32).
          const keys = [
            k.conversation(c.id, siteKey),
            ...counterHashes(counterDay(c)).map((name) => k.funnelHash(siteKey, name)),
          ];
          const now = funnelPayload(c, await pinned(c), retentionSeconds);
          counted += Number(await run(countConversation, keys, [String(rev), now]));
        }
      } while (cursor !== "0");
      await client.set(k.funnelBackfilled(siteKey), counterFormat);
      return counted;
    },
  };
}
