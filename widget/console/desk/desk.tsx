// The rep's desk ("#/chats"), three panes that each scroll on their own while the page stays put: ringing offers
// and my conversations, the open conversation with its reply box, and the lead. On a phone, one pane at a time.
import type { ComponentType } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { RepPresence } from "../../../shared/protocol/index.ts";
import { selectedChat } from "./console-state.ts";
import { ConversationPane } from "./conversation-pane.tsx";
import { Conversations } from "./conversations.tsx";
import { LeadPanel } from "./lead-panel.tsx";
import { Offers } from "./offers.tsx";
import { useShortcuts } from "./shortcuts.ts";
import { SoundNotice } from "./sound-notice.tsx";
import type { useRepSocket } from "./use-rep-socket.ts";

type View = "list" | "chat" | "lead";
type Help = ComponentType<{ onDone(): void; returnFocus: { current: HTMLElement | null } }>;

// The same width as desk.css's media query: below it the desk shows one pane at a time.
const phoneQuery = "(max-width: 899px)";

function usePhone(): boolean {
  const [phone, setPhone] = useState(() => matchMedia(phoneQuery).matches);
  useEffect(() => {
    const media = matchMedia(phoneQuery);
    const changed = () => setPhone(media.matches);
    media.addEventListener("change", changed);
    return () => media.removeEventListener("change", changed);
  }, []);
  return phone;
}

// `openId`: "#/chats/<id>" (the inbox's "Open live chat") opens that conversation once it is among my chats.
export function Desk({ rep, now, openId }: { rep: ReturnType<typeof useRepSocket>; now: number; openId?: string }) {
  const { state } = rep;
  const chat = selectedChat(state);
  const routed = openId ? state.chats.some((c) => c.lead.conversationId === openId) : false;
  const phone = usePhone();
  const [view, setView] = useState<View>("list");
  const shown: View = chat ? view : "list";
  const [help, setHelp] = useState<Help | "failed" | undefined>(undefined);
  const helpFrom = useRef<HTMLElement | null>(null);
  // The list of keys is its own chunk: most visits never open it.
  const showHelp = (from: Element | null) => {
    helpFrom.current = from instanceof HTMLElement ? from : null;
    import("./shortcuts-dialog.tsx").then(
      (m) => setHelp(() => m.ShortcutsDialog),
      () => setHelp("failed"),
    );
  };
  const Help = typeof help === "function" ? help : undefined;

  useEffect(() => {
    if (openId && routed) void rep.open(openId);
  }, [openId, routed]);

  // Opening or accepting a conversation shows it (on a phone the list makes way).
  useEffect(() => {
    if (state.selectedId) setView("chat");
  }, [state.selectedId]);

  const open = (id: string) => {
    setView("chat");
    void rep.open(id);
  };

  // On a phone each view change moves focus to the heading of the pane now shown.
  const go = (to: View, heading: string) => {
    setView(to);
    setTimeout(() => document.getElementById(heading)?.focus(), 0);
  };

  const step = (by: 1 | -1) => {
    const ids = state.chats.map((c) => c.lead.conversationId);
    const at = state.selectedId ? ids.indexOf(state.selectedId) : -1;
    const next = ids[at === -1 ? (by === 1 ? 0 : ids.length - 1) : at + by];
    if (next) open(next);
  };

  useShortcuts({
    a: () => {
      const first = state.offers[0];
      if (first) void rep.accept(first.conversationId);
    },
    j: () => step(1),
    k: () => step(-1),
    "?": () => showHelp(document.activeElement),
  });

  // A transferred conversation leaves the page with its pane: focus goes to the list it left.
  const transfer = async (conversationId: string, to: RepPresence) => {
    const failed = await rep.transfer(conversationId, to);
    if (!failed) go("list", "conversations-heading");
    return failed;
  };

  return (
    <div class="desk" data-view={shown}>
      <h1 id="page-heading" class="banter-sr" tabIndex={-1}>
        Chats
      </h1>
      <SoundNotice />
      <div class="desk-panes">
        <div class="desk-list">
          <Offers
            offers={state.offers}
            now={now}
            onAccept={rep.accept}
            onDecline={rep.decline}
            loadTranscript={rep.preview}
          />
          <Conversations chats={state.chats} selectedId={state.selectedId} onOpen={open} />
          <p class="desk-help">
            {help === "failed" && <span role="alert">Shortcuts did not load: reload to try again. </span>}
            <button
              type="button"
              class="console-button-quiet"
              aria-haspopup="dialog"
              onClick={(e) => showHelp(e.currentTarget)}
            >
              Keyboard shortcuts <kbd>?</kbd>
            </button>
          </p>
        </div>
        {chat ? (
          <>
            <ConversationPane
              chat={chat}
              now={now}
              online={state.connection === "online"}
              visible={!phone || shown === "chat"}
              onSend={(text) => rep.send(chat.lead.conversationId, text)}
              onRetry={(clientId, text) => rep.retry(chat.lead.conversationId, clientId, text)}
              onClose={(outcome) => rep.close(chat.lead.conversationId, outcome)}
              team={state.team}
              myId={state.me?.id}
              onLoadTeam={rep.loadTeam}
              onTransfer={(to) => transfer(chat.lead.conversationId, to)}
              onTyping={rep.setTyping}
              onSeen={rep.seen}
              onBack={() => go("list", "conversations-heading")}
              onShowLead={() => go("lead", "lead-heading")}
            />
            <LeadPanel lead={chat.lead} now={now} onBack={() => go("chat", "pane-heading")} />
          </>
        ) : (
          <section class="desk-pane desk-empty" aria-label="Conversation">
            <p>Accept an offer or pick a conversation to start chatting.</p>
          </section>
        )}
      </div>
      {Help && <Help onDone={() => setHelp(undefined)} returnFocus={helpFrom} />}
    </div>
  );
}
