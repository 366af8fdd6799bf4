// The words a sales team reads on a lead card (see shared/DOMAIN.md).
import { sourceLabel } from "../../../shared/leads/source.ts";
import type {
  LeadCard,
  LeadSource,
  Outcome,
  RepStatus,
  ScoreReason,
  Stage,
  Tier,
} from "../../../shared/protocol/index.ts";

export const tierLabel: Record<Tier, string> = { cold: "Cold", warm: "Warm", hot: "Hot" };

export const stageLabel: Record<Stage, string> = { lead: "Lead", mql: "MQL", sql: "SQL", disqualified: "Disqualified" };

// "Budget about $50,000, at least $25k: +25": every point with its reason, as the playbook words it.
export function reasonLine(r: ScoreReason): string {
  return `${r.reason}: ${r.points > 0 ? "+" : ""}${r.points}`;
}

// The email the bot collected, else the one (or the name) the host page identified the visitor with, marked when
// the site did not sign it.
export function leadName(lead: LeadCard): string {
  if (lead.email) return lead.email;
  const id = lead.identity;
  const named = id?.email ?? id?.name;
  if (!named) return "Visitor";
  return id?.verified ? named : `${named} (unverified)`;
}

// "google / cpc / q1-campaign": the source's name, then the UTM medium and campaign when the link had them.
export function sourceLine(source: LeadSource | undefined): string {
  return [sourceLabel(source), source?.utm?.medium, source?.utm?.campaign].filter(Boolean).join(" / ");
}

export function leadLabel(lead: LeadCard): string {
  return `${tierLabel[lead.qualification.tier]} lead from ${lead.siteName}`;
}

// Visitors supply the page URL, so only http(s) becomes a link; anything else stays text.
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export const outcomeLabel: Record<Outcome, string> = {
  "meeting-booked": "Meeting booked",
  qualified: "Qualified opportunity",
  "not-a-fit": "Not a fit",
  "no-response": "No response",
};

export const repStatusLabel: Record<RepStatus, string> = { available: "Available", away: "Away", offline: "Offline" };

// The visitor's wall clock, so the rep knows whether "call me this afternoon" is now. The zone comes from the
// visitor's browser: an unknown one throws in Intl, and then there is simply no local time to show.
export function localTime(timeZone: string | undefined, now: number): string | undefined {
  if (!timeZone) return undefined;
  try {
    return new Intl.DateTimeFormat(undefined, {
      timeZone,
      weekday: "short",
      hour: "numeric",
      minute: "2-digit",
    }).format(now);
  } catch {
    return undefined;
  }
}
