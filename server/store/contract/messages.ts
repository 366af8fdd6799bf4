// A conversation's messages (each with the next seq, once per clientId) and its internal notes.
import type { Message, Note } from "../../../shared/protocol/index.ts";

export type MessageDraft = Omit<Message, "seq">;

export interface AppendResult {
  message: Message;
  // True when this clientId was stored before: the stored message is returned unchanged.
  duplicate: boolean;
}

export const maxMessagesPerRead = 500;

export interface MessagesStore {
  // Assigns the next seq unless draft.clientId was seen in this conversation before.
  appendMessage(draft: MessageDraft): Promise<AppendResult>;
  // Several messages of one conversation in one step, in order, each as appendMessage would (a bot turn's lines).
  appendMessages(drafts: MessageDraft[]): Promise<AppendResult[]>;
  listMessages(conversationId: string, afterSeq: number, limit?: number): Promise<Message[]>;
  // The stored message a clientId names, if any (a resend).
  findMessage(conversationId: string, clientId: string): Promise<Message | null>;
  lastSeq(conversationId: string): Promise<number>;

  // Internal notes on a conversation (never sent to the visitor), oldest first, kept as long as the conversation.
  // Not stored when the conversation does not exist (or expired), nor past `max` notes (checked atomically).
  addNote(note: Note, max: number): Promise<"added" | "missing" | "full">;
  listNotes(conversationId: string): Promise<Note[]>;
}
