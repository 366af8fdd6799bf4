// The chat header's line under the name: how soon the team usually replies, as the owner chose it, but only while
// that is true. Outside the site's business hours nobody replies in "a few minutes", so the line says when the
// team is back instead, in the visitor's own time.
import { replyTimes, type SiteConfig } from "../protocol/index.ts";
import { isOpen, nextOpening } from "../routing/hours.ts";

// `timeZone` is the visitor's (undefined: the runtime's own).
export function replyLine(
  site: Pick<SiteConfig, "replyTime" | "businessHours">,
  now: number,
  timeZone: string | undefined,
): string {
  const { replyTime, businessHours } = site;
  if (!replyTime) return "";
  if (!businessHours || isOpen(businessHours, now)) return `Usually replies in ${replyTimes[replyTime]}`;
  const at = nextOpening(businessHours, now);
  return at === null ? "Away right now" : `Back ${dayOf(at, now, timeZone)} at ${timeOf(at, timeZone)}`;
}

const format = (at: number, timeZone: string | undefined, opts: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat("en-US", { ...opts, ...(timeZone ? { timeZone } : {}) }).format(at);

const dateOf = (at: number, timeZone: string | undefined) =>
  format(at, timeZone, { year: "numeric", month: "numeric", day: "numeric" });

// "today", "tomorrow", or the weekday (an opening is at most a week away).
function dayOf(at: number, now: number, timeZone: string | undefined): string {
  const day = dateOf(at, timeZone);
  if (day === dateOf(now, timeZone)) return "today";
  if (day === dateOf(now + 86_400_000, timeZone)) return "tomorrow";
  return format(at, timeZone, { weekday: "long" });
}

const timeOf = (at: number, timeZone: string | undefined) =>
  format(at, timeZone, { hour: "numeric", minute: "2-digit" });
