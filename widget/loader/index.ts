// The one classic script a customer pastes. It runs on someone else's page, so it stays tiny and plain DOM, adds
// only window.Banter, draws inside one shadow root, and never lets an error escape into the page. The Preact chat
// app is fetched on first open; a returning visitor's app loads in the background once the page is idle, so their
// conversation reconnects and the launcher can show unread messages. Pages whose visitors never chat pay for this
// file only.
import type { SiteConfig } from "../../shared/protocol/sites.ts";
import type { ChatHandle, mount } from "../chat/index.tsx";
import { backoffMs } from "../ui/backoff.ts";
import { callOf, commands, events, hexColor, pageAddress, queuedCalls } from "./embed.ts";

type ChatModule = { mount: typeof mount };
type Command = "open" | "close" | "toggle";
type Emit = (event: string, data?: unknown) => void;
type Listener = (data?: unknown) => void;

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
const warned = new Set<string>();
// The host page's mistakes are told once each: a call in a loop must not flood its console.
const warn = (m: string) => {
  if (!warned.has(m)) console.warn(`Banter: ${m}`);
  warned.add(m);
};
// A visit ends after 30 minutes without a page, as analytics tools count them; the next page starts a new one.
const visitMs = 30 * 60_000;

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
  if ((w.Banter as { on?: unknown } | undefined)?.on)
    console.warn("Banter: widget.js is included twice; ignoring the second copy.");
  else if (!script?.src) err("cannot find the widget.js script tag; the chat is not shown.");
  else start(script);
})();

