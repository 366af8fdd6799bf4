// The visitor's panel. It renders what the Conversation holds; every change goes through the server.
import { useEffect, useRef } from "preact/hooks";
import type { SiteConfig } from "../../shared/protocol/index.ts";
import { Composer } from "../ui/composer.tsx";
import { Transcript } from "../ui/transcript.tsx";
import type { Link } from "./chat-state.ts";
import type { Conversation } from "./conversation.ts";
import { displayMessages, quickReplies } from "./display.ts";
import { useFullScreen, wrapTab } from "./full-screen.ts";
import { Header } from "./header.tsx";
import { queueText } from "./queue.ts";
import { QuickReplies } from "./quick-replies.tsx";
import { RatingPrompt } from "./rating.tsx";
import { TranscriptRequest } from "./transcript-request.tsx";
import { useChatState } from "./use-chat-state.ts";

const linkText: Record<Link, string> = {
  connecting: "Connecting…",
  online: "",
  reconnecting: "Reconnecting…",
  refused: "",
};

export function App(props: { conversation: Conversation; site: SiteConfig; onClose(): void }) {
  const { conversation, site, onClose } = props;
  const s = useChatState(conversation);
  const dialogRef = useRef<HTMLDivElement>(null);
  const endedRef = useRef<HTMLParagraphElement>(null);
  const closed = s.status === "closed";
  const replies = quickReplies(s);
  const full = useFullScreen();

  const focusComposer = () => dialogRef.current?.querySelector("textarea")?.focus();

  // Ending (by either side) removes or disables whatever had focus; land on the notice instead of the page body.
  useEffect(() => {
    const ended = endedRef.current;
    if (!closed || !ended) return;
    const active = (ended.getRootNode() as Document | ShadowRoot).activeElement as HTMLButtonElement | null;
    if (!active || active === document.body || active.disabled) ended.focus();
  }, [closed]);

  return (
    <div
      ref={dialogRef}
      class="banter-chat"
      role="dialog"
      aria-label={`Chat with ${site.name}`}
      aria-modal={full ? "true" : undefined}
      onKeyDown={full ? (e) => dialogRef.current && wrapTab(e, dialogRef.current) : undefined}
    >
      <Header
        site={site}
        rep={s.status === "live" && s.repName ? `You are chatting with ${s.repName}` : ""}
        end={closed ? null : { disabled: s.link !== "online", onEnd: () => void conversation.end() }}
        onClose={onClose}
      />
      <p class="banter-chat-link" role="status">
        {linkText[s.link]}
      </p>
      {/* Always in the tree so it is announced when it fills; its one sentence only changes when the place or the
          whole minutes of the wait do, so a moving queue does not flood a screen reader. */}
      <p class="banter-chat-queue" role="status" aria-live="polite" aria-atomic="true">
        {s.status === "queued" ? queueText(s.queue) : ""}
      </p>
      <Transcript messages={displayMessages(s)} label={`Conversation with ${site.name}`} viewer="visitor" />
      {/* Outside the log, so "typing" is announced politely and never stays in the transcript. */}
      <p class="banter-chat-typing" role="status">
        {s.repTyping && `${s.repTyping} is typing…`}
      </p>
      <p class="banter-chat-error" role="alert">
        {s.error}
      </p>
      {/* Ended, the bar takes the message box's place under the log, so it never covers a message. */}
      {closed ? (
        <div class="banter-chat-ended-box">
          <p ref={endedRef} class="banter-chat-ended" tabIndex={-1}>
            This conversation has ended.
          </p>
          {s.repName && <RatingPrompt conversation={conversation} rep={s.repName} rated={s.rated} />}
          <button type="button" class="banter-button" onClick={() => void conversation.startNew()}>
            Start a new chat
          </button>
          {site.transcripts !== "off" && <TranscriptRequest conversation={conversation} />}
        </div>
      ) : (
        <Composer
          onSend={(text) => conversation.sendText(text)}
          onInput={() => conversation.typed()}
          disabled={s.link === "refused"}
        />
      )}
      {/* Under the message box, on screen as in the reading and Tab order: the box first, then the answers the
          visitor may pick instead of typing. */}
      {replies.length > 0 && (
        <QuickReplies
          options={replies}
          onChoose={(o) => {
            conversation.choose(o.value, o.label);
            // The group disappears while the answer is sent; keep focus in the panel.
            focusComposer();
          }}
        />
      )}
    </div>
  );
}
