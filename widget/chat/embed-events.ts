// What the host page hears from the conversation through Banter('on', ...): worked out from two successive states
// of the chat, so it follows whatever path the news took (a broadcast, an ack, a join after a reconnect).
import type { Author, ConversationView } from "../../shared/protocol/index.ts";
import type { ChatState } from "./chat-state.ts";

export interface ChatEvents {
  // Each new message in the conversation, the visitor's own included (once the server has stored it).
  message: { author: Author; authorName?: string; text: string; at: number };
  // The bot finished qualifying the lead, whatever the outcome.
  qualified: NonNullable<ConversationView["qualification"]>;
  // The lead passed towards a person: queued (waiting for a rep), then live (a rep took the chat).
  handoff: { status: "queued" | "live"; repName?: string };
}

export type Tell = <K extends keyof ChatEvents>(name: K, data: ChatEvents[K]) => void;

// Only changes within one conversation count: the first state of a conversation is where it stood, not news.
export function tellChanges(prev: ChatState, next: ChatState, tell: Tell): void {
  if (next.messages !== prev.messages) {
    const held = new Set(prev.messages.map((m) => `${m.conversationId}:${m.seq}`));
    for (const m of next.messages) {
      if (held.has(`${m.conversationId}:${m.seq}`)) continue;
      tell("message", {
        author: m.author,
        ...(m.authorName ? { authorName: m.authorName } : {}),
        text: m.text,
        at: m.at,
      });
    }
  }
  if (!next.conversationId || next.conversationId !== prev.conversationId) return;
  if (next.qualification && !prev.qualification) tell("qualified", next.qualification);
  if (next.status !== prev.status && (next.status === "queued" || next.status === "live")) {
    tell("handoff", { status: next.status, ...(next.repName ? { repName: next.repName } : {}) });
  }
}
