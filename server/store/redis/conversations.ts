import type { Conversation, ConversationPosition, ConversationsStore } from "../contract/conversations.ts";
import type { MessageDraft } from "../contract/messages.ts";
import { subjectEmails } from "../subject.ts";
import { lua, parse, type RedisContext } from "./context.ts";
import { type AppendReply, appendArgs, appended } from "./messages.ts";

const createConversation = lua("create-conversation-5");
const writeConversation = lua("write-conversation-11");
const takeRepPlace = lua("take-rep-place-1");

// The lists and erasure read conversations too.
export async function getConversation({ client, k, siteOf }: RedisContext, id: string): Promise<Conversation | null> {
  if (!id) return null;
  const h = await client.hmGet(k.conversation(id, await siteOf(id)), ["doc", "rev"]);
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

  // write-conversation-11.lua: -1 for a lost compare-and-set (or a first line that would not get `firstSeq`), -2
  // when the rep has no room (`capacity`), else the new rev and what was said.
  const write = async (
    next: Conversation,
    previousRepId: string | undefined,
    lines: MessageDraft[],
    firstSeq?: number,
    capacity?: number,
  ) => {
    if (cluster) return writeOnCluster(next, previousRepId, lines, firstSeq, capacity);
    return script(next, previousRepId ?? "", lines, firstSeq, capacity, true);
  };

  const script = async (
    next: Conversation,
    previousRepId: string,
    lines: MessageDraft[],
    firstSeq: number | undefined,
    capacity: number | undefined,
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
        ...appendArgs(lines),
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
    firstSeq?: number,
    capacity?: number,
  ) => {
    const rep = next.repId ?? "";
    const live = next.status === "live" && rep !== "";
    let reserved = false;
    if (live && capacity !== undefined) {
      await listRepConversations(rep);
      const taken = Number(await run(takeRepPlace, [k.repConversations(rep)], [next.id, String(capacity)]));
      if (taken === 0) return -2;
      reserved = taken === 1;
    }
    const reply = await script(next, "", lines, firstSeq, undefined, false);
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

  return {
    async createConversation(conversation) {
      const { rev: _rev, ...doc } = conversation;
      const site = conversation.siteKey;
      // On a cluster the site is recorded first, so that any process can find the conversation by id.
      if (cluster)
        await client.set(k.conversationSite(conversation.id), site, { expiration: { type: "EX", value: ttl } });
      const id = String(
        await run(
          createConversation,
          [
            k.visitorConversation(site, conversation.visitorId),
            k.conversation(conversation.id, site),
            k.siteConversations(site),
            k.visitorConversations(site, conversation.visitorId),
            k.conversationEmailIndexes(conversation.id, site),
            ...(cluster ? [] : subjectEmails(conversation).map(k.emailConversations)),
          ],
          [
            conversation.id,
            JSON.stringify(doc),
            conversation.status,
            String(retentionSeconds),
            k.conversation("", site),
            String(conversation.createdAt),
          ],
        ),
      );
      if (cluster && id === conversation.id) await afterWrite(conversation);
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
        if (gone.length > 0) await client.zRem(key, gone);
        const read = await Promise.all(ids.filter((id) => !gone.includes(id)).map((id) => getConversation(ctx, id)));
        found.push(...read.filter((c): c is Conversation => c !== null));
        const last = page.at(-1);
        if (page.length < want || !last) break;
        from = { createdAt: last.score, id: last.value };
      }
      return found;
    },
    listRepConversations,
  };
}
