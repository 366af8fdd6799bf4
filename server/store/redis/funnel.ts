import { createHash } from "node:crypto";
import type { Playbook } from "../../../shared/engine/index.ts";
import {
  type CountedConversation,
  type Counters,
  counterDay,
  counterExpiries,
  counterHashes,
  hashContributions,
  monthOf,
} from "../../../shared/funnel/index.ts";
import { askedContributions, questionsPerMonth } from "../../../shared/leads/unanswered.ts";
import type { FollowUp, LeadSource, UnansweredQuestion } from "../../../shared/protocol/index.ts";
import type { Conversation } from "../contract/conversations.ts";
import type { FunnelCountersStore } from "../contract/funnel.ts";
import type { Keys } from "../keys.ts";
import { lua, parse, type RedisContext } from "./context.ts";

const countConversation = lua("count-conversation-n", "lib-funnel-counters");
const readCounters = lua("read-counters-n");
const readQuestions = lua("read-questions-1");
const readFollowUps = lua("read-followups-n");
// F36: how many counter hashes a process keeps copies of (a year's report reads ~60: 13 months' rollups and
// charts, the days at its edges), the least recently read dropped first.
const cachedHashes = 1000;
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

// What the write scripts take (lib-funnel-counters.lua): `s`, the conversation's contributions now to each of its
// counter hashes (its day, its month's rollup and chart, their cross hashes: F34, F35) as the JSON text the
// conversation keeps, `at`, when each hash expires, and `q`, its unanswered questions (Q1). With `written` (the
// conversation writes of this process), also `o`, the text this process last stored for the conversation, and `d`,
// only the counters that moved since, by hash: the script applies `d` alone when the stored text is still `o`, and
// moves every counter otherwise (another process, a recount, an erasure wrote since). Most of a bot turn's counters
// do not move: the script's time on them went from 37% of its whole to what moved.
export function funnelPayload(
  k: Keys,
  c: Conversation,
  pinned: Playbook | undefined,
  retentionSeconds: number,
  written?: FunnelWritten,
): string {
  const now = hashContributions(c, pinned);
  const s = JSON.stringify(now);
  const before = written?.get(c.id);
  if (written) {
    written.delete(c.id);
    written.set(c.id, { s, counters: now });
    if (written.size > writtenKept) written.delete(written.keys().next().value as string);
  }
  return JSON.stringify({
    at: counterExpiries(counterDay(c), retentionSeconds),
    s,
    ...(before && { o: before.s, d: movedCounters(now, before.counters) }),
    q: questionsPayload(k, c, retentionSeconds),
  });
}

// Conversation id -> its counts as this process last stored them, the least recently written dropped first.
export type FunnelWritten = Map<string, { s: string; counters: Counters[] }>;
const writtenKept = 10_000;

// [hash index from 1, field -> difference] for each hash with a counter that moved from `before` to `now`.
function movedCounters(now: Counters[], before: Counters[]): [number, Counters][] {
  const out: [number, Counters][] = [];
  now.forEach((counters, i) => {
    const old = before[i] ?? {};
    const moved: Counters = {};
    let any = false;
    for (const f in counters) {
      const d = (counters[f] as number) - (old[f] ?? 0);
      if (d !== 0) {
        moved[f] = d;
        any = true;
      }
    }
    for (const f in old) {
      if (!(f in counters) && old[f] !== 0) {
        moved[f] = -(old[f] as number);
        any = true;
      }
    }
    if (any) out.push([i + 1, moved]);
  });
  return out;
}

// shared/leads/SPEC.md Q1: a question by a short hash of its key (the key is a visitor's words), each of the
// conversation's latest unanswered askings as "<conversation id>\n<text>" at its time (lib-funnel-counters.lua).
export function questionsPayload(k: Keys, c: Conversation, retentionSeconds: number) {
  const added: Record<string, [number, string]> = {};
  for (const [key, a] of askedContributions(c.engine.asked)) added[questionId(key)] = [a.at, `${c.id}\n${a.text}`];
  const day = counterDay(c);
  return {
    P: k.siteQuestions(c.siteKey),
    m: monthOf(day),
    at: counterExpiries(day, retentionSeconds)[1],
    cap: questionsPerMonth,
    c: added,
  };
}

const questionId = (key: string) => createHash("sha1").update(key).digest("base64url").slice(0, 16);

