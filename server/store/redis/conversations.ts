import { counterDay, counterHashes } from "../../../shared/funnel/index.ts";
import { compareMembers, memberRow } from "../../../shared/leads/order.ts";
import type {
  ActivityPosition,
  Conversation,
  ConversationPosition,
  ConversationsStore,
} from "../contract/conversations.ts";
import type { LimitHit } from "../contract/limits.ts";
import type { AppendResult, MessageDraft } from "../contract/messages.ts";
import { leadPersonKey, leadSortKey, leadTermKey } from "../keys.ts";
import { indexedActivity } from "../lead-terms.ts";
import { subjectEmails } from "../subject.ts";
import { lua, parse, type RedisContext } from "./context.ts";
import { type FunnelWritten, funnelPayload, pinnedPlaybooks } from "./funnel.ts";
import { type LeadWritten, leadIndexArg } from "./lead-index-arg.ts";
import { redisLimits } from "./limits.ts";
import { type AppendReply, appendArgs, appended } from "./messages.ts";

const createConversation = lua(
  "create-conversation-8",
  "lib-lines",
  "lib-lead-pairs",
  "lib-lead-index",
  "lib-activity-index",
  "lib-indexes",
  "lib-funnel-counters",
);
const writeConversation = lua(
  "write-conversation-11",
  "lib-lines",
  "lib-lead-pairs",
  "lib-lead-index",
  "lib-activity-index",
  "lib-indexes",
  "lib-funnel-counters",
);
const queryLeads = lua("query-leads-0");
const readConversations = lua("read-conversations-0");
const sortLeads = lua("sort-leads-0", "lib-lead-pairs");
const countLeads = lua("count-leads-0", "lib-lead-pairs");
const unindexLeads = lua("unindex-leads-0", "lib-lead-pairs", "lib-lead-index");
const indexLead = lua("index-lead-1", "lib-lead-pairs", "lib-lead-index");
const unindexActivity = lua("unindex-activity-0", "lib-activity-index");
const indexActivity = lua("index-activity-1", "lib-activity-index");
const takeRepPlace = lua("take-rep-place-1");

// maxScan: members a page's script looks at per call, which bounds each call's time in Redis when a filter's rows
// are sparse. fewRows: a sorted page whose filter's smallest set holds at most this many rows reads them all and
// orders them here rather than walking the sort's set; orderRows: the most it reads so when the walk would look at
// more members (sort-leads-0.lua). Tests lower them to walk small sets.
export const leadScan = { maxScan: 2000, fewRows: 2000, orderRows: 20_000 };

// The activity index's entry for a conversation as written (lib-activity-index.lua).
function activityArg(k: RedisContext["k"], c: Conversation): string {
  return JSON.stringify({ A: k.activityIndex(c.siteKey), t: indexedActivity(c).map(leadTermKey), at: c.updatedAt });
}

// The scripts that declare no key (their keys are named from the index's prefix) get one of the site's index keys
// as KEYS[1], which they do not read: on a cluster it sends them to the site's slot, where the prefix's tag puts
// every key they name (keys.ts).
const leadSlot = (k: RedisContext["k"], siteKey: string) => [`${k.leadIndex(siteKey)}reg`];

// Takes conversations that no longer exist off their site's indexes: the leads index (unindex-leads-0.lua) and
// the activity index (unindex-activity-0.lua).
export async function unindexConversations(ctx: RedisContext, siteKey: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const { k } = ctx;
  const prefix = k.conversation("", siteKey);
  await Promise.all([
    ctx.run(unindexLeads, leadSlot(k, siteKey), [k.leadIndex(siteKey), prefix, ...ids]),
    ctx.run(unindexActivity, leadSlot(k, siteKey), [k.activityIndex(siteKey), prefix, ...ids]),
  ]);
}

// The lists and erasure read conversations too. `site`: the conversation's site when the caller knows it (a site's
// index lists it), so that a page of them is read without looking each one's site up.
export async function getConversation(
  { client, k, siteOf }: RedisContext,
  id: string,
  site?: string,
): Promise<Conversation | null> {
  if (!id) return null;
  const h = await client.hmGet(k.conversation(id, site ?? (await siteOf(id))), ["doc", "rev"]);
  const doc = parse<Conversation & { rev: number }>(h[0]);
  if (!doc) return null;
  // The parsed doc is this read's own: its revision is set on it rather than copied with it into a new object.
  doc.rev = Number(h[1]);
  return doc;
}

