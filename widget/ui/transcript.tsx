// The message log both apps render. Text is always rendered as a text node: messages come from visitors and reps,
// so nothing here may ever become markup.
import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
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
  // A link to follow under the text, already checked to be http(s) (see safeLink).
  link?: { url: string; label: string };
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
  const link = m.link && safeLink(m.link);
  if (link) d.link = link;
  return d;
}

// Only http(s) may become an href: anything else (javascript:, data:, a relative path) could run script or go
// somewhere the server never meant, so such a link is not shown at all. The URL is passed on as parsed.
export function safeLink(link: { url: unknown; label: unknown }): { url: string; label: string } | undefined {
  if (typeof link.url !== "string" || typeof link.label !== "string") return undefined;
  let url: URL;
  try {
    url = new URL(link.url);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  // A link needs a name people and screen readers can read; the address is better than nothing.
  return { url: url.href, label: link.label.trim() || url.href };
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

  // The log also shrinks when something appears under it (quick replies, the ended bar, a longer status line):
  // a reader at the bottom stays there, so the newest message is never left hidden below the fold.
  useEffect(() => {
    const el = logRef.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (stick.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const el = logRef.current;
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight <= stickSlackPx;
  };

  return (
    <div
      ref={logRef}
      class="banter-log"
      role="log"
      aria-live="polite"
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so a keyboard user can scroll back through a long conversation (axe: scrollable-region-focusable)
      tabIndex={0}
      onScroll={onScroll}
    >
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
          {m.link && (
            <a class="banter-msg-link" href={m.link.url} target="_blank" rel="noopener noreferrer">
              {m.link.label}
              <span class="banter-sr"> (opens in a new tab)</span>
            </a>
          )}
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
