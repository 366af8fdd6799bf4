// A conversation's whole transcript, a store read at a time. Bounded: a runaway conversation is cut, not the
// server.
import type { Message } from "../../shared/protocol/index.ts";
import { type MessagesStore, maxMessagesPerRead } from "../store/types.ts";

export const maxTranscript = 5000;

export async function readTranscript(store: MessagesStore, conversationId: string): Promise<Message[]> {
  const messages: Message[] = [];
  while (messages.length < maxTranscript) {
    const batch = await store.listMessages(conversationId, messages.at(-1)?.seq ?? 0, maxMessagesPerRead);
    messages.push(...batch);
    if (batch.length < maxMessagesPerRead) break;
  }
  return messages;
}
