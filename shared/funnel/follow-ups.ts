// Follow-ups done on time (rules F17-F18 in SPEC.md): of the follow-ups with a target, how many were done by
// their due time, in all, per rep and per source. Pure: the server passes the items with their lead's source.
import { withTarget } from "../followups/index.ts";
import { sourceLabel } from "../leads/source.ts";
import type { FollowUp, FollowUpsOnTime, LeadSource, OnTimeRow } from "../protocol/index.ts";

export interface SourcedFollowUp {
  item: FollowUp;
  source?: LeadSource;
}

// F17
function verdict(f: FollowUp, now: number): "on-time" | "late" | "undecided" | null {
  if (!withTarget.includes(f.kind)) return null;
  if (f.state === "done") return f.breachedAt === undefined && (f.doneAt ?? 0) <= f.dueAt ? "on-time" : "late";
  return f.breachedAt !== undefined || f.dueAt <= now ? "late" : "undecided";
}

function rows(groups: Map<string, { label: string; verdicts: string[] }>): OnTimeRow[] {
  return [...groups.entries()]
    .map(([key, g]) => row(key, g.label, g.verdicts))
    .sort((a, b) => b.due - a.due || a.label.localeCompare(b.label));
}

function row(key: string, label: string, verdicts: string[]): OnTimeRow {
  const due = verdicts.filter((v) => v !== "undecided").length;
  const onTime = verdicts.filter((v) => v === "on-time").length;
  return { key, label, due, onTime, share: due === 0 ? null : onTime / due };
}

// `names`: a user id's name (unknown ids read "A former teammate").
export function followUpsOnTime(
  items: readonly SourcedFollowUp[],
  names: (userId: string) => string | undefined,
  now: number,
): FollowUpsOnTime {
  const all: string[] = [];
  const byRep = new Map<string, { label: string; verdicts: string[] }>();
  const bySource = new Map<string, { label: string; verdicts: string[] }>();
  const add = (m: typeof byRep, key: string, label: string, v: string) => {
    const g = m.get(key) ?? { label, verdicts: [] };
    g.verdicts.push(v);
    m.set(key, g);
  };
  // A missed handoff that a callback replaced (FU7) was not followed up: the callback is the one need.
  const called = new Set(items.filter((x) => x.item.kind === "callback").map((x) => x.item.conversationId));
  for (const { item, source } of items) {
    if (item.kind === "missed-handoff" && called.has(item.conversationId)) continue;
    const v = verdict(item, now);
    if (v === null) continue;
    all.push(v);
    // F18: who did it, else whose it is.
    const who = item.doneBy ?? item.ownerId;
    const label =
      who === undefined ? "Nobody" : who === "system" ? "Reached in a chat" : (names(who) ?? "A former teammate");
    add(byRep, who ?? "nobody", label, v);
    const s = sourceLabel(source);
    add(bySource, s, s, v);
  }
  return { all: row("all", "All follow-ups", all), byRep: rows(byRep), bySource: rows(bySource) };
}
