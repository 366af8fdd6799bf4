// The words a sales team reads on a lead card (see shared/DOMAIN.md).
import type { LeadCard } from "../../shared/protocol/index.ts";
import type { ScoreReason, Stage, Tier } from "../../shared/scoring/types.ts";

export const tierLabel: Record<Tier, string> = { cold: "Cold", warm: "Warm", hot: "Hot" };

export const stageLabel: Record<Stage, string> = { lead: "Lead", mql: "MQL", sql: "SQL", disqualified: "Disqualified" };

const slotNames: Record<string, string> = { budget: "Budget", authority: "Authority", need: "Need", timing: "Timing" };

export function slotLabel(slot: string): string {
  return slotNames[slot.toLowerCase()] ?? slot.charAt(0).toUpperCase() + slot.slice(1);
}

// "+20 Budget: over 10k a year": every point with its reason.
export function reasonLine(r: ScoreReason): string {
  return `${r.points > 0 ? "+" : ""}${r.points} ${slotLabel(r.slot)}: ${r.reason}`;
}

export function leadName(lead: LeadCard): string {
  return lead.email ?? "Visitor";
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