function start(script: HTMLScriptElement) {
  const server = new URL(script.src).origin;
  const { site: siteKey, position, color, autoload } = script.dataset;
  if (!siteKey) {
    err('the widget.js script tag needs data-site="YOUR_SITE_KEY"; the chat is not shown.');
    return;
  }
  const key = `banter:${siteKey}:`;

  // The tag's own settings win over the site's: one page can differ from the rest of the site.
  const overrides: Partial<SiteConfig> = {};
  if (position === "left" || position === "right") overrides.position = position;
  else if (position) warn(`data-position must be left or right, not "${position}"; ignored.`);
  if (color && hexColor(color)) overrides.accentColor = color;
  else if (color) warn(`data-color must be a hex colour like #2563eb, not "${color}"; ignored.`);

  const listeners: Record<string, Set<Listener>> = {};
  let isReady = false;
  // One listener that throws is logged and the others still hear the event.
  const tell = (fn: Listener, event: string, data?: unknown) => {
    try {
      fn(data);
    } catch (e) {
      err(`a "${event}" listener threw:`, e);
    }
  };
  const emit: Emit = (event, data) => {
    if (event === "ready") isReady = true;
    for (const fn of listeners[event] ?? []) tell(fn, event, data);
  };

  // data-autoload="false" (consent mode): nothing is fetched, stored or drawn until Banter('consent', true).
  let consented = autoload !== "false";
  let site: SiteConfig | undefined;
  let widget: Widget | undefined;
  // Calls waiting for consent, or (open, close, toggle) for a working launcher.
  const queue = queuedCalls(w.Banter);
  let referrer = document.referrer;

  // The pages this visitor opened on the site, newest last, so a rep sees what they read before chatting; the
  // first page of a visit also notes where the visitor came from (the lead source).
  const record = (url: unknown = location.href) => {
    const here = typeof url === "string" ? pageAddress(url, location.href) : undefined;
    if (!here) return warn(`page(url) takes a page address, not "${url}".`);
    const now = Date.now();
    const fresh = !(Number(store(`${key}seen`)) > now - visitMs);
    store(`${key}seen`, String(now));
    // Kept raw: the chat app reads the UTMs out of it (shared/leads/source.ts), so this file stays small.
    if (fresh) store(`${key}source`, JSON.stringify({ landingPage: location.href, referrer }));
    // Only the document's first page has a referrer of its own; a single-page app's later pages do not.
    referrer = "";
    const pages: unknown = fresh ? [] : JSON.parse(store(`${key}pages`) ?? "[]");
    const list = Array.isArray(pages) ? pages.filter((p) => typeof p === "string") : [];
    if (list[list.length - 1] === here) return;
    store(`${key}pages`, JSON.stringify([...list, here].slice(-10)));
    widget?.chat((a) => a.page(here));
  };

  // Forgets the visitor: the chat is disconnected and removed, and every key of this site goes from storage.
  const shutdown = () => {
    widget?.reset();
    try {
      for (const k of Object.keys(localStorage)) if (k.startsWith(key)) localStorage.removeItem(k);
    } catch {}
    emit("shutdown");
  };

  const run = (args: unknown[]) => {
    const [name, a, fn] = args;
    if (typeof name !== "string" || !commands.includes(name)) {
      return warn(`unknown command "${name}"; the commands are ${commands.join(", ")}.`);
    }
    if (name === "on" || name === "off") {
      if (typeof a !== "string" || !events.includes(a) || typeof fn !== "function") {
        return warn(`${name}(event, callback) takes one of ${events.join(", ")} and a function, not "${a}".`);
      }
      listeners[a] ??= new Set();
      const set = listeners[a];
      if (name === "off") set.delete(fn as Listener);
      else if (!set.has(fn as Listener)) {
        set.add(fn as Listener);
        // Listening for ready after it happened still hears it.
        if (a === "ready" && isReady) tell(fn as Listener, a);
      }
    } else if (name === "consent") {
      if (a === true && !consented) {
        consented = true;
        begin();
        queue.splice(0).forEach(run);
      } else if (a === false && consented) {
        // Withdrawn: forgotten, and from now on nothing is stored or drawn again until consent comes back.
        shutdown();
        consented = false;
        isReady = false;
        widget?.remove();
        widget = undefined;
      } else if (typeof a !== "boolean") warn("consent takes true or false.");
    } else if (!consented || (commands.indexOf(name) < 3 && !widget?.run)) {
      // Before consent, or open, close and toggle (the first three commands) before the launcher works: later.
      queue.push(args);
    } else if (name === "page") record(a);
    else if (name === "shutdown") shutdown();
    else if (name === "identify") {
      // Checked further by the chat app, which sends it (widget/chat/identity.ts).
      if (!a || typeof a !== "object") return warn("identify takes an object: { email, name, userId, userHash }");
      store(`${key}identity`, JSON.stringify(a));
      widget?.chat((c) => c.identify(a));
    } else widget?.run?.(name as Command);
  };

  // Banter('open') and Banter.open() alike; Banter.push(["open"]) for pages written for the older array queue.
  const api = safe((...args: unknown[]) => run(args)) as ((...a: unknown[]) => void) & Record<string, unknown>;
  api.push = safe((...items: unknown[]) => {
    for (const i of items) run(callOf(i));
  });
  for (const c of commands) api[c] = (...a: unknown[]) => api(c, ...a);
  w.Banter = api;

  const show = () =>
    whenBody(() => {
      if (!consented) return;
      widget ??= draw(key, emit);
      if (site && !widget.run) {
        widget.ready(server, { ...site, ...overrides });
        emit("ready");
        queue.splice(0).forEach(run);
      }
    });

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
        return res.json().then((s: SiteConfig) => {
          site = s;
          show();
        });
      })
      .catch((e) => {
        // Draw the launcher anyway, offline, so the visitor sees the chat exists; it comes alive when we get through.
        if (!tries) err(`cannot reach the chat server at ${server} (site key "${siteKey}"); retrying.`, e);
        show();
        setTimeout(fetchConfig, backoffMs(tries++, 60_000));
      }),
  );

  // Single-page apps change pages without loading one: history changes are pages too (record() ignores the same
  // address again, so replaceState with new state only, or an in-page anchor, adds nothing).
  const moved = safe(() => consented && record());
  let began = false;
  const begin = () => {
    safe(record)();
    if (began) return show();
    began = true;
    for (const m of ["pushState", "replaceState"] as const) {
      const original = history[m];
      // The page's own call keeps its result and its errors; only our part is guarded.
      history[m] = function (this: History, ...a: Parameters<History["pushState"]>) {
        const r = original.apply(this, a);
        moved();
        return r;
      };
    }
    addEventListener("popstate", moved);
    addEventListener("hashchange", moved);
    fetchConfig();
  };

  if (consented) begin();
  queue.splice(0).forEach(run);
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

interface Widget {
  // The site's config arrived: the launcher works from now on, and run takes the window API's open/close/toggle.
  ready(server: string, site: SiteConfig): void;
  run?: (cmd: Command) => void;
  // Runs fn on the chat app if it is loaded or loading; never loads it.
  chat(fn: (app: ChatHandle) => void): void;
  // Banter('shutdown'): the panel hides and the app is disconnected and removed; the next open mounts a new one.
  reset(): void;
  remove(): void;
}

// Draws the launcher in its offline state (dimmed, aria-disabled, clicks ignored) until ready() is called.
function draw(key: string, emit: Emit): Widget {
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

      if (store(`${key}open`) === "1") open(false);
      else if (store(`${key}live`) === "1") {
        // A returning visitor with a conversation still going: connect in the background, panel closed, once
        // the page has finished loading and the browser is idle, so the page's own work goes first.
        const idle = safe(() => (window.requestIdleCallback ?? setTimeout)(safe(load), { timeout: 3000 }));
        if (document.readyState === "complete") idle();
        else addEventListener("load", idle, { once: true });
      }

      widget.run = (cmd) => {
        if (cmd === "open" || (cmd === "toggle" && !isOpen)) open(true);
        else close(root.activeElement != null);
      };
    },
  };
  return widget;
}
