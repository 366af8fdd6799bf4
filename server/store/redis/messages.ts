import type { Message, Note } from "../../../shared/protocol/index.ts";
import { type AppendResult, type MessageDraft, type MessagesStore, maxMessagesPerRead } from "../contract/messages.ts";
import { lua, type RedisContext } from "./context.ts";

const appendMessages = lua("append-messages-5", "lib-lines");
const addNote = lua("add-note-2");

// Messages to append, as lib-lines.lua's lines.append reads them (append-messages-5.lua, create-conversation-8.lua,
// write-conversation-11.lua), and what they answer for
// them from `from` on: per message, its seq, a duplicate's stored JSON ("" for a line stored now), and 1 when it
// was a duplicate.
export const appendArgs = (drafts: MessageDraft[]) => drafts.flatMap((d) => [d.clientId, JSON.stringify(d)]);
export type AppendReply = (number | string)[];
// A line stored now is the draft given; only a duplicate's stored copy is parsed.
export const appended = (drafts: MessageDraft[], reply: AppendReply, from: number): AppendResult[] =>
  drafts.map((d, i) => {
    const duplicate = Number(reply[from + 3 * i + 2]) === 1;
    const stored = duplicate ? (JSON.parse(String(reply[from + 3 * i + 1])) as MessageDraft) : d;
    return { message: { ...stored, seq: Number(reply[from + 3 * i]) }, duplicate };
  });

// On a cluster a conversation's keys are named with its site (keys.ts), looked up once per process (siteOf).
export function redisMessages({ client, k, run, retentionSeconds, siteOf }: RedisContext): MessagesStore {
  const listMessages = async (conversationId: string, afterSeq: number, limit = maxMessagesPerRead) => {
    const site = await siteOf(conversationId);
    const rows = await client.zRangeWithScores(k.messages(conversationId, site), `(${afterSeq}`, "+inf", {
      BY: "SCORE",
      LIMIT: { offset: 0, count: limit },
    });
    return rows.map((r) => ({ ...(JSON.parse(r.value) as MessageDraft), seq: r.score }) as Message);
  };
  const append = async (drafts: MessageDraft[]): Promise<AppendResult[]> => {
    const id = drafts[0]?.conversationId;
    if (id === undefined) return [];
    const site = await siteOf(id);
    const keyList = [
      k.conversation(id, site),
      k.conversationEmailIndexes(id, site),
      k.messages(id, site),
      k.clientIds(id, site),
      k.seq(id, site),
    ];
    const reply = (await run(appendMessages, keyList, [
      String(retentionSeconds),
      ...appendArgs(drafts),
    ])) as AppendReply;
    const results = appended(drafts, reply, 0);
    // The conversation's site is known as long as the conversation (which a new message keeps).
    if (site && results.some((r) => !r.duplicate)) await client.expire(k.conversationSite(id), retentionSeconds);
    return results;
  };

  return {
    async appendMessage(draft: MessageDraft): Promise<AppendResult> {
      return (await append([draft]))[0] as AppendResult;
    },
    appendMessages: append,
    listMessages,
    async findMessage(conversationId, clientId) {
      const seq = await client.hGet(k.clientIds(conversationId, await siteOf(conversationId)), clientId);
      if (seq === null || seq === undefined) return null;
      return (await listMessages(conversationId, Number(seq) - 1, 1))[0] ?? null;
    },
    async lastSeq(conversationId) {
      return Number((await client.get(k.seq(conversationId, await siteOf(conversationId)))) ?? 0);
    },

    async addNote(note, max) {
      const id = note.conversationId;
      const site = await siteOf(id);
      const keyList = [k.notes(id, site), k.conversation(id, site)];
      const added = Number(await run(addNote, keyList, [JSON.stringify(note), String(max)]));
      return added === 1 ? "added" : added === -1 ? "full" : "missing";
    },
    async listNotes(conversationId) {
      return (await client.lRange(k.notes(conversationId, await siteOf(conversationId)), 0, -1)).map(
        (json) => JSON.parse(json) as Note,
      );
    },
  };
}
