// The engage chunk (assets/engage.js): the loader imports it on idle for sites with proactive messages, and on the
// first Banter('track'). It counts visits and keeps pages and tracked events for behaviour scoring (reported over
// HTTP once the visitor has a token, else left for the chat app's first join), and shows a site's teasers when
// their conditions hold. Everything it keeps is in localStorage under banter:SITE_KEY: (docs/embedding.md).
import { allowedNow, type Caps, noteDismissed, noteShown, readCaps, underCaps } from "../../shared/engage/caps.ts";
import { trackedEvent } from "../../shared/engage/track.ts";
import { readVisit, visitAt } from "../../shared/engage/visit.ts";
import { type Situation, secondsUntil, whenHolds } from "../../shared/engage/when.ts";
import { behaviourLimits, behaviourStorage, type VisitInfo } from "../../shared/protocol/behaviour.ts";
import type { EngageConfig, EngageEvent, PendingTrigger, Trigger } from "../../shared/protocol/engage.ts";
import type { SiteConfig } from "../../shared/protocol/sites.ts";
import type { ChatHandle } from "../chat/index.tsx";
import { pageAddress } from "../loader/embed.ts";
import { safe, warn } from "../loader/guard.ts";
import { store } from "../loader/storage.ts";
import { reporter } from "./report.ts";
import { fillTeaser, teaserRegion } from "./teaser.ts";

// What the loader passes (widget/loader/launcher.ts); kept few, as every byte there is on every customer page.
export interface EngageHost {
  server: string;
  site: SiteConfig;
  // The widget's shadow root, with the launcher and the panel; the chunk stops when its host leaves the page
  // (consent withdrawn).
  root: ShadowRoot;
  // Runs fn on the chat app if it is loaded or loading.
  chat(fn: (app: ChatHandle) => void): void;
}

export interface Engage {
  track(name: unknown, props?: unknown): void;
  // A page the loader recorded (a load or a single-page app's navigation).
  page(url: string): void;
}

// What the chunk keeps besides VisitInfo: when the visitor was last active (a visit ends 30 minutes after), the
// pages of this visit, and the teasers' caps.
interface State {
  active?: number;
  pages?: number;
  caps?: Caps;
}