// One hash per site and day (F26), and per month its rollup and its chart (F34): a year's report reads about 40 of
// them in one pipelined round trip.
export function redisFunnel(ctx: RedisContext): FunnelCountersStore {
  const { client, k, run, retentionSeconds } = ctx;
  const pinned = pinnedPlaybooks(ctx);
  // F36: each counter hash as this process last read it, by key, with its version. A closed month's rollup and
  // chart move only when a late write or an erasure moves them, and then their version changes: a report re-reads
  // only the hashes whose version differs. Callers never change what they are given.
  const copies = new Map<string, { version: string; counters: Counters }>();
  async function read(siteKey: string, names: readonly string[]): Promise<Counters[]> {
    if (names.length === 0) return [];
    const keys = names.map((name) => k.funnelHash(siteKey, name));
    const held = keys.map((key) => copies.get(key));
    const got = (await run(
      readCounters,
      keys,
      held.map((c) => c?.version ?? ""),
    )) as string[][];
    return keys.map((key, i) => {
      const [version = "", ...flat] = got[i] ?? [];
      const copy = held[i];
      copies.delete(key);
      if (copy && flat.length === 0 && version === copy.version && version !== "") {
        copies.set(key, copy);
        return copy.counters;
      }
      const counters: Counters = {};
      for (let j = 0; j < flat.length; j += 2) counters[flat[j] as string] = Number(flat[j + 1]);
      // A hash without a version (none yet, or gone) is not kept: it is read whole, and it is small or empty.
      if (version !== "") copies.set(key, { version, counters });
      if (copies.size > cachedHashes) copies.delete(copies.keys().next().value as string);
      return counters;
    });
  }
  return {
    funnelCounters: read,
    async funnelSums(siteKey, plus, minus) {
      const hashes = await read(siteKey, [...plus, ...minus]);
      const sums: Counters = {};
      hashes.forEach((h, i) => {
        const sign = i < plus.length ? 1 : -1;
        for (const f in h) sums[f] = (sums[f] ?? 0) + sign * (h[f] ?? 0);
      });
      for (const f in sums) if (sums[f] === 0) delete sums[f];
      return sums;
    },
    async askedQuestions(siteKey, now) {
      const flat = (await run(readQuestions, [k.siteQuestions(siteKey)], [String(Math.floor(now / 1000))])) as string[];
      // Per question id: its count in each month, summed, and its latest asking.
      const byId = new Map<string, UnansweredQuestion>();
      for (let i = 0; i < flat.length; i += 4) {
        const [id = "", count = "0", member = "", at = "0"] = flat.slice(i, i + 4);
        const q = byId.get(id) ?? { text: "", count: 0, lastAskedAt: -1 };
        q.count += Number(count);
        if (Number(at) >= q.lastAskedAt)
          Object.assign(q, { text: member.slice(member.indexOf("\n") + 1), lastAskedAt: Number(at) });
        byId.set(id, q);
      }
      return [...byId.values()];
    },
    async funnelFollowUps(siteKey, start, end, limit) {
      // The newest `limit` conversation ids of the range (the site's list, by createdAt), then in one call the
      // follow-ups of those that have any (read-followups-n.lua), then only those conversations' sources.
      const ids = await client.zRange(k.siteConversations(siteKey), `(${end}`, start, {
        BY: "SCORE",
        REV: true,
        LIMIT: { offset: 0, count: limit },
      });
      const limited = ids.length === limit;
      if (ids.length === 0) return { items: [], limited };
      const found = (await run(readFollowUps, ids.map(k.conversationFollowUps), [k.followUp("")])) as [
        number,
        ...string[],
      ][];
      const withItems = found.map(([at, ...records]) => ({ id: ids[at - 1] ?? "", records }));
      // A conversation past its retention (its hash gone) is left out, with its follow-ups.
      const docs = await Promise.all(withItems.map(({ id }) => client.hGet(k.conversation(id, siteKey), "doc")));
      const items: { item: FollowUp; source?: LeadSource }[] = [];
      withItems.forEach(({ id, records }, i) => {
        const doc = docs[i];
        if (doc === null || doc === undefined) return;
        const source = parse<Conversation>(doc)?.source;
        for (const record of records) {
          const item = parse<FollowUp>(record);
          if (item?.conversationId === id) items.push(source ? { item, source } : { item });
        }
      });
      return { items, limited };
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
          const now = funnelPayload(k, c, await pinned(c), retentionSeconds);
          counted += Number(await run(countConversation, keys, [String(rev), now]));
        }
      } while (cursor !== "0");
      await client.set(k.funnelBackfilled(siteKey), counterFormat);
      return counted;
    },
  };
}
