// What the chat app shows, as the conversation (conversation.ts) keeps it: apart from it, so that what reads the
// state (the host page's events, the views) needs nothing else of it.
import type { ConversationStatus, ConversationView, Message, QueueState } from "../../shared/protocol/index.ts";
import type { Pending } from "../transport/outbox.ts";
import type { SavedSend } from "./outbox-store.ts";

export type Outgoing = Pending<SavedSend>;

// connecting: before the first join; online: joined; reconnecting: lost, socket.io is retrying;
// refused: the server turned the handshake down (unknown site, forbidden origin) and will not be retried.
export type Link = "connecting" | "online" | "reconnecting" | "refused";

export interface ChatState {
  conversationId: string | null;
  status: ConversationStatus | null;
  repName?: string;
  // The visitor's messages up to this seq have been read by the rep.
  repReadSeq: number;
  // Who on the rep's side is typing right now, or null.
  repTyping: string | null;
  // Place in line while waiting for a rep, from the last queue:updated; null when unknown or not waiting.
  queue: QueueState | null;
  // Set once the bot has qualified the lead.
  qualification?: ConversationView["qualification"];
  // The visitor rated the chat with its rep (the server says so, after a reload too).
  rated?: boolean;
  messages: Message[];
  outbox: Outgoing[];
  link: Link;
  error: string | null;
}
