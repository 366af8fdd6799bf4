import type { Message, Note } from "../../../shared/protocol/index.ts";
import { type AppendResult, type MessageDraft, type MessagesStore, maxMessagesPerRead } from "../contract/messages.ts";
import { lua, type RedisContext } from "./context.ts";

const writeConversation = lua("write-conversation-11");
const addNote = lua("add-note-2");

// Messages to append, as write-conversation-11.lua reads them, and what it answers for them.
export const appendArgs = (drafts: MessageDraft[]) => drafts.flatMap((d) => [d.clientId, JSON.stringify(d)]);
export const appended = (drafts: MessageDraft[], reply: (number | string)[]): AppendResult[] =>
  drafts.map((_, i) => ({
    message: { ...(JSON.parse(String(reply[3 * i + 2])) as MessageDraft), seq: Number(reply[3 * i + 1]) },
    duplicate: Number(reply[3 * i + 3]) === 1,
  }));

export function redisMessages({ client, k, run, retentionSeconds }: RedisContext): MessagesStore {
  const listMessages = async (conversationId: string, afterSeq: number, limit = maxMessagesPerRead) => {
    const rows = await client.zRangeWithScores(k.messages(conversationId), `(${afterSeq}`, "+inf", {
      BY: "SCORE",
      LIMIT: { offset: 0, count: limit },
    });
    return rows.map((r) => ({ ...(JSON.parse(r.value) as MessageDraft), seq: r.score }) as Message);
  };
  const append = async (drafts: MessageDraft[]): Promise<AppendResult[]> => {
    const id = drafts[0]?.conversationId;
    if (id === undefined) return [];
    const unused = k.repConversations("-");
    const reply = (await run(
      writeConversation,
      [
        k.conversation(id),
        ...Array<string>(6).fill(unused),
        k.conversationEmailIndexes(id),
        k.messages(id),
        k.clientIds(id),
        k.seq(id),
      ],
      ["", "", "", "", "", "", String(retentionSeconds), "", "", ...appendArgs(drafts)],
    )) as (number | string)[];
    return appended(drafts, reply);
  };

  return {
    async appendMessage(draft: MessageDraft): Promise<AppendResult> {
      return (await append([draft]))[0] as AppendResult;
    },
    appendMessages: append,
    listMessages,
    async findMessage(conversationId, clientId) {
      const seq = await client.hGet(k.clientIds(conversationId), clientId);
      if (seq === null || seq === undefined) return null;
      return (await listMessages(conversationId, Number(seq) - 1, 1))[0] ?? null;
    },
    async lastSeq(conversationId) {
      return Number((await client.get(k.seq(conversationId))) ?? 0);
    },

    async addNote(note, max) {
      const id = note.conversationId;
      const added = Number(await run(addNote, [k.notes(id), k.conversation(id)], [JSON.stringify(note), String(max)]));
      return added === 1 ? "added" : added === -1 ? "full" : "missing";
    },
    async listNotes(conversationId) {
      return (await client.lRange(k.notes(conversationId), 0, -1)).map((json) => JSON.parse(json) as Note);
    },
  };
}
