// The launcher button and the panel the chat app mounts in, drawn in one shadow root: plain DOM until the first
// open, which imports the chat app from the server.
import type { SiteConfig } from "../../shared/protocol/sites.ts";
import type { ChatHandle, mount } from "../chat/index.tsx";
import type { Engage, start } from "../engage/index.ts";
import { err, safe } from "./guard.ts";
import { store } from "./storage.ts";
import { css } from "./styles.ts";

type ChatModule = { mount: typeof mount };
type EngageModule = { start: typeof start };
// The window API's commands the launcher runs once it works; "page" tells the engage chunk, if loaded, of a page.
export type Command = "open" | "close" | "toggle" | "track" | "page";
export type Emit = (event: string, data?: unknown) => void;

// An async script in <head> can finish its fetch before <body> exists.
export function whenBody(fn: () => void) {
  if (document.body) safe(fn)();
  else document.addEventListener("DOMContentLoaded", safe(fn), { once: true });
}

export interface Widget {
  // The site's config arrived: the launcher works from now on, and run takes the window API's commands above.
  ready(server: string, site: SiteConfig): void;
  run?: (cmd: Command, a?: unknown, b?: unknown) => void;
  // Runs fn on the chat app if it is loaded or loading; never loads it.
  chat(fn: (app: ChatHandle) => void): void;
  // Banter('shutdown'): the panel hides and the app is disconnected and removed; the next open mounts a new one.
  reset(): void;
  remove(): void;
}

// Draws the launcher in its offline state (dimmed, aria-disabled, clicks ignored) until ready() is called.
export function draw(key: string, emit: Emit): Widget {
  const host = document.createElement("div");
  host.setAttribute("data-banter", "");
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = `<style>${css}</style><div class="panel" hidden></div><button type="button" class="launcher" aria-disabled="true" aria-label="Chat offline, retrying"><svg viewBox="0 0 24 24" aria-hidden="true"><path class="i-open" d="M4 4h16v12H8l-4 4z"/><path class="i-close" d="M6 6l12 12M18 6L6 18"/></svg><span hidden></span><span class="badge" aria-hidden="true" hidden></span></button>`;
  const panel = root.querySelector(".panel") as HTMLElement;
  const launcher = root.querySelector("button") as HTMLButtonElement;
  const badge = root.querySelector(".badge") as HTMLElement;
  const text = badge.previousSibling as HTMLElement;
  document.body.appendChild(host);

  let isOpen = false;
  let unread = 0;
  // The site's launcher label: shown on the button, and part of its name (which starts "Open chat" either way).
  let named = "Open chat";
  // The chat app, once asked for: loading or mounted. Cleared when the import fails so a later click can retry.
  let app: Promise<ChatHandle> | undefined;
  let act: ((focus: boolean) => unknown) | undefined;

  const label = () => {
    const n = isOpen ? 0 : unread;
    launcher.setAttribute(
      "aria-label",
      isOpen ? "Close chat" : n ? `${named}, ${n} unread message${n > 1 ? "s" : ""}` : named,
    );
    launcher.setAttribute("aria-expanded", String(isOpen));
    badge.hidden = !n;
    // Open, the button is the close icon alone (its name no longer holds the label).
    text.hidden = isOpen || !text.textContent;
    launcher.classList.toggle("wide", !text.hidden);
    badge.textContent = n > 99 ? "99+" : String(n);
  };

  launcher.addEventListener(
    "click",
    safe(() => act?.(true)),
  );
  panel.addEventListener(
    "keydown",
    safe((e: KeyboardEvent) => {
      if (e.key === "Escape") close(true);
    }),
  );

  // Hiding keeps the app mounted, so the socket and the transcript survive until the page goes away.
  const close = (focus: boolean) => {
    if (!isOpen) return;
    isOpen = false;
    panel.hidden = true;
    label();
    store(`${key}open`, "0");
    app?.then((a) => a.setOpen(false));
    if (focus) launcher.focus();
    emit("close");
  };

  const widget: Widget = {
    chat: (fn) => void app?.then(safe(fn), () => {}),
    reset() {
      close(false);
      widget.chat((a) => a.unmount());
      app = undefined;
      unread = 0;
      label();
    },
    remove: () => host.remove(),
    ready(server, site) {
      host.style.setProperty("--banter-accent", site.accentColor);
      if (site.position === "left") host.dataset.pos = "left";
      if (site.launcherLabel) {
        text.textContent = site.launcherLabel;
        named += `: ${site.launcherLabel}`;
      }
      launcher.removeAttribute("aria-disabled");
      label();

      const load = () =>
        (app ??= import(/* @vite-ignore */ `${server}/assets/chat.js`).then(
          (mod: ChatModule) =>
            mod.mount(panel, {
              server,
              site,
              open: isOpen,
              onClose: safe(() => close(true)),
              onUnread: safe((n: number) => {
                unread = n;
                label();
              }),
              tell: emit,
            }),
          (e) => {
            app = undefined;
            throw e;
          },
        ));

      let opening = false;
      // focus is false when restoring after a reload: the host page keeps its focus until the visitor acts.
      const open = async (focus: boolean) => {
        if (isOpen || opening) return;
        opening = true;
        launcher.setAttribute("aria-busy", "true");
        try {
          const a = await load();
          isOpen = true;
          panel.hidden = false;
          label();
          store(`${key}open`, "1");
          a.setOpen(true);
          if (focus) {
            (panel.querySelector<HTMLElement>("textarea:not([disabled])") ?? panel.querySelector("button"))?.focus();
          }
          emit("open");
        } catch (e) {
          err("could not load the chat app.", e);
        } finally {
          opening = false;
          launcher.removeAttribute("aria-busy");
        }
      };
      act = (focus) => (isOpen ? close(focus) : open(focus));

      // The engage chunk (proactive messages, behaviour): on idle for a site with triggers, else on the first track.
      let eng: Promise<Engage> | undefined;
      const engage = () =>
        (eng ??= import(/* @vite-ignore */ `${server}/assets/engage.js`).then((m: EngageModule) =>
          m.start({ server, site, root, chat: widget.chat }),
        ));

      // Background work waits until the page has finished loading and the browser is idle: the page's own goes first.
      const whenIdle = (fn: () => unknown) => {
        const idle = safe(() =>
          (window.requestIdleCallback ?? setTimeout)(safe(fn), {
            timeout: 3000,
          }),
        );
        if (document.readyState === "complete") idle();
        else addEventListener("load", idle, { once: true });
      };
      if (store(`${key}open`) === "1") open(false);
      // A returning visitor with a conversation still going: connect in the background, panel closed.
      else if (store(`${key}live`) === "1") whenIdle(load);
      if (site.engage) whenIdle(engage);

      widget.run = (cmd, a, b) => {
        if (cmd === "track") engage().then((e) => e.track(a, b), err);
        else if (cmd === "page") {
          widget.chat((c) => c.page(a as string));
          eng?.then((e) => e.page(a as string));
        } else if (cmd === "open" || (cmd === "toggle" && !isOpen)) open(true);
        else close(root.activeElement != null);
      };
    },
  };
  return widget;
}
