// The words a sales team reads on a lead card (see shared/DOMAIN.md).
import type { LeadCard } from "../../shared/protocol/index.ts";
import type { ScoreReason, Stage, Tier } from "../../shared/scoring/types.ts";

export const tierLabel: Record<Tier, string> = { cold: "Cold", warm: "Warm", hot: "Hot" };

export const stageLabel: Record<Stage, string> = { lead: "Lead", mql: "MQL", sql: "SQL", disqualified: "Disqualified" };

// "Budget about $50,000, at least $25k: +25": every point with its reason, as the playbook words it.
export function reasonLine(r: ScoreReason): string {
  return `${r.reason}: ${r.points > 0 ? "+" : ""}${r.points}`;
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
