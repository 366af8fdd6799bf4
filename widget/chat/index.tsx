// Entry of dist/assets/chat.js, loaded by the loader with import() into a container inside its shadow root. The
// styles go into that container too: a shadow root does not see the page's <head>, and the page must not see ours.
import { render } from "preact";
import type { SiteConfig } from "../../shared/protocol/index.ts";
import { connectVisitor } from "../transport/socket.ts";
import { newClientId } from "../ui/messages.ts";
import uiCss from "../ui/styles.css?inline";
import { App } from "./app.tsx";
import chatCss from "./chat.css?inline";
import { Conversation } from "./conversation.ts";
import type { Tell } from "./embed-events.ts";
import { checkedIdentity } from "./identity.ts";
import { outboxStore } from "./outbox-store.ts";
import { readMarkStore } from "./read-mark.ts";
import {
  behaviourReported,
  dropTrigger,
  markLive,
  pagesSeen,
  pendingTrigger,
  storedBehaviour,
  storedIdentity,
  visitorTokenStore,
  visitSource,
} from "./storage.ts";
import { pageTimeZone } from "./time-zone.ts";
import { trackUnread } from "./unread.ts";

// The whole interface between the loader and the chat app: the loader owns the panel's visibility and the launcher,
// the app owns the conversation and tells the loader how many messages are unread.
export interface MountOptions {
  server: string;
  site: SiteConfig;
  // Whether the panel is showing at mount time: false when the loader resumes a conversation in the background.
  open: boolean;
  // The visitor asked to hide the panel (its minimize button).
  onClose(): void;
  // Messages from the bot, the rep or the system the visitor has not seen yet (0: all read). Called on change.
  onUnread?(count: number): void;
  // The host page's Banter('on', ...) listeners: messages, qualification, handoff.
  tell?: Tell;
}

export interface ChatHandle {
  // The loader showed or hid the panel.
  setOpen(open: boolean): void;
  // Banter('page') or a history change (the loader has already stored it), and Banter('identify', ...).
  page(pageUrl: string): void;
  identify(req: unknown): void;
  // The engage chunk has just left a clicked teaser at banter:SITE_KEY:trigger (shared/protocol/engage.ts) and
  // opened the panel: a joined app acts on it now (an app still joining finds it on its own).
  engage(): void;
  // Disconnects and removes the app (Banter('shutdown')).
  unmount(): void;
}

export function mount(container: HTMLElement, opts: MountOptions): ChatHandle {
  const style = document.createElement("style");
  style.textContent = uiCss + chatCss;
  // Preact takes over every child of the node it renders into, so the app gets its own.
  const root = document.createElement("div");
  root.className = "banter-chat-root";
  container.append(style, root);

  const siteKey = opts.site.key;
  const conversation = new Conversation({
    socket: connectVisitor(opts.server, siteKey),
    tokens: visitorTokenStore(siteKey),
    outbox: outboxStore(siteKey),
    newClientId,
    // The page the loader recorded last (a single-page app may name it with Banter('page', url)), else this one.
    // Tracking parameters can make a URL very long; the server keeps 2048 characters of it.
    pageUrl: () => (pagesSeen(siteKey).at(-1) ?? location.href).slice(0, 2048),
    pagesBefore: () => pagesSeen(siteKey),
    timeZone: pageTimeZone,
    source: () => visitSource(siteKey),
    identity: () => storedIdentity(siteKey),
    trigger: () => pendingTrigger(siteKey),
    triggerDone: () => dropTrigger(siteKey),
    behaviour: () => storedBehaviour(siteKey),
    behaviourSent: () => behaviourReported(siteKey),
    ...(opts.tell ? { tell: opts.tell } : {}),
  });
  let wasLive: boolean | undefined;
  conversation.subscribe(() => {
    const { status } = conversation.get();
    const live = status !== null && status !== "closed";
    if (status !== null && live !== wasLive) markLive(siteKey, live);
    if (status !== null) wasLive = live;
  });
  let open = opts.open;
  const unread = trackUnread({
    conversation,
    marks: readMarkStore(siteKey),
    seen: () => open && document.visibilityState === "visible",
    onUnread: (n) => opts.onUnread?.(n),
  });
  render(<App conversation={conversation} site={opts.site} onClose={opts.onClose} />, root);

  return {
    setOpen(next) {
      open = next;
      unread.update();
    },
    page: (pageUrl) => conversation.page(pageUrl),
    engage: () => conversation.engage(),
    identify(req) {
      const id = checkedIdentity(req);
      if (id) conversation.identify(id);
    },
    unmount() {
      render(null, root);
      unread.dispose();
      conversation.dispose();
      style.remove();
      root.remove();
    },
  };
}
