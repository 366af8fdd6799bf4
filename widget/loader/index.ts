// The one classic script a customer pastes. It runs on someone else's page, so it stays tiny and plain DOM, adds
// only window.Banter, draws inside one shadow root, and never lets an error escape into the page. The Preact chat
// app is fetched on first open; a returning visitor's app loads in the background once the page is idle, so their
// conversation reconnects and the launcher can show unread messages. Pages whose visitors never chat pay for this
// file only.
import type { SiteConfig } from "../../shared/protocol/model.ts";
import type { ChatHandle, mount } from "../chat/index.tsx";
import { backoffMs } from "../ui/backoff.ts";

type ChatModule = { mount: typeof mount };
type Command = "open" | "close" | "toggle";
interface Api {
  open(): void;
  close(): void;
  toggle(): void;
  // So a page that keeps pushing to its `window.Banter = window.Banter || []` queue after we load still works.
  push(...cmds: unknown[]): void;
}

// Kept as a string so widget.js stays one file. `all: initial` on the host stops the page's fonts, colours and line
// heights from leaking into the chat; custom properties (the accent) still inherit through it.
const css = `
:host{all:initial;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328}
[hidden]{display:none!important}
.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;
background:var(--banter-accent,#2563eb);color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:grid;place-items:center}
.launcher.wide{width:auto;padding:0 18px 0 14px;border-radius:28px;grid-auto-flow:column;gap:8px;font:inherit;font-weight:600}
:host([data-pos=left]) .launcher,:host([data-pos=left]) .panel{right:auto;left:20px}
.launcher:focus-visible{outline:3px solid var(--banter-accent,#2563eb);outline-offset:3px}
.launcher[aria-busy=true]{cursor:progress;opacity:.7}
.launcher[aria-disabled=true]{cursor:default;opacity:.45;filter:grayscale(1)}
.launcher svg{width:26px;height:26px;fill:none;stroke:currentColor;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}
.launcher[aria-expanded=true] .i-open,.launcher[aria-expanded=false] .i-close{display:none}
.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;
background:#d1242f;color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center}
.panel{position:fixed;right:20px;bottom:88px;z-index:2147483000;width:370px;height:560px;max-width:calc(100vw - 40px);
max-height:calc(100vh - 108px);display:flex;flex-direction:column;background:#fff;border-radius:12px;overflow:hidden;
box-shadow:0 8px 30px rgba(0,0,0,.25)}
@media (max-width:480px){.panel{inset:0!important;width:auto;height:auto;max-width:none;max-height:none;border-radius:0;z-index:2147483001}}
`;

const w = window as unknown as { Banter?: unknown };
const err = (...a: unknown[]) => console.error("Banter:", ...a);

// Every way into this file (top level, events, timers, promises) goes through here: a bug of ours must never break
// the host page.
const safe =
  <A extends unknown[]>(fn: (...a: A) => unknown) =>
  (...a: A) => {
    try {
      const r = fn(...a);
      if (r instanceof Promise) r.catch(err);
    } catch (e) {
      err(e);
    }
  };

safe(() => {
  // currentScript is only set while this script's top level runs, so it is read before anything awaits.
  const script =
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[src*="widget.js"][data-site]');
  if (w.Banter && !Array.isArray(w.Banter))
    console.warn("Banter: widget.js is included twice; ignoring the second copy.");
  else if (!script?.src) err("cannot find the widget.js script tag; the chat is not shown.");
  else start(script);
})();

