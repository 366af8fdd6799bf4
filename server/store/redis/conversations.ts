import { counterDay } from "../../../shared/funnel/index.ts";
import type { Conversation, ConversationPosition, ConversationsStore } from "../contract/conversations.ts";
import type { LimitHit } from "../contract/limits.ts";
import type { MessageDraft } from "../contract/messages.ts";
import { leadPersonKey, leadTermKey } from "../keys.ts";
import { indexedPerson, indexedTerms } from "../lead-terms.ts";
import { subjectEmails } from "../subject.ts";
import { lua, parse, type RedisContext } from "./context.ts";
import { funnelPayload, pinnedPlaybooks } from "./funnel.ts";
import { type AppendReply, appendArgs, appended } from "./messages.ts";

const createConversation = lua("create-conversation-5", "lib-lead-index");
const writeConversation = lua("write-conversation-11", "lib-lead-index");
const queryLeads = lua("query-leads-0");
const countLeads = lua("count-leads-0");
const unindexLeads = lua("unindex-leads-0", "lib-lead-index");
const indexLead = lua("index-lead-1", "lib-lead-index");

// Members a page's script looks at per call: bounds each call's time in Redis when a filter's rows are sparse.
const maxScanPerCall = 2000;

// The leads index's entry for a conversation as written (lib-lead-index.lua).
function leadIndexArg(k: RedisContext["k"], c: Conversation): string {
  const person = indexedPerson(c);
  return JSON.stringify({
    P: k.leadIndex(c.siteKey),
    p: person ? leadPersonKey(person) : "",
    t: indexedTerms(c).map(leadTermKey),
    at: c.createdAt,
  });
}

// Takes conversations that no longer exist off their site's leads index (unindex-leads-0.lua).
export async function unindexLeadRows(ctx: RedisContext, siteKey: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await ctx.run(unindexLeads, [], [ctx.k.leadIndex(siteKey), ctx.k.conversation(""), ...ids]);
}

// The lists and erasure read conversations too.
export async function getConversation({ client, k }: RedisContext, id: string): Promise<Conversation | null> {
  if (!id) return null;
  const h = await client.hmGet(k.conversation(id), ["doc", "rev"]);
  const doc = parse<Conversation>(h[0]);
  return doc ? { ...doc, rev: Number(h[1]) } : null;
}

// The `count` members after `from` in newest-first order. Members created in the same ms are ordered by id,
// descending (as ZRANGE REV orders equal scores), so those at from's time with an id from from's on come first.
async function olderThan(
  { client }: RedisContext,
  key: string,
  from: ConversationPosition,
  count: number,
): Promise<{ value: string; score: number }[]> {
  const sameTime = await client.zRangeByScore(key, from.createdAt, from.createdAt);
  const offset = sameTime.filter((id) => id >= from.id).length;
  return client.zRangeWithScores(key, from.createdAt, "-inf", {
    BY: "SCORE",
    REV: true,
    LIMIT: { offset, count },
  });
}

