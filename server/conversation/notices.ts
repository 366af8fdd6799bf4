// What the people in a conversation are told of it, by the service and routing alike: a line stored and published
// once, and the conversation as they see it.
import type { ConversationView, Message } from "../../shared/protocol/index.ts";
import type { Conversation, MessageDraft, MessagesStore } from "../store/types.ts";
import type { Publisher } from "./events.ts";
import { conversationView } from "./lead-card.ts";

export function notices(store: MessagesStore, publish: Publisher) {
  // A line is stored once per clientId, and published the time it is stored (a retried step says nothing twice).
  async function append(draft: MessageDraft): Promise<Message> {
    const { message, duplicate } = await store.appendMessage(draft);
    if (!duplicate) publish.message(message);
    return message;
  }

  async function view(c: Conversation): Promise<ConversationView> {
    return conversationView(c, await store.lastSeq(c.id));
  }

  return {
    append,
    view,
    // The conversation's new state (a status, a rep, a read mark), to everyone in it.
    async show(c: Conversation): Promise<void> {
      publish.conversation(await view(c));
    },
  };
}

export type Notices = ReturnType<typeof notices>;
