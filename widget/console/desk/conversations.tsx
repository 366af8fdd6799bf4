// This rep's conversations, one button each; the open one is marked with aria-current. The button's text is its
// accessible name, so the unread count and the typing marker carry words for screen readers.

import { leadName, outcomeLabel } from "../lead/labels.ts";
import { type Chat, unreadCount } from "./console-state.ts";

export function Conversations(props: { chats: Chat[]; selectedId?: string; onOpen(id: string): void }) {
  return (
    <section class="console-conversations" aria-labelledby="conversations-heading">
      <h2 id="conversations-heading" tabIndex={-1}>
        Conversations
      </h2>
      {props.chats.length === 0 ? (
        <p class="console-empty">No conversations yet</p>
      ) : (
        <ul class="console-conversation-list">
          {props.chats.map((chat) => {
            const id = chat.lead.conversationId;
            const unread = unreadCount(chat);
            return (
              <li key={id}>
                <button
                  type="button"
                  class="console-conversation"
                  aria-current={id === props.selectedId ? "true" : undefined}
                  data-status={chat.status}
                  onClick={() => props.onOpen(id)}
                >
                  <span class="console-conversation-name">{leadName(chat.lead)}</span>
                  <span class="console-conversation-site">{chat.lead.siteName}</span>
                  {chat.status === "closed" && (
                    <span class="console-conversation-state">
                      {chat.lead.outcome ? `Closed: ${outcomeLabel[chat.lead.outcome]}` : "Closed"}
                    </span>
                  )}
                  {chat.lead.missedHandoff && <span class="console-conversation-state">Missed handoff</span>}
                  {chat.visitorTyping && (
                    <span class="console-conversation-typing">
                      <span aria-hidden="true">typing…</span>
                      <span class="banter-sr">, visitor is typing</span>
                    </span>
                  )}
                  {unread > 0 && (
                    <span class="console-unread">
                      {unread}
                      <span class="banter-sr"> unread</span>
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
