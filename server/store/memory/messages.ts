import type { Message } from "../../../shared/protocol/index.ts";
import { type AppendResult, type MessageDraft, type MessagesStore, maxMessagesPerRead } from "../contract/messages.ts";
import { copy, type MemoryState, setOf } from "./state.ts";

// One message appended, synchronously, so that one store call can do several writes with nothing else in between
// (a bot turn's state and its lines, conversations.ts).
export function appendNow({ threads }: MemoryState, draft: MessageDraft): AppendResult {
  const thread = setOf(threads, draft.conversationId, () => ({ messages: [], seqByClientId: new Map() }));
  const seen = thread.seqByClientId.get(draft.clientId);
  if (seen !== undefined) {
    return { message: copy(thread.messages[seen - 1] as Message), duplicate: true };
  }
  const message: Message = { ...copy(draft), seq: thread.messages.length + 1 };
  thread.messages.push(message);
  thread.seqByClientId.set(draft.clientId, message.seq);
  return { message: copy(message), duplicate: false };
}

export function memoryMessages(state: MemoryState): MessagesStore {
  const { threads, conversations, notes } = state;
  return {
    async appendMessage(draft: MessageDraft) {
      return appendNow(state, draft);
    },
    async appendMessages(drafts) {
      return drafts.map((d) => appendNow(state, d));
    },
    async listMessages(conversationId, afterSeq, limit = maxMessagesPerRead) {
      const all = threads.get(conversationId)?.messages ?? [];
      return all.slice(Math.max(0, afterSeq), Math.max(0, afterSeq) + limit).map(copy);
    },
    async findMessage(conversationId, clientId) {
      const thread = threads.get(conversationId);
      const seq = thread?.seqByClientId.get(clientId);
      return seq === undefined ? null : copy(thread?.messages[seq - 1] as Message);
    },
    async lastSeq(conversationId) {
      return threads.get(conversationId)?.messages.length ?? 0;
    },

    async addNote(note, max) {
      if (!conversations.has(note.conversationId)) return "missing";
      const list = setOf(notes, note.conversationId, () => []);
      if (list.length >= max) return "full";
      list.push(copy(note));
      return "added";
    },
    async listNotes(conversationId) {
      return (notes.get(conversationId) ?? []).map(copy);
    },
  };
}
