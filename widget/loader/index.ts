// The one classic script a customer pastes. It runs on someone else's page, so it stays tiny and plain DOM, adds
// only window.Banter, draws inside one shadow root, and never lets an error escape into the page. The Preact chat
// app is fetched on first open; a returning visitor's app loads in the background once the page is idle, so their
// conversation reconnects and the launcher can show unread messages. Pages whose visitors never chat pay for this
// file only.
import type { SiteConfig } from "../../shared/protocol/sites.ts";
import { backoffMs } from "../ui/backoff.ts";
import { callOf, commands, events, hexColor, pageAddress, queuedCalls } from "./embed.ts";
import { err, safe, warn } from "./guard.ts";
import { type Command, draw, type Emit, type Widget, whenBody } from "./launcher.ts";
import { store } from "./storage.ts";

type Listener = (data?: unknown) => void;

const w = window as unknown as { Banter?: unknown };
// A visit ends after 30 minutes without a page, as analytics tools count them; the next page starts a new one.
const visitMs = 30 * 60_000;

safe(() => {
  // currentScript is only set while this script's top level runs, so it is read before anything awaits.
  const script =
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[src*="widget.js"][data-site]');
  if ((w.Banter as { on?: unknown } | undefined)?.on) warn("widget.js is included twice; ignoring the second copy.");
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
    // The chat app and the engage chunk hear of it, when loaded (neither exists before the launcher works).
    widget?.run?.("page", here);
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
    } else if (!consented || (commands.indexOf(name) < 4 && !widget?.run)) {
      // Before consent, or open, close, toggle and track (the first four commands) before the launcher works: later.
      queue.push(args);
    } else if (name === "page") record(a);
    else if (name === "shutdown") shutdown();
    else if (name === "identify") {
      // Checked further by the chat app, which sends it (widget/chat/identity.ts).
      if (!a || typeof a !== "object") return warn("identify takes an object: { email, name, userId, userHash }");
      store(`${key}identity`, JSON.stringify(a));
      widget?.chat((c) => c.identify(a));
    } else widget?.run?.(name as Command, a, fn);
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
    fetch(`${server}/api/sites/${encodeURIComponent(siteKey)}/config`, {
      referrerPolicy: "no-referrer-when-downgrade",
    })
      .then((res) => {
        // 5xx: the server or a proxy in front of it is having a moment; worth retrying like a network error.
        if (res.status >= 500) throw res.status;
        if (!res.ok) {
          err(
            res.status === 404
              ? `unknown site key "${siteKey}"; check data-site on the script tag. The chat is not shown.`
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
        if (!tries) err(`cannot reach ${server}; retrying.`, e);
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
