// The rep's desk ("#/chats"): ringing offers and my conversations side by side with the open conversation.
import { useEffect } from "preact/hooks";
import type { RepPresence } from "../../../shared/protocol/index.ts";
import { selectedChat } from "./console-state.ts";
import { ConversationPane } from "./conversation-pane.tsx";
import { Conversations } from "./conversations.tsx";
import { Offers } from "./offers.tsx";
import type { useRepSocket } from "./use-rep-socket.ts";

// `openId`: "#/chats/<id>" (the inbox's "Open live chat") opens that conversation once it is among my chats.
export function Desk({ rep, now, openId }: { rep: ReturnType<typeof useRepSocket>; now: number; openId?: string }) {
  const { state } = rep;
  const chat = selectedChat(state);
  const routed = openId ? state.chats.some((c) => c.lead.conversationId === openId) : false;

  useEffect(() => {
    if (openId && routed) void rep.open(openId);
  }, [openId, routed]);

  // A transferred conversation leaves the page with its pane: focus goes to the list it left.
  const transfer = async (conversationId: string, to: RepPresence) => {
    const failed = await rep.transfer(conversationId, to);
    if (!failed) setTimeout(() => document.getElementById("conversations-heading")?.focus(), 0);
    return failed;
  };

  return (
    <div class="console-layout">
      <h1 id="page-heading" class="banter-sr" tabIndex={-1}>
        Chats
      </h1>
      <div class="console-lists">
        <Offers
          offers={state.offers}
          now={now}
          onAccept={rep.accept}
          onDecline={rep.decline}
          loadTranscript={rep.preview}
        />
        <Conversations chats={state.chats} selectedId={state.selectedId} onOpen={rep.open} />
      </div>
      {chat ? (
        <ConversationPane
          chat={chat}
          now={now}
          online={state.connection === "online"}
          onSend={(text) => rep.send(chat.lead.conversationId, text)}
          onRetry={(clientId, text) => rep.retry(chat.lead.conversationId, clientId, text)}
          onClose={(outcome) => rep.close(chat.lead.conversationId, outcome)}
          team={state.team}
          myId={state.me?.id}
          onLoadTeam={rep.loadTeam}
          onTransfer={(to) => transfer(chat.lead.conversationId, to)}
          onTyping={rep.setTyping}
          onSeen={rep.seen}
        />
      ) : (
        <section class="console-pane console-pane-empty" aria-label="Conversation">
          <p>Accept an offer or pick a conversation to start chatting.</p>
        </section>
      )}
    </div>
  );
}