export function redisConversations(ctx: RedisContext): ConversationsStore {
  const { client, k, run, retentionSeconds, expired } = ctx;
  const pinned = pinnedPlaybooks(ctx);

  // write-conversation-11.lua: -1 for a lost compare-and-set (or a first line that would not get `firstSeq`), -2
  // when the rep has no room (`capacity`), [-3, ms] when one of `limits` refused it, else the new rev and what was
  // said.
  const write = async (
    next: Conversation,
    previousRepId: string | undefined,
    lines: MessageDraft[],
    firstSeq?: number,
    capacity?: number,
    limits: LimitHit[] = [],
  ) => {
    const { rev, ...doc } = next;
    const rep = next.repId ?? "";
    return (await run(
      writeConversation,
      [
        k.conversation(next.id),
        k.queue(next.siteKey),
        k.repConversations(rep || "-"),
        k.visitorConversation(next.siteKey, next.visitorId),
        k.repConversations(previousRepId || "-"),
        k.visitorConversations(next.siteKey, next.visitorId),
        k.notes(next.id),
        k.conversationEmailIndexes(next.id),
        k.messages(next.id),
        k.clientIds(next.id),
        k.seq(next.id),
        ...subjectEmails(next).map(k.emailConversations),
        ...limits.map((l) => k.rate(l.key)),
        k.funnelDay(next.siteKey, counterDay(next)),
      ],
      [
        String(rev),
        JSON.stringify(doc),
        next.status,
        next.id,
        String(next.queuedAt ?? 0),
        rep,
        String(retentionSeconds),
        previousRepId ?? "",
        firstSeq === undefined ? "" : String(firstSeq),
        capacity === undefined ? "" : String(capacity),
        k.conversation(""),
        String(limits.length),
        ...limits.flatMap((l) => [String(l.limit), String(l.windowMs)]),
        ...appendArgs(lines),
        leadIndexArg(k, next),
        funnelPayload(next, await pinned(next), retentionSeconds),
      ],
    )) as number | AppendReply;
  };

  const updateConversationSaying: ConversationsStore["updateConversationSaying"] = async (
    next,
    previousRepId,
    lines,
    firstSeq,
  ) => {
    const reply = await write(next, previousRepId, lines, firstSeq);
    if (!Array.isArray(reply)) return null;
    return { conversation: { ...next, rev: Number(reply[0]) }, said: appended(lines, reply, 1) };
  };

  const store: ConversationsStore = {
    updateConversationTurn: async (next, previousRepId, lines, firstSeq, limits) => {
      const reply = await write(next, previousRepId, lines, firstSeq, undefined, limits);
      if (!Array.isArray(reply)) return null;
      if (Number(reply[0]) === -3) return { retryAfterMs: Number(reply[1]) };
      return { conversation: { ...next, rev: Number(reply[0]) }, said: appended(lines, reply, 1) };
    },
    async createConversation(conversation) {
      const { rev: _rev, ...doc } = conversation;
      const id = String(
        await run(
          createConversation,
          [
            k.visitorConversation(conversation.siteKey, conversation.visitorId),
            k.conversation(conversation.id),
            k.siteConversations(conversation.siteKey),
            k.visitorConversations(conversation.siteKey, conversation.visitorId),
            k.conversationEmailIndexes(conversation.id),
            ...subjectEmails(conversation).map(k.emailConversations),
            k.funnelDay(conversation.siteKey, counterDay(conversation)),
          ],
          [
            conversation.id,
            JSON.stringify(doc),
            conversation.status,
            String(retentionSeconds),
            k.conversation(""),
            String(conversation.createdAt),
            leadIndexArg(k, conversation),
            funnelPayload(conversation, await pinned(conversation), retentionSeconds),
          ],
        ),
      );
      const stored = await getConversation(ctx, id);
      if (!stored) throw new Error(`conversation ${id} vanished while being opened`);
      return stored;
    },
    getConversation: (id) => getConversation(ctx, id),
    async findVisitorConversation(siteKey, visitorId) {
      return client.get(k.visitorConversation(siteKey, visitorId));
    },
    async updateConversation(next, previousRepId) {
      return (await updateConversationSaying(next, previousRepId, []))?.conversation ?? null;
    },
    updateConversationSaying,
    async updateConversationIfRoom(next, previousRepId, capacity) {
      const reply = await write(next, previousRepId, [], undefined, capacity);
      if (Array.isArray(reply)) return { ...next, rev: Number(reply[0]) };
      return Number(reply) === -2 ? "full" : null;
    },
    async listQueue(siteKey) {
      const ids = await client.zRange(k.queue(siteKey), 0, -1);
      const gone = await expired(ids);
      if (gone.length > 0) await client.zRem(k.queue(siteKey), gone);
      return ids.filter((id) => !gone.includes(id));
    },
    async listConversations(siteKey, limit, after) {
      const key = k.siteConversations(siteKey);
      const found: Conversation[] = [];
      let from = after;
      // A page whose members expired is read again further down, so a short answer means the end.
      while (found.length < limit) {
        const want = limit - found.length;
        const page = from
          ? await olderThan(ctx, key, from, want)
          : await client.zRangeWithScores(key, 0, want - 1, { REV: true });
        const ids = page.map((m) => m.value);
        const gone = await expired(ids);
        if (gone.length > 0) await Promise.all([client.zRem(key, gone), unindexLeadRows(ctx, siteKey, gone)]);
        const read = await Promise.all(ids.filter((id) => !gone.includes(id)).map((id) => getConversation(ctx, id)));
        found.push(...read.filter((c): c is Conversation => c !== null));
        const last = page.at(-1);
        if (page.length < want || !last) break;
        from = { createdAt: last.score, id: last.value };
      }
      return found;
    },
    async queryLeadRows({ siteKey, terms, from, to, after, limit }) {
      const found: Conversation[] = [];
      let cursor = after;
      for (;;) {
        const reply = (await run(
          queryLeads,
          [],
          [
            k.leadIndex(siteKey),
            JSON.stringify(terms.map(leadTermKey)),
            from === undefined ? "" : String(from),
            to === undefined ? "" : String(to),
            cursor ? String(cursor.createdAt) : "",
            cursor?.id ?? "",
            String(limit - found.length),
            String(maxScanPerCall),
          ],
        )) as (string | number)[];
        const ids = reply
          .slice(3)
          .filter((_, i) => i % 2 === 0)
          .map(String);
        const read = await Promise.all(ids.map((id) => getConversation(ctx, id)));
        // Expired since the index was written: taken off, and the page read on further.
        const gone = ids.filter((_, i) => read[i] === null);
        if (gone.length > 0) await unindexLeadRows(ctx, siteKey, gone);
        found.push(...read.filter((c): c is Conversation => c !== null));
        if (Number(reply[0]) === 1 || found.length >= limit) return found;
        if (reply[2]) cursor = { createdAt: Number(reply[1]), id: String(reply[2]) };
      }
    },
    async countLeadRows({ siteKey, terms, from, to }) {
      return Number(
        await run(
          countLeads,
          [],
          [
            k.leadIndex(siteKey),
            JSON.stringify(terms.map(leadTermKey)),
            from === undefined ? "" : String(from),
            to === undefined ? "" : String(to),
          ],
        ),
      );
    },
    async backfillLeadIndex(siteKey) {
      let filed = 0;
      let after: ConversationPosition | undefined;
      for (;;) {
        const page = await store.listConversations(siteKey, 500, after);
        const known = await client.hmGet(
          `${k.leadIndex(siteKey)}reg`,
          page.map((c) => c.id),
        );
        const missing = page.filter((_, i) => known[i] === null);
        const done = await Promise.all(
          missing.map((c) => run(indexLead, [k.conversation(c.id)], [c.id, String(c.rev), leadIndexArg(k, c)])),
        );
        filed += done.filter((x) => Number(x) === 1).length;
        const last = page.at(-1);
        if (page.length < 500 || !last) return filed;
        after = { createdAt: last.createdAt, id: last.id };
      }
    },
    async listPersonConversations(siteKey, personKey) {
      const key = `${k.leadIndex(siteKey)}${leadPersonKey(personKey)}`;
      const ids = await client.zRange(key, 0, -1, { REV: true });
      const read = await Promise.all(ids.map((id) => getConversation(ctx, id)));
      const gone = ids.filter((_, i) => read[i] === null);
      if (gone.length > 0) await unindexLeadRows(ctx, siteKey, gone);
      return read.filter((c): c is Conversation => c !== null);
    },
    async listRepConversations(repId) {
      const ids = (await client.sMembers(k.repConversations(repId))).sort();
      const gone = await expired(ids);
      if (gone.length > 0) await client.sRem(k.repConversations(repId), gone);
      return ids.filter((id) => !gone.includes(id));
    },
  };
  return store;
}
