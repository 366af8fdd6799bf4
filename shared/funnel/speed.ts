// Speed to lead (rules F15-F16 in SPEC.md): how many leads that asked for a person got one within the site's
// target, and how fast, in all and per rep and per source. Pure: the server passes the conversations and target.
import { sourceLabel } from "../leads/source.ts";
import type { SpeedFigures, SpeedRow, SpeedToLead } from "../protocol/index.ts";
import type { SourcedConversation } from "./by-source.ts";
import { nearestRank } from "./funnel.ts";

export type SpeedConversation = SourcedConversation & { repName?: string; slaBreachedAt?: number };

type Verdict = "within" | "late" | "undecided";

// F15
function verdict(c: SpeedConversation, targetMs: number, now: number): Verdict | null {
  if (c.queuedAt === undefined) return null;
  if (c.acceptedAt !== undefined && c.slaBreachedAt === undefined && c.acceptedAt - c.queuedAt <= targetMs) {
    return "within";
  }
  if (c.acceptedAt !== undefined || c.slaBreachedAt !== undefined || c.missedHandoff) return "late";
  return now - c.queuedAt > targetMs ? "late" : "undecided";
}

// F15 over one group of leads (all, a rep's, a source's, a day's).
export function speedFigures(group: readonly SpeedConversation[], targetMs: number, now: number): SpeedFigures {
  let within = 0;
  let decided = 0;
  const waits: number[] = [];
  for (const c of group) {
    const v = verdict(c, targetMs, now);
    if (v === null || v === "undecided") continue;
    decided++;
    if (v === "within") within++;
    if (c.acceptedAt !== undefined && c.queuedAt !== undefined && c.acceptedAt >= c.queuedAt) {
      waits.push(c.acceptedAt - c.queuedAt);
    }
  }
  waits.sort((a, b) => a - b);
  return {
    asked: decided,
    within,
    share: decided === 0 ? null : within / decided,
    median: waits.length === 0 ? null : nearestRank(waits, 50),
    p90: waits.length === 0 ? null : nearestRank(waits, 90),
  };
}

function row(key: string, label: string, group: SpeedConversation[], targetMs: number, now: number): SpeedRow {
  return { key, label, ...speedFigures(group, targetMs, now) };
}

function grouped(
  conversations: readonly SpeedConversation[],
  keyOf: (c: SpeedConversation) => { key: string; label: string } | null,
  targetMs: number,
  now: number,
): SpeedRow[] {
  const groups = new Map<string, { label: string; list: SpeedConversation[] }>();
  for (const c of conversations) {
    if (c.queuedAt === undefined) continue;
    const k = keyOf(c);
    if (!k) continue;
    const g = groups.get(k.key) ?? { label: k.label, list: [] };
    g.list.push(c);
    groups.set(k.key, g);
  }
  return [...groups.entries()]
    .map(([key, g]) => row(key, g.label, g.list, targetMs, now))
    .sort((a, b) => b.asked - a.asked || a.label.localeCompare(b.label));
}

// F15, F16. `now`: what "still waiting past the target" is measured against.
export function speedToLead(conversations: readonly SpeedConversation[], targetMs: number, now: number): SpeedToLead {
  return {
    targetMs,
    all: row("all", "All leads", [...conversations], targetMs, now),
    byRep: grouped(
      conversations,
      (c) => (c.repId ? { key: c.repId, label: c.repName ?? "A rep" } : null),
      targetMs,
      now,
    ),
    bySource: grouped(
      conversations,
      (c) => {
        const label = sourceLabel(c.source);
        return { key: label, label };
      },
      targetMs,
      now,
    ),
  };
}
