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
import { visitorTokenStore } from "./storage.ts";

export interface MountOptions {
  server: string;
  site: SiteConfig;
  onClose(): void;
}

export function mount(container: HTMLElement, opts: MountOptions): { unmount(): void } {
  const style = document.createElement("style");
  style.textContent = uiCss + chatCss;
  // Preact takes over every child of the node it renders into, so the app gets its own.
  const root = document.createElement("div");
  root.className = "banter-chat-root";
  container.append(style, root);

  const conversation = new Conversation({
    socket: connectVisitor(opts.server, opts.site.key),
    tokens: visitorTokenStore(opts.site.key),
    newClientId,
    // Tracking parameters can make a URL very long; the server keeps 2048 characters of it.
    pageUrl: () => location.href.slice(0, 2048),
  });
  render(<App conversation={conversation} site={opts.site} onClose={opts.onClose} />, root);

  return {
    unmount() {
      render(null, root);
      conversation.dispose();
      style.remove();
      root.remove();
    },
  };
}
