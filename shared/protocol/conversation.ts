// A conversation on the wire: its messages, status, typing and place in the queue.
import type { Qualification } from "./qualification.ts";

export type Author = "visitor" | "bot" | "rep" | "system";

export interface QuickReply {
  value: string;
  label: string;
}

// A message as stored and sent. `seq` is assigned by the server per conversation and starts at 1; `clientId` is
// the sender's idempotency key (bot and system messages get ids derived from what caused them).
export interface Message {
  conversationId: string;
  seq: number;
  clientId: string;
  author: Author;
  authorName?: string;
  text: string;
  at: number;
  // Quick replies offered with a bot question; the widget shows those of the latest bot message.
  options?: QuickReply[];
  // A link to follow (the site's booking page); clients show it as a link only if it is http(s).
  link?: { url: string; label: string };
}

// bot: the playbook is running; queued: hot, waiting for a rep; live: a rep has accepted; closed: ended.
export type ConversationStatus = "bot" | "queued" | "live" | "closed";

// How a rep closes a conversation: what came of it.
export type Outcome = "meeting-booked" | "qualified" | "not-a-fit" | "no-response";

export const outcomes: readonly Outcome[] = ["meeting-booked", "qualified", "not-a-fit", "no-response"];

// The visitor's place in the queue for a rep, and an honest estimate (null when there is no history yet).
export interface QueueState {
  conversationId: string;
  position: number;
  estimateMs: number | null;
}

export interface ConversationView {
  id: string;
  siteKey: string;
  status: ConversationStatus;
  repName?: string;
  lastSeq: number;
  // The highest seq the rep has read: the visitor's messages up to it show as read.
  repReadSeq: number;
  // Set once the bot has finished qualifying (whatever the outcome), so the host page can hear it through the
  // widget's `qualified` event. Score and labels only: the reasons stay with the reps.
  qualification?: Pick<Qualification, "tier" | "score" | "stage">;
  // The visitor has rated the chat (conversation:rate), so the widget does not ask again, after a reload too.
  rated?: true;
}

// Someone is typing (or stopped). Not stored: a lost one only delays the indicator.
export interface Typing {
  conversationId: string;
  author: "visitor" | "rep";
  name?: string;
  typing: boolean;
}