// The conversations `ids` of a site, in order (null: gone), in one call (read-conversations-0.lua): a page of rows
// costs one command, one reply and one promise, not one of each per row (an export reads 200,000 rows).
async function getConversations(ctx: RedisContext, siteKey: string, ids: string[]): Promise<(Conversation | null)[]> {
  if (ids.length === 0) return [];
  const reply = (await ctx.run(readConversations, leadSlot(ctx.k, siteKey), [
    ctx.k.conversation("", siteKey),
    ...ids,
  ])) as string[];
  return ids.map((_, i) => {
    const doc = parse<Conversation & { rev: number }>(reply[2 * i]);
    if (doc) doc.rev = Number(reply[2 * i + 1]);
    return doc;
  });
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
  const { cluster } = k;
  const ttl = retentionSeconds;

  const listRepConversations = async (repId: string) => {
    const ids = (await client.sMembers(k.repConversations(repId))).sort();
    const gone = await expired(ids);
    if (gone.length > 0) await client.sRem(k.repConversations(repId), gone);
    return ids.filter((id) => !gone.includes(id));
  };

  // On a cluster, what the scripts cannot reach from the site's slot (keys.ts), written right after the
  // conversation, each write idempotent: its email indexes, which span sites, and how long its site is known.
  // Erasure meanwhile can leave its id in an email index, which listEmailConversations drops as expired.
  const afterWrite = async (c: Conversation) => {
    const emails = subjectEmails(c).map(k.emailConversations);
    const own = k.conversationEmailIndexes(c.id, c.siteKey);
    await Promise.all([
      client.expire(k.conversationSite(c.id), ttl),
      ...emails.map((key) => client.multi().sAdd(key, c.id).expire(key, ttl, "NX").expire(key, ttl, "GT").exec()),
      emails.length > 0 ? client.multi().sAdd(own, emails).expire(own, ttl).exec() : null,
    ]);
  };
  const pinned = pinnedPlaybooks(ctx);
  const funnelWritten: FunnelWritten = new Map();
  const leadWritten: LeadWritten = new Map();
  const countLimits = redisLimits(ctx).hits;

  // The end of both writing scripts' ARGV (create-conversation-8.lua, write-conversation-11.lua): how many rate
  // counters, each one's limit and window, the lines (lib-lines.lua), then the conversation's leads index entry,
  // its activity index terms and its funnel payload (lib-indexes.lua reads the first two).
  const writtenArgs = async (c: Conversation, limits: LimitHit[], lines: MessageDraft[]) => [
    String(limits.length),
    ...limits.flatMap((l) => [String(l.limit), String(l.windowMs)]),
    ...appendArgs(lines),
    leadIndexArg(k, c, leadWritten),
    activityArg(k, c),
    funnelPayload(k, c, await pinned(c), retentionSeconds, funnelWritten),
  ];

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
    if (cluster) return writeOnCluster(next, previousRepId, lines, firstSeq, capacity, limits);
    return script(next, previousRepId ?? "", lines, firstSeq, capacity, limits, true);
  };

  const script = async (
    next: Conversation,
    previousRepId: string,
    lines: MessageDraft[],
    firstSeq: number | undefined,
    capacity: number | undefined,
    limits: LimitHit[],
    withOtherSlots: boolean,
  ) => {
    const { rev, ...doc } = next;
    const site = next.siteKey;
    const rep = withOtherSlots ? (next.repId ?? "") : "";
    // Without a rep, the rep keys are not touched: any key in the slot will do.
    const unused = k.conversation(next.id, site);
    return (await run(
      writeConversation,
      [
        k.conversation(next.id, site),
        k.queue(site),
        rep ? k.repConversations(rep) : unused,
        k.visitorConversation(site, next.visitorId),
        previousRepId ? k.repConversations(previousRepId) : unused,
        k.visitorConversations(site, next.visitorId),
        k.notes(next.id, site),
        k.conversationEmailIndexes(next.id, site),
        k.messages(next.id, site),
        k.clientIds(next.id, site),
        k.seq(next.id, site),
        ...(withOtherSlots ? subjectEmails(next).map(k.emailConversations) : []),
        ...limits.map((l) => k.rate(l.key)),
        ...counterHashes(counterDay(next)).map((name) => k.funnelHash(site, name)),
      ],
      [
        String(rev),
        JSON.stringify(doc),
        next.status,
        next.id,
        String(next.queuedAt ?? 0),
        rep,
        String(retentionSeconds),
        previousRepId,
        firstSeq === undefined ? "" : String(firstSeq),
        capacity === undefined || !rep ? "" : String(capacity),
        k.conversation("", site),
        ...(await writtenArgs(next, limits, lines)),
      ],
    )) as number | AppendReply;
  };

  // On a cluster a rep's live conversations span sites, so they are kept apart from the script. A place within
  // the rep's capacity is taken first (take-rep-place-1.lua, after dropping expired conversations as the script
  // would not count them), and given back when the write loses; after a write that won, the rep's and the
  // previous rep's sets follow it.
  const writeOnCluster = async (
    next: Conversation,
    previousRepId: string | undefined,
    lines: MessageDraft[],
    firstSeq: number | undefined,
    capacity: number | undefined,
    limits: LimitHit[],
  ) => {
    // A turn's rate counters are each in their own slot: counted first, apart, as the script would (in order, the
    // first that refuses stops the rest), and a refusal writes nothing. A write refused below (-1) has counted, as
    // on one Redis.
    if (limits.length > 0) {
      const counted = await countLimits(limits);
      if (!counted.allowed) return [-3, counted.retryAfterMs] as AppendReply;
    }
    const rep = next.repId ?? "";
    const live = next.status === "live" && rep !== "";
    let reserved = false;
    if (live && capacity !== undefined) {
      await listRepConversations(rep);
      const taken = Number(await run(takeRepPlace, [k.repConversations(rep)], [next.id, String(capacity)]));
      if (taken === 0) return -2;
      reserved = taken === 1;
    }
    const reply = await script(next, "", lines, firstSeq, undefined, [], false);
    if (!Array.isArray(reply)) {
      if (reserved) await client.sRem(k.repConversations(rep), next.id);
      return reply;
    }
    const previous = previousRepId ?? "";
    await Promise.all([
      rep && live ? client.sAdd(k.repConversations(rep), next.id) : null,
      rep && !live ? client.sRem(k.repConversations(rep), next.id) : null,
      previous && (previous !== rep || !live) ? client.sRem(k.repConversations(previous), next.id) : null,
      afterWrite(next),
    ]);
    return reply;
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

  // create-conversation-8.lua: the conversation stored with `lines` after counting `limits` (on a cluster,
  // counted apart first, as writeOnCluster does), or the id of the visitor's open conversation that kept it from
  // being stored (`existing`: nothing is written).
  const create = async (
    conversation: Conversation,
    lines: MessageDraft[],
    limits: LimitHit[],
  ): Promise<
    { conversation: Conversation; said: AppendResult[] } | { retryAfterMs: number } | { existing: string }
  > => {
    if (cluster && limits.length > 0) {
      const counted = await countLimits(limits);
      if (!counted.allowed) return { retryAfterMs: counted.retryAfterMs };
    }
    const { rev: _rev, ...doc } = conversation;
    const site = conversation.siteKey;
    const id = conversation.id;
    // On a cluster the site is recorded first, so that any process can find the conversation by id.
    if (cluster) await client.set(k.conversationSite(id), site, { expiration: { type: "EX", value: ttl } });
    const inScript = cluster ? [] : limits;
    const reply = (await run(
      createConversation,
      [
        k.visitorConversation(site, conversation.visitorId),
        k.conversation(id, site),
        k.siteConversations(site),
        k.visitorConversations(site, conversation.visitorId),
        k.conversationEmailIndexes(id, site),
        k.messages(id, site),
        k.clientIds(id, site),
        k.seq(id, site),
        ...(cluster ? [] : subjectEmails(conversation).map(k.emailConversations)),
        ...inScript.map((l) => k.rate(l.key)),
        ...counterHashes(counterDay(conversation)).map((name) => k.funnelHash(site, name)),
      ],
      [
        id,
        JSON.stringify(doc),
        conversation.status,
        String(retentionSeconds),
        k.conversation("", site),
        String(conversation.createdAt),
        ...(await writtenArgs(conversation, inScript, lines)),
      ],
    )) as AppendReply;
    if (Number(reply[0]) === -3) return { retryAfterMs: Number(reply[1]) };
    if (Number(reply[1]) !== 1) return { existing: String(reply[0]) };
    if (cluster) await afterWrite(conversation);
    // Stored as given: its doc is not read back.
    return { conversation: { ...conversation, rev: 1 }, said: appended(lines, reply, 2) };
  };

  const store: ConversationsStore = {
    updateConversationTurn: async (next, previousRepId, lines, firstSeq, limits) => {
      const reply = await write(next, previousRepId, lines, firstSeq, undefined, limits);
      if (!Array.isArray(reply)) return null;
      if (Number(reply[0]) === -3) return { retryAfterMs: Number(reply[1]) };
      return { conversation: { ...next, rev: Number(reply[0]) }, said: appended(lines, reply, 1) };
    },
    async createConversation(conversation) {
      const created = await create(conversation, [], []);
      if ("conversation" in created) return created.conversation;
      if ("retryAfterMs" in created) throw new Error("no limit was counted");
      const stored = await getConversation(ctx, created.existing);
      if (!stored) throw new Error(`conversation ${created.existing} vanished while being opened`);
      return stored;
    },
    async createConversationTurn(conversation, lines, limits) {
      const created = await create(conversation, lines, limits);
      return "existing" in created ? "exists" : created;
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
        if (gone.length > 0) await Promise.all([client.zRem(key, gone), unindexConversations(ctx, siteKey, gone)]);
        const read = await Promise.all(ids.filter((id) => !gone.includes(id)).map((id) => getConversation(ctx, id)));
        found.push(...read.filter((c): c is Conversation => c !== null));
        const last = page.at(-1);
        if (page.length < want || !last) break;
        from = { createdAt: last.score, id: last.value };
      }
      return found;
    },
    async queryLeadRows({ siteKey, terms, from, to, after, limit, dir = "desc" }) {
      const found: Conversation[] = [];
      let cursor = after;
      for (;;) {
        const reply = (await run(queryLeads, leadSlot(k, siteKey), [
          k.leadIndex(siteKey),
          JSON.stringify(terms.map(leadTermKey)),
          from === undefined ? "" : String(from),
          to === undefined ? "" : String(to),
          cursor ? String(cursor.createdAt) : "",
          cursor?.id ?? "",
          String(limit - found.length),
          String(leadScan.maxScan),
          dir,
        ])) as (string | number)[];
        const ids = reply
          .slice(3)
          .filter((_, i) => i % 2 === 0)
          .map(String);
        const read = await getConversations(ctx, siteKey, ids);
        // Expired since the index was written: taken off, and the page read on further.
        const gone = ids.filter((_, i) => read[i] === null);
        if (gone.length > 0) await unindexConversations(ctx, siteKey, gone);
        found.push(...read.filter((c): c is Conversation => c !== null));
        if (Number(reply[0]) === 1 || found.length >= limit) return found;
        if (reply[2]) cursor = { createdAt: Number(reply[1]), id: String(reply[2]) };
      }
    },
    async sortedLeadRows({ siteKey, terms, from, to, sort, dir, after, limit }) {
      const found: { row: Conversation; at: string }[] = [];
      let cursor = after ?? "";
      for (;;) {
        const reply = (await run(sortLeads, leadSlot(k, siteKey), [
          k.leadIndex(siteKey),
          JSON.stringify(terms.map(leadTermKey)),
          from === undefined ? "" : String(from),
          to === undefined ? "" : String(to),
          leadSortKey(sort),
          dir,
          cursor,
          String(limit - found.length),
          String(leadScan.maxScan),
          String(leadScan.fewRows),
          String(leadScan.orderRows),
        ])) as string[];
        let members = reply.slice(2).map(String);
        const few = Number(reply[0]) === 2;
        if (few) {
          // Every row of the filter: ordered here, and read from the cursor on until the page is full.
          members = members
            .filter((m) => cursor === "" || compareMembers(cursor, m, dir) < 0)
            .sort((a, b) => compareMembers(a, b, dir));
        }
        let i = 0;
        while (i < members.length && found.length < limit) {
          const slice = members.slice(i, i + limit - found.length);
          i += slice.length;
          const read = await getConversations(
            ctx,
            siteKey,
            slice.map((m) => memberRow(m).id),
          );
          // Expired since the index was written: taken off, and the page read on further.
          const gone = slice.filter((_, j) => read[j] === null).map((m) => memberRow(m).id);
          if (gone.length > 0) await unindexConversations(ctx, siteKey, gone);
          read.forEach((row, j) => {
            if (row) found.push({ row, at: slice[j] as string });
          });
        }
        if (few || Number(reply[0]) === 1 || found.length >= limit) return found;
        cursor = String(reply[1]);
      }
    },
    async countLeadRows({ siteKey, terms, from, to }) {
      return Number(
        await run(countLeads, leadSlot(k, siteKey), [
          k.leadIndex(siteKey),
          JSON.stringify(terms.map(leadTermKey)),
          from === undefined ? "" : String(from),
          to === undefined ? "" : String(to),
        ]),
      );
    },
    async backfillLeadIndex(siteKey) {
      let filed = 0;
      let after: ConversationPosition | undefined;
      for (;;) {
        const page = await store.listConversations(siteKey, 500, after);
        // HMGET takes at least one field: an empty page (no conversations, or a multiple of 500) reads nothing.
        const known =
          page.length === 0
            ? []
            : await client.hmGet(
                `${k.leadIndex(siteKey)}reg`,
                page.map((c) => c.id),
              );
        // Not filed, or filed before the sorts (an entry without its sort members: index-lead-1.lua upgrades it).
        const missing = page.filter((_, i) => known[i] === null || !parse<{ s?: unknown }>(known[i])?.s);
        const done = await Promise.all(
          missing.map((c) =>
            run(indexLead, [k.conversation(c.id, siteKey)], [c.id, String(c.rev), leadIndexArg(k, c)]),
          ),
        );
        filed += done.filter((x) => Number(x) === 1).length;
        const last = page.at(-1);
        if (page.length < 500 || !last) {
          // Every row is in the sort sets and the pair counts now: totals may read the counts (count-leads-0.lua).
          if (await client.exists(`${k.leadIndex(siteKey)}reg`))
            await client.set(`${k.leadIndex(siteKey)}counted`, "1");
          return filed;
        }
        after = { createdAt: last.createdAt, id: last.id };
      }
    },
    async queryActivity({ siteKey, terms, after, limit }) {
      const found: ActivityPosition[] = [];
      let cursor = after;
      for (;;) {
        // The leads' page script pages any of a site's term sets (query-leads-0.lua), here by updatedAt.
        const reply = (await run(queryLeads, leadSlot(k, siteKey), [
          k.activityIndex(siteKey),
          JSON.stringify(terms.map(leadTermKey)),
          "",
          "",
          cursor ? String(cursor.updatedAt) : "",
          cursor?.id ?? "",
          String(limit - found.length),
          String(leadScan.maxScan),
        ])) as (string | number)[];
        const page = reply
          .slice(3)
          .flatMap((v, i, all) => (i % 2 === 0 ? [{ id: String(v), updatedAt: Number(all[i + 1]) }] : []));
        // Expired since the index was written: taken off, and the page read on further. The site is known, so
        // existence is asked of the conversation's own key (its slot on a cluster).
        const there = await Promise.all(page.map((p) => client.exists(k.conversation(p.id, siteKey))));
        const gone = page.filter((_, i) => Number(there[i]) === 0).map((p) => p.id);
        if (gone.length > 0) await unindexConversations(ctx, siteKey, gone);
        found.push(...page.filter((_, i) => Number(there[i]) !== 0));
        if (Number(reply[0]) === 1 || found.length >= limit) return found;
        if (reply[2]) cursor = { updatedAt: Number(reply[1]), id: String(reply[2]) };
      }
    },
    async countActivity({ siteKey, terms }) {
      const names = terms.map((t) => `${k.activityIndex(siteKey)}${leadTermKey(t)}`);
      const [one] = names;
      if (!one) return 0;
      return names.length === 1 ? client.zCard(one) : client.zInterCard(names);
    },
    async backfillActivityIndex(siteKey) {
      const reg = `${k.activityIndex(siteKey)}reg`;
      const site = k.siteConversations(siteKey);
      let filed = 0;
      let after: ConversationPosition | undefined;
      // The site's list of ids, a page at a time; only the conversations the index lacks are read.
      for (;;) {
        const page = after
          ? await olderThan(ctx, site, after, 500)
          : await client.zRangeWithScores(site, 0, 499, { REV: true });
        const known =
          page.length > 0
            ? await client.hmGet(
                reg,
                page.map((m) => m.value),
              )
            : [];
        const missing = await Promise.all(
          page.filter((_, i) => known[i] === null).map((m) => getConversation(ctx, m.value)),
        );
        const done = await Promise.all(
          missing.flatMap((c) =>
            c ? [run(indexActivity, [k.conversation(c.id, siteKey)], [c.id, String(c.rev), activityArg(k, c)])] : [],
          ),
        );
        filed += done.filter((x) => Number(x) === 1).length;
        const last = page.at(-1);
        if (page.length < 500 || !last) return filed;
        after = { createdAt: last.score, id: last.value };
      }
    },
    // Each person's ids (sent together: one write), then every doc in one script call (read-conversations-0.lua).
    async listPersonConversations(siteKey, personKeys) {
      const idsOf = await Promise.all(
        personKeys.map((p) => client.zRange(`${k.leadIndex(siteKey)}${leadPersonKey(p)}`, 0, -1, { REV: true })),
      );
      const ids = idsOf.flat();
      const read = await getConversations(ctx, siteKey, ids);
      const gone = ids.filter((_, i) => read[i] === null);
      if (gone.length > 0) await unindexConversations(ctx, siteKey, gone);
      let from = 0;
      return idsOf.map((some) => {
        const mine = read.slice(from, from + some.length);
        from += some.length;
        return mine.filter((c): c is Conversation => c !== null);
      });
    },
    listRepConversations,
  };
  return store;
}