export function start(h: EngageHost): Engage {
  const key = `banter:${h.site.key}:`;
  const launcher = h.root.querySelector(".launcher") as HTMLButtonElement;
  const panel = h.root.querySelector(".panel") as HTMLElement;
  const isOpen = () => !panel.hidden;
  const read = <T>(name: string, fallback: T): T => {
    try {
      return JSON.parse(store(key + name) ?? "null") ?? fallback;
    } catch {
      return fallback;
    }
  };
  const save = (name: string, v: unknown) => store(key + name, JSON.stringify(v));
  const api = `${h.server}/api/sites/${encodeURIComponent(h.site.key)}`;
  const report = reporter(key, `${api}/activity`, read, save);

  // Read and written through storage each time, so Banter('shutdown') (which clears it) starts afresh.
  const touch = (now: number): { visit: VisitInfo; state: State } => {
    const state = read<State>("engage", {});
    const before = readVisit(read(behaviourStorage.visit, null));
    const visit = visitAt(before, state.active, now);
    if (visit.startedAt !== before?.startedAt) state.pages = 0;
    state.active = now;
    save(behaviourStorage.visit, visit);
    return { visit, state };
  };
  const keep = <T>(name: string, item: T, max: number) => {
    const list = read<unknown>(name, []);
    save(name, [...(Array.isArray(list) ? list : []), item].slice(-max));
  };

  // This page: what its triggers read.
  let here: Omit<Situation, "visits" | "utm" | "pagesThisVisit" | "secondsOnPage"> & { at: number; shown: Set<string> };
  let config: EngageConfig | undefined;
  let fetchedAt = 0;
  let current: Trigger | undefined;
  // Added with its style sheet when a first teaser is due, not before: most page views show none, and adding them
  // costs the host page a style recalculation, a layout and a paint.
  let region: HTMLElement | undefined;
  // No polling: conditions are looked at on the events that change them, and this one timer wakes the chunk when
  // the nearest time on page is reached.
  let timer: ReturnType<typeof setTimeout> | undefined;

  const fetchConfig = () => {
    if (!h.site.engage || Date.now() - fetchedAt < 60_000) return;
    fetchedAt = Date.now();
    fetch(`${api}/engage`)
      .then((res) => (res.ok ? res.json() : undefined))
      .then((c?: EngageConfig) => {
        config = c;
        safe(evaluate)();
      })
      .catch(() => {});
  };

  const beacon = (trigger: string, event: EngageEvent["event"]) =>
    navigator.sendBeacon?.(`${api}/engage/events`, JSON.stringify({ trigger, event } satisfies EngageEvent));

  const setCaps = (change: (caps: Caps) => Caps) => {
    const state = read<State>("engage", {});
    save("engage", { ...state, caps: change(readCaps(state.caps)) });
  };

  const hide = (dismissed: boolean) => {
    const t = current;
    if (!t) return;
    current = undefined;
    region?.replaceChildren();
    if (!dismissed) return;
    setCaps((caps) => noteDismissed(caps, t, Date.now()));
    beacon(t.id, "dismissed");
    // Another trigger that holds may show now.
    evaluate();
  };

  // The teaser or a quick reply: the chat app reads the pending trigger as it joins (or at once, if it is
  // already running, through engage()). A quick reply starts at the owner's question too: it is the visitor's
  // first line, and the bot answers it there.
  const open = (t: Trigger, reply?: string) => {
    const pending: PendingTrigger = { id: t.id, at: Date.now(), startAt: t.startAt, reply };
    save("trigger", pending);
    hide(false);
    beacon(t.id, "opened");
    // As a click on the launcher: the chat opens with the focus in it (the visitor asked for it).
    launcher.click();
    h.chat((a) => (a as { engage?: () => void }).engage?.());
  };

  const show = (t: Trigger) => {
    current = t;
    here.shown.add(t.id);
    const fill = safe(() => {
      if (current !== t) return;
      setCaps((caps) => noteShown(caps, t.id, Date.now()));
      fillTeaser(region as HTMLElement, h.site, t, { open: (r) => open(t, r), dismiss: () => hide(true) });
      beacon(t.id, "shown");
    });
    if (region) return fill();
    region = teaserRegion(h.root);
    // A moment later: screen readers announce a live region's changes, not a region that arrives filled.
    setTimeout(fill, 250);
  };

  // One teaser at a time, each at most once per page; the first trigger (in the owner's order) that may show does.
  const evaluate = () => {
    clearTimeout(timer);
    if (!live()) return;
    if (isOpen()) return hide(false);
    if (!config?.triggers.length || current) return;
    scrolled();
    const now = Date.now();
    const state = read<State>("engage", {});
    const caps = readCaps(state.caps);
    // The visit's landing page as the loader kept it (shared/leads/source.ts reads the same parameters; not
    // imported, so this chunk shares no code with the chat app).
    let utm: Situation["utm"] = {};
    try {
      const q = new URL(String(read<{ landingPage?: unknown }>("source", {}).landingPage)).searchParams;
      utm = { source: q.get("utm_source") ?? undefined, campaign: q.get("utm_campaign") ?? undefined };
    } catch {}
    const moment = { open: config.open, repOnline: config.repOnline, width: innerWidth, chatOpen: false };
    const situation: Situation = {
      ...here,
      secondsOnPage: (now - here.at) / 1000,
      visits: readVisit(read(behaviourStorage.visit, null))?.count ?? 1,
      utm,
      pagesThisVisit: state.pages ?? 1,
    };
    const waiting = config.triggers.filter((t) => !here.shown.has(t.id));
    const t = waiting.find((t) => allowedNow(t, moment) && underCaps(t, caps, now) && whenHolds(t.when, situation));
    if (t) return show(t);
    const wait = Math.min(...waiting.map((t) => secondsUntil(t.when, situation)));
    if (wait < Infinity) timer = setTimeout(safe(evaluate), wait * 1000);
  };

  // The furthest the visitor scrolled: read as they scroll and when triggers are looked at, not as the chunk starts
  // (it would ask the host page for a layout before there is anything to show).
  const scrolled = () => {
    const d = document.documentElement;
    const percent = d.scrollHeight <= innerHeight ? 100 : ((scrollY + innerHeight) / d.scrollHeight) * 100;
    const further = Math.round(percent) > here.scrollPercent;
    if (further) here.scrollPercent = Math.round(percent);
    return further;
  };
  // Exit intent: the pointer leaves the window through its top edge, towards the tabs or the address bar. Only
  // with a mouse: touch screens have no such gesture.
  const fine = matchMedia("(pointer: fine)");
  const left = safe((e: MouseEvent) => {
    if (!e.relatedTarget && e.clientY <= 0 && fine.matches) {
      here.exited = true;
      evaluate();
    }
  });
  const onKey = safe((e: KeyboardEvent) => e.key === "Escape" && hide(true));
  const wake = safe(evaluate);
  const onScroll = safe(() => scrolled() && evaluate());
  const gone = safe(() => live() && report(true));
  const listen = (add: boolean) => {
    const on = add ? addEventListener : removeEventListener;
    on("scroll", onScroll, { passive: true });
    on("resize", wake);
    on("pagehide", gone);
    on("keydown", onKey);
    on("mouseout", left);
  };
  // The chat opening hides the teaser; its closing may let one show.
  const panelShown = new MutationObserver(wake);
  panelShown.observe(panel, { attributeFilter: ["hidden"] });
  // The widget left the page (consent withdrawn): the chunk stops at the first event after.
  const live = () => h.root.host.isConnected || stop();
  const stop = () => {
    clearTimeout(timer);
    panelShown.disconnect();
    listen(false);
    return false;
  };
  listen(true);

  const page = (url: string) => {
    const now = Date.now();
    const { state } = touch(now);
    save("engage", { ...state, pages: (state.pages ?? 0) + 1 });
    keep(behaviourStorage.unreported, { url, at: now }, behaviourLimits.pagesPerReport);
    hide(false);
    here = { url, at: now, scrollPercent: 0, exited: false, events: [], shown: new Set() };
    report();
    fetchConfig();
    evaluate();
  };
  page(pageAddress(location.href, location.href) ?? location.href);

  return {
    page: safe(page),
    track: safe((name: unknown, props?: unknown) => {
      const now = Date.now();
      const event = trackedEvent(name, props, now);
      if (typeof event === "string") return warn(`${event}; not recorded.`);
      save("engage", touch(now).state);
      keep(behaviourStorage.events, event, behaviourLimits.eventsPerReport);
      here.events.push(event.name);
      report();
      evaluate();
    }),
  };
}
