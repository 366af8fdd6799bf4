// The message log both apps render. Text is always rendered as a text node: messages come from visitors and reps,
// so nothing here may ever become markup.
import { useLayoutEffect, useRef } from "preact/hooks";
import type { Author, Message } from "../../shared/protocol/index.ts";

export interface DisplayMessage {
  key: string;
  author: Author;
  authorName?: string;
  text: string;
  pending?: boolean;
  failed?: boolean;
  // A read receipt under one's own message: shown as "Read", read out in full (e.g. "Read by Ana").
  receipt?: string;
}

export type Viewer = "visitor" | "rep";

// Visitor and rep messages carry a client-generated id the server deduplicates, so it is unique in a
// conversation and known before the ack: a pending bubble keyed by it keeps its DOM node when the stored message
// replaces it, and screen readers do not announce it twice. Bot and system ids are derived by the server, so
// those are keyed by seq.
export function clientKey(clientId: string): string {
  return `c:${clientId}`;
}

export function toDisplay(m: Message): DisplayMessage {
  const key = m.author === "visitor" || m.author === "rep" ? clientKey(m.clientId) : `s:${m.seq}`;
  const d: DisplayMessage = { key, author: m.author, text: m.text };
  if (m.authorName) d.authorName = m.authorName;
  return d;
}

export function pendingMessage(clientId: string, author: Author, text: string): DisplayMessage {
  return { key: clientKey(clientId), author, text, pending: true };
}

export function authorLabel(m: DisplayMessage, viewer: Viewer): string {
  switch (m.author) {
    case "visitor":
      return viewer === "visitor" ? "You" : "Visitor";
    case "rep":
      return m.authorName || (viewer === "visitor" ? "Rep" : "You");
    case "bot":
      return "Bot";
    case "system":
      return "Notice";
  }
}

// Follow new messages only while the reader is at the bottom, so scrolling up to reread is not yanked away.
const stickSlackPx = 48;

export function Transcript(props: { messages: DisplayMessage[]; label: string; viewer: Viewer }) {
  const { messages, label, viewer } = props;
  const logRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const last = messages[messages.length - 1];
  const own = viewer === "visitor" ? "visitor" : "rep";

  useLayoutEffect(() => {
    const el = logRef.current;
    // One's own message always scrolls into view: the sender expects to see it.
    if (el && (stick.current || last?.author === own)) el.scrollTop = el.scrollHeight;
  }, [messages.length, last?.key]);

  const onScroll = () => {
    const el = logRef.current;
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight <= stickSlackPx;
  };

  return (
    <div ref={logRef} class="banter-log" role="log" aria-live="polite" aria-label={label} onScroll={onScroll}>
      {messages.map((m) => (
        <div
          key={m.key}
          class="banter-msg"
          data-author={m.author}
          data-own={m.author === own ? "" : undefined}
          data-state={m.failed ? "failed" : m.pending ? "pending" : undefined}
        >
          <span class="banter-sr">{authorLabel(m, viewer)}: </span>
          <span class="banter-msg-text">{m.text}</span>
          {m.pending && !m.failed && <span class="banter-msg-state">sending…</span>}
          {m.failed && <span class="banter-msg-state">not sent</span>}
          {m.receipt && (
            <span class="banter-msg-state banter-msg-receipt">
              <span aria-hidden="true">Read</span>
              <span class="banter-sr">{m.receipt}</span>
            </span>
          )}
        </div>
      ))}
    </div>
  );
}
