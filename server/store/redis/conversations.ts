import type { Conversation, ConversationsStore } from "../contract/conversations.ts";
import type { MessageDraft } from "../contract/messages.ts";
import { subjectEmails } from "../subject.ts";
import { lua, parse, type RedisContext } from "./context.ts";
import { type AppendReply, appendArgs, appended } from "./messages.ts";

const createConversation = lua("create-conversation-5");
const writeConversation = lua("write-conversation-11");

// The lists and erasure read conversations too.
export async function getConversation({ client, k }: RedisContext, id: string): Promise<Conversation | null> {
  if (!id) return null;
  const h = await client.hmGet(k.conversation(id), ["doc", "rev"]);
  const doc = parse<Conversation>(h[0]);
  return doc ? { ...doc, rev: Number(h[1]) } : null;
}

export function redisConversations(ctx: RedisContext): ConversationsStore {
  const { client, k, run, retentionSeconds, expired } = ctx;

  // write-conversation-11.lua: -1 for a lost compare-and-set (or a first line that would not get `firstSeq`), -2
  // when the rep has no room (`capacity`), else the new rev and what was said.
  const write = async (
    next: Conversation,
    previousRepId: string | undefined,
    lines: MessageDraft[],
    firstSeq?: number,
    capacity?: number,
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
        ...appendArgs(lines),
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

  return {
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
          ],
          [
            conversation.id,
            JSON.stringify(doc),
            conversation.status,
            String(retentionSeconds),
            k.conversation(""),
            String(conversation.createdAt),
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
    async listConversations(siteKey, limit) {
      const ids = await client.zRange(k.siteConversations(siteKey), 0, limit - 1, { REV: true });
      const gone = await expired(ids);
      if (gone.length > 0) await client.zRem(k.siteConversations(siteKey), gone);
      const all = await Promise.all(ids.filter((id) => !gone.includes(id)).map((id) => getConversation(ctx, id)));
      return all.filter((c): c is Conversation => c !== null);
    },
    async listRepConversations(repId) {
      const ids = (await client.sMembers(k.repConversations(repId))).sort();
      const gone = await expired(ids);
      if (gone.length > 0) await client.sRem(k.repConversations(repId), gone);
      return ids.filter((id) => !gone.includes(id));
    },
  };
}
