// A proactive message as the console's form holds it (strings and ticks, one per control) and as the API takes
// it; the server's field paths placed on the form's fields; and a trigger's conditions in words for the list.

import { type Trigger, type TriggerInput, triggerDefaults } from "../../../../shared/protocol/engage.ts";
import type { FieldError } from "../../../../shared/protocol/index.ts";

export interface TriggerForm {
  id?: string;
  name: string;
  enabled: boolean;
  message: string;
  replies: [string, string, string];
  startAt: string;
  // Each condition: ticked, and its value as typed.
  urlsOn: boolean;
  urls: string;
  secondsOn: boolean;
  seconds: string;
  scrollOn: boolean;
  scroll: string;
  exitIntent: boolean;
  returning: boolean;
  campaignOn: boolean;
  campaign: string;
  sourceOn: boolean;
  source: string;
  pagesOn: boolean;
  pages: string;
  eventOn: boolean;
  event: string;
  maxPerDay: string;
  dismissDays: string;
  duringBusinessHours: boolean;
  whenRepOnline: boolean;
  onSmallScreens: boolean;
}

const list = (s: string) =>
  s
    .split(/[\n,]/)
    .map((x) => x.trim())
    .filter(Boolean);

export function triggerFormOf(t?: Trigger): TriggerForm {
  const w = t?.when ?? {};
  const r = t?.quickReplies ?? [];
  return {
    ...(t ? { id: t.id } : {}),
    name: t?.name ?? "",
    enabled: t?.enabled ?? true,
    message: t?.message ?? "",
    replies: [r[0] ?? "", r[1] ?? "", r[2] ?? ""],
    startAt: t?.startAt ?? "",
    urlsOn: Boolean(w.urls),
    urls: (w.urls ?? []).join("\n"),
    secondsOn: w.secondsOnPage !== undefined,
    seconds: String(w.secondsOnPage ?? 30),
    scrollOn: w.scrollPercent !== undefined,
    scroll: String(w.scrollPercent ?? 50),
    exitIntent: Boolean(w.exitIntent),
    returning: Boolean(w.returning),
    campaignOn: Boolean(w.utmCampaign),
    campaign: (w.utmCampaign ?? []).join(", "),
    sourceOn: Boolean(w.utmSource),
    source: (w.utmSource ?? []).join(", "),
    pagesOn: w.pagesThisVisit !== undefined,
    pages: String(w.pagesThisVisit ?? 3),
    eventOn: w.event !== undefined,
    event: w.event ?? "",
    maxPerDay: String(t?.maxPerDay ?? triggerDefaults.maxPerDay),
    dismissDays: String(t?.dismissDays ?? triggerDefaults.dismissDays),
    duringBusinessHours: t?.duringBusinessHours ?? false,
    whenRepOnline: t?.whenRepOnline ?? false,
    onSmallScreens: t?.onSmallScreens ?? false,
  };
}

// Numbers as typed: a blank or non-number is sent as NaN's JSON (null), which the server refuses by path.
const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

export function triggerInputOf(f: TriggerForm): TriggerInput {
  return {
    ...(f.id ? { id: f.id } : {}),
    name: f.name,
    enabled: f.enabled,
    message: f.message,
    quickReplies: f.replies.map((r) => r.trim()).filter(Boolean),
    ...(f.startAt ? { startAt: f.startAt } : {}),
    when: {
      ...(f.urlsOn ? { urls: list(f.urls) } : {}),
      ...(f.secondsOn ? { secondsOnPage: num(f.seconds) } : {}),
      ...(f.scrollOn ? { scrollPercent: num(f.scroll) } : {}),
      ...(f.exitIntent ? { exitIntent: true as const } : {}),
      ...(f.returning ? { returning: true as const } : {}),
      ...(f.campaignOn ? { utmCampaign: list(f.campaign) } : {}),
      ...(f.sourceOn ? { utmSource: list(f.source) } : {}),
      ...(f.pagesOn ? { pagesThisVisit: num(f.pages) } : {}),
      ...(f.eventOn ? { event: f.event.trim() } : {}),
    },
    maxPerDay: num(f.maxPerDay),
    dismissDays: num(f.dismissDays),
    duringBusinessHours: f.duringBusinessHours,
    whenRepOnline: f.whenRepOnline,
    onSmallScreens: f.onSmallScreens,
  };
}

// The form's control for each field the server names under triggers.N (the first error of each wins).
const controls: Record<string, string> = {
  name: "t-name",
  message: "t-message",
  startAt: "t-startAt",
  "when.urls": "t-urls",
  "when.secondsOnPage": "t-seconds",
  "when.scrollPercent": "t-scroll",
  "when.utmCampaign": "t-campaign",
  "when.utmSource": "t-source",
  "when.pagesThisVisit": "t-pages",
  "when.event": "t-event",
  maxPerDay: "t-maxPerDay",
  dismissDays: "t-dismissDays",
};

export function triggerErrors(fields: FieldError[], index: number): Record<string, string> {
  const errors: Record<string, string> = {};
  const prefix = `triggers.${index}.`;
  for (const f of fields) {
    if (!f.path.startsWith(prefix)) {
      errors[""] ??= f.message;
      continue;
    }
    const rest = f.path.slice(prefix.length);
    const reply = /^quickReplies(?:\.(\d))?/.exec(rest);
    const id = reply ? `t-reply-${reply[1] ?? 0}` : controls[rest.replace(/\.\d+$/, "")];
    errors[id ?? ""] ??= f.message;
  }
  return errors;
}

const seconds = (n: number) => (n < 60 || n % 60 ? `${n} s` : `${n / 60} min`);

// "On /pricing*, after 30 s on the page, returning visitors"; no conditions: every page.
export function whenInWords(t: Trigger): string {
  const w = t.when;
  const parts = [
    w.urls && `on ${w.urls.join(" or ")}`,
    w.secondsOnPage !== undefined && `after ${seconds(w.secondsOnPage)} on the page`,
    w.scrollPercent !== undefined && `scrolled ${w.scrollPercent}%`,
    w.exitIntent && "leaving the page",
    w.returning && "returning visitors",
    w.utmCampaign && `campaign ${w.utmCampaign.join(" or ")}`,
    w.utmSource && `source ${w.utmSource.join(" or ")}`,
    w.pagesThisVisit !== undefined && `from page ${w.pagesThisVisit} of a visit`,
    w.event !== undefined && `when the page tracks “${w.event}”`,
  ].filter((p): p is string => Boolean(p));
  const text = parts.length ? parts.join(", ") : "on every page";
  return text.charAt(0).toUpperCase() + text.slice(1);
}