function start(script: HTMLScriptElement) {
  const server = new URL(script.src).origin;
  const siteKey = script.dataset.site;
  if (!siteKey) {
    err(
      `the widget.js script tag needs data-site, e.g. <script async src="${server}/widget.js" data-site="YOUR_SITE_KEY"></script>; the chat is not shown.`,
    );
    return;
  }

  // The pages this visitor opened on the site, newest last, so a rep sees what they read before chatting.
  safe(() => {
    const key = `banter:${siteKey}:pages`;
    const pages: unknown = JSON.parse(store(key) ?? "[]");
    const list = Array.isArray(pages) ? pages.filter((p) => typeof p === "string") : [];
    const here = location.href.slice(0, 500);
    if (list[list.length - 1] !== here) store(key, JSON.stringify([...list, here].slice(-10)));
  })();

  // Calls made before the launcher works (or queued by the page before we loaded) wait here.
  const queue: unknown[] = Array.isArray(w.Banter) ? w.Banter.slice() : [];
  let run: ((cmd: Command) => void) | null = null;
  const call = (cmd: unknown) => {
    const name = Array.isArray(cmd) ? cmd[0] : cmd;
    if (name !== "open" && name !== "close" && name !== "toggle") return;
    if (run) run(name);
    else queue.push(name);
  };
  const api: Api = {
    open: safe(() => call("open")),
    close: safe(() => call("close")),
    toggle: safe(() => call("toggle")),
    push: safe((...cmds: unknown[]) => cmds.forEach(call)),
  };
  w.Banter = api;

  let launcher: Launcher | undefined;
  let tries = 0;
  const fetchConfig = safe(() =>
    // The full page address (not only the origin browsers send by default) tells the owner's install check which
    // page loaded the widget; the chat sends the same address when it opens. Never sent from https to http.
    fetch(`${server}/api/sites/${encodeURIComponent(siteKey)}/config`, { referrerPolicy: "no-referrer-when-downgrade" })
      .then((res) => {
        // 5xx: the server or a proxy in front of it is having a moment; worth retrying like a network error.
        if (res.status >= 500) throw res.status;
        if (!res.ok) {
          err(
            res.status === 404
              ? `unknown site key "${siteKey}"; check data-site on the widget.js script tag. The chat is not shown.`
              : `the chat server answered ${res.status} for site key "${siteKey}"; the chat is not shown.`,
          );
          return;
        }
        return res.json().then((site: SiteConfig) =>
          whenBody(() => {
            launcher ??= draw(siteKey);
            run = launcher.ready(server, site);
            queue.splice(0).forEach(call);
          }),
        );
      })
      .catch((e) => {
        // Draw the launcher anyway, offline, so the visitor sees the chat exists; it comes alive when we get through.
        if (!tries) err(`cannot reach the chat server at ${server} (site key "${siteKey}"); retrying.`, e);
        whenBody(() => {
          launcher ??= draw(siteKey);
        });
        setTimeout(fetchConfig, backoffMs(tries++, 60_000));
      }),
  );
  fetchConfig();
}

// An async script in <head> can finish its fetch before <body> exists.
function whenBody(fn: () => void) {
  if (document.body) safe(fn)();
  else document.addEventListener("DOMContentLoaded", safe(fn), { once: true });
}

// localStorage throws in some sandboxed iframes and privacy modes; the chat still works, it just forgets.
function store(key: string, value?: string): string | null {
  try {
    if (value === undefined) return localStorage.getItem(key);
    localStorage.setItem(key, value);
  } catch {}
  return null;
}

interface Launcher {
  // The site's config arrived: the launcher works from now on. Returns what runs the window API's commands.
  ready(server: string, site: SiteConfig): (cmd: Command) => void;
}

// Draws the launcher in its offline state (dimmed, aria-disabled, clicks ignored) until ready() is called.
function draw(siteKey: string): Launcher {
  const key = `banter:${siteKey}:`;
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
  };

  return {
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
        } catch (e) {
          err("could not load the chat app.", e);
        } finally {
          opening = false;
          launcher.removeAttribute("aria-busy");
        }
      };
      act = (focus) => (isOpen ? close(focus) : open(focus));

      if (store(`${key}open`) === "1") open(false);
      else if (store(`${key}live`) === "1") {
        // A returning visitor with a conversation still going: connect in the background, panel closed, once
        // the page has finished loading and the browser is idle, so the page's own work goes first.
        const idle = safe(() => (window.requestIdleCallback ?? setTimeout)(safe(load), { timeout: 3000 }));
        if (document.readyState === "complete") idle();
        else addEventListener("load", idle, { once: true });
      }

      return (cmd) => {
        if (cmd === "open" || (cmd === "toggle" && !isOpen)) open(true);
        else close(root.activeElement != null);
      };
    },
  };
}
