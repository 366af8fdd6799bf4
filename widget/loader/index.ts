// The one classic script a customer pastes. It runs on someone else's page, so it stays tiny and plain DOM, adds
// only window.Banter, and draws inside one shadow root. The Preact chat app is fetched on first open (or at once
// when the visitor had it open before a reload), so pages whose visitors never chat pay for this file only.
import type { SiteConfig } from "../../shared/protocol/model.ts";
import type { mount } from "../chat/index.tsx";

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
.launcher:focus-visible{outline:3px solid var(--banter-accent,#2563eb);outline-offset:3px}
.launcher[aria-busy=true]{cursor:progress;opacity:.7}
.launcher svg{width:26px;height:26px;fill:none;stroke:currentColor;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}
.launcher[aria-expanded=true] .i-open,.launcher[aria-expanded=false] .i-close{display:none}
.panel{position:fixed;right:20px;bottom:88px;z-index:2147483000;width:370px;height:560px;max-width:calc(100vw - 40px);
max-height:calc(100vh - 108px);display:flex;flex-direction:column;background:#fff;border-radius:12px;overflow:hidden;
box-shadow:0 8px 30px rgba(0,0,0,.25)}
@media (max-width:480px){.panel{inset:0;width:auto;height:auto;max-width:none;max-height:none;border-radius:0;z-index:2147483001}}
`;

const w = window as unknown as { Banter?: unknown };

// currentScript is only set while this script's top level runs, so it is read before anything awaits.
const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[src*="widget.js"][data-site]');

if (w.Banter && !Array.isArray(w.Banter)) {
  console.warn("Banter: widget.js is included twice; ignoring the second copy.");
} else if (!script?.src) {
  console.error("Banter: cannot find the widget.js script tag; the chat is not shown.");
} else {
  start(script);
}

function start(script: HTMLScriptElement) {
  const server = new URL(script.src).origin;
  const siteKey = script.dataset.site;
  if (!siteKey) {
    console.error(
      `Banter: the widget.js script tag needs data-site, e.g. <script async src="${server}/widget.js" data-site="YOUR_SITE_KEY"></script>; the chat is not shown.`,
    );
    return;
  }

  // Calls made before the launcher is drawn (or queued by the page before we loaded) wait here.
  const queue: unknown[] = Array.isArray(w.Banter) ? w.Banter.slice() : [];
  let run: ((cmd: Command) => void) | null = null;
  const call = (cmd: unknown) => {
    const name = Array.isArray(cmd) ? cmd[0] : cmd;
    if (name !== "open" && name !== "close" && name !== "toggle") return;
    if (run) run(name);
    else queue.push(name);
  };
  const api: Api = {
    open: () => call("open"),
    close: () => call("close"),
    toggle: () => call("toggle"),
    push: (...cmds) => cmds.forEach(call),
  };
  w.Banter = api;

  fetch(`${server}/api/sites/${encodeURIComponent(siteKey)}/config`).then(
    (res) => {
      if (!res.ok) {
        console.error(
          res.status === 404
            ? `Banter: unknown site key "${siteKey}"; check data-site on the widget.js script tag. The chat is not shown.`
            : `Banter: the chat server answered ${res.status} for site key "${siteKey}"; the chat is not shown.`,
        );
        return;
      }
      return res.json().then((site: SiteConfig) => {
        whenBody(() => {
          run = draw(server, siteKey, site);
          queue.splice(0).forEach(call);
        });
      });
    },
    () =>
      console.error(
        `Banter: cannot reach the chat server at ${server} (site key "${siteKey}"); the chat is not shown.`,
      ),
  );
}

// An async script in <head> can finish its fetch before <body> exists.
function whenBody(fn: () => void) {
  if (document.body) fn();
  else document.addEventListener("DOMContentLoaded", fn, { once: true });
}

// localStorage throws in some sandboxed iframes and privacy modes; the chat still works, it just forgets.
function store(key: string, value?: string): string | null {
  try {
    if (value === undefined) return localStorage.getItem(key);
    localStorage.setItem(key, value);
  } catch {}
  return null;
}

function draw(server: string, siteKey: string, site: SiteConfig): (cmd: Command) => void {
  const openKey = `banter:${siteKey}:open`;
  const host = document.createElement("div");
  host.setAttribute("data-banter", "");
  host.style.setProperty("--banter-accent", site.accentColor);
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = `<style>${css}</style>`;

  const launcher = document.createElement("button");
  launcher.type = "button";
  launcher.className = "launcher";
  launcher.innerHTML =
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path class="i-open" d="M4 4h16v12H8l-4 4z"/><path class="i-close" d="M6 6l12 12M18 6L6 18"/></svg>';
  const panel = document.createElement("div");
  panel.className = "panel";
  panel.hidden = true;
  root.append(panel, launcher);
  document.body.appendChild(host);

  let isOpen = false;
  let mounted = false;
  let loading = false;

  const label = () => {
    launcher.setAttribute("aria-label", isOpen ? "Close chat" : "Open chat");
    launcher.setAttribute("aria-expanded", String(isOpen));
  };
  label();

  // focus is false when restoring after a reload: the host page keeps its focus until the visitor acts.
  const open = async (focus: boolean) => {
    if (isOpen || loading) return;
    if (!mounted) {
      loading = true;
      launcher.setAttribute("aria-busy", "true");
      try {
        const mod = (await import(/* @vite-ignore */ `${server}/assets/chat.js`)) as ChatModule;
        mod.mount(panel, { server, site, onClose: () => close(true) });
        mounted = true;
      } catch (err) {
        console.error("Banter: could not load the chat app.", err);
        return;
      } finally {
        loading = false;
        launcher.removeAttribute("aria-busy");
      }
    }
    isOpen = true;
    panel.hidden = false;
    label();
    store(openKey, "1");
    if (focus) {
      const target = panel.querySelector<HTMLElement>("textarea:not([disabled])") ?? panel.querySelector("button");
      target?.focus();
    }
  };

  // Hiding keeps the app mounted, so the socket and the transcript survive until the page goes away.
  const close = (focus: boolean) => {
    if (!isOpen) return;
    isOpen = false;
    panel.hidden = true;
    label();
    store(openKey, "0");
    if (focus) launcher.focus();
  };

  launcher.addEventListener("click", () => (isOpen ? close(true) : open(true)));
  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape") close(true);
  });

  if (store(openKey) === "1") open(false);

  return (cmd) => {
    if (cmd === "open" || (cmd === "toggle" && !isOpen)) open(true);
    else close(root.activeElement != null);
  };
}
