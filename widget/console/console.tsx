// The logged-in console: a header with who is signed in and the connection, then offers, conversations and the
// open conversation side by side.
import { useEffect } from "preact/hooks";
import type { RepPresence } from "../../shared/protocol/index.ts";
import { selectedChat } from "./console-state.ts";
import { ConversationPane } from "./conversation-pane.tsx";
import { Conversations } from "./conversations.tsx";
import { Offers } from "./offers.tsx";
import { clearOutbox } from "./outbox.ts";
import { primeAudioOnGesture } from "./ring.ts";
import { StatusToggle } from "./status-toggle.tsx";
import { useNow } from "./use-now.ts";
import { useRepSocket } from "./use-rep-socket.ts";

const connectionText = { connecting: "Connecting…", online: "Online", reconnecting: "Reconnecting…" } as const;

export function Console(props: { token: string; onLogOut(): void; onUnauthorized(message: string): void }) {
  const rep = useRepSocket(props.token, props.onUnauthorized);
  const { state } = rep;
  const now = useNow();
  const chat = selectedChat(state);
  const announcement = state.announcement;

  useEffect(primeAudioOnGesture, []);

  // A transferred conversation leaves the page with its pane: focus goes to the list it left.
  const transfer = async (conversationId: string, to: RepPresence) => {
    const failed = await rep.transfer(conversationId, to);
    if (!failed) setTimeout(() => document.getElementById("conversations-heading")?.focus(), 0);
    return failed;
  };

  const logOut = () => {
    clearOutbox();
    props.onLogOut();
  };

  return (
    <>
      <header class="console-header">
        <h1 class="console-brand">Banter console</h1>
        <p class="console-connection" role="status" data-connection={state.connection}>
          {connectionText[state.connection]}
        </p>
        {state.me && state.status && <StatusToggle status={state.status} onChange={rep.setStatus} />}
        {state.me && <p class="console-me">{state.me.name || state.me.email}</p>}
        <button type="button" class="console-button-quiet" onClick={logOut}>
          Log out
        </button>
      </header>
      <main class="console-main console-layout">
        <div class="console-messages">
          <p role="status" class="console-notice">
            {state.notice}
          </p>
          <div class="console-alert-row">
            <p role="alert" class="console-alert">
              {state.alert}
            </p>
            {state.alert && (
              <button type="button" class="console-button-quiet" onClick={rep.dismissAlert}>
                Dismiss
              </button>
            )}
          </div>
          {/* An odd count adds a no-break space so the same text twice is still a change to announce. */}
          <p aria-live="assertive" class="banter-sr">
            {announcement && announcement.text + (announcement.count % 2 ? "\u00a0" : "")}
          </p>
        </div>
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
      </main>
    </>
  );
}
