// The panel's header: who the visitor is talking to (the site's display name and picture, or the rep once one has
// taken the chat), how soon they usually reply, and the chat's own buttons.
import { useEffect, useState } from "preact/hooks";
import type { SiteConfig } from "../../shared/protocol/index.ts";
import { replyLine } from "../../shared/sites/reply-time.ts";
import { pageTimeZone } from "./time-zone.ts";

export function Header(props: {
  site: SiteConfig;
  // "You are chatting with Ana", or nothing.
  rep: string;
  // Shown while the conversation can still be ended; disabled while offline.
  end: { disabled: boolean; onEnd(): void } | null;
  onClose(): void;
}) {
  const { site, rep, end } = props;
  const now = useMinute(Boolean(site.replyTime && site.businessHours));
  const line = rep || replyLine(site, now, pageTimeZone());
  return (
    <header class="banter-chat-header">
      <Avatar name={site.name} url={site.avatarUrl} />
      <div class="banter-chat-title">
        <h2>{site.name}</h2>
        {line && <p>{line}</p>}
      </div>
      {end && (
        <button type="button" class="banter-chat-end" disabled={end.disabled} onClick={end.onEnd}>
          End chat
        </button>
      )}
      <button type="button" class="banter-chat-min" aria-label="Minimize chat" onClick={props.onClose}>
        <span aria-hidden="true">–</span>
      </button>
    </header>
  );
}

// The owner's picture; its first letter when there is none, or when the page cannot load it (a host page whose
// Content-Security-Policy allows no other images, a broken address). No Referer: the image host learns nothing of
// the visitor's page.
function Avatar(props: { name: string; url: string }) {
  const [broken, setBroken] = useState(false);
  return props.url && !broken ? (
    <img
      class="banter-chat-avatar"
      src={props.url}
      alt={props.name}
      referrerpolicy="no-referrer"
      onError={() => setBroken(true)}
    />
  ) : (
    <span class="banter-chat-avatar" aria-hidden="true">
      {Array.from(props.name.trim())[0]?.toUpperCase()}
    </span>
  );
}

// The time, kept to the minute while `ticking`, so "Back at 9:00 AM" turns into "Usually replies in ..." when the
// team opens with the panel on screen.
function useMinute(ticking: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}
