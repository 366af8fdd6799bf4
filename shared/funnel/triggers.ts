// Proactive messages in the funnel (rules F24-F25 in SPEC.md): per trigger, how often its teaser was shown, opened
// and dismissed, and what came of the conversations it started. Pure: the server passes the counts of the range's
// days and the range's conversations.
import type { TriggerRow } from "../protocol/index.ts";
import type { FunnelConversation } from "./funnel.ts";

// One trigger's counts on one day (the store keeps them per site, trigger and UTC day).
export interface TriggerCount {
  trigger: string;
  shown: number;
  opened: number;
  dismissed: number;
}

export type TriggeredConversation = FunnelConversation & { trigger?: string };

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

// F24, F25: the site's triggers in the owner's order, then those it deleted that have figures in the range, by id.
export function byTrigger(
  triggers: readonly { id: string; name: string }[],
  counts: readonly TriggerCount[],
  conversations: readonly TriggeredConversation[],
): TriggerRow[] {
  const started = new Map<string, { conversations: number; qualified: number }>();
  for (const c of conversations) {
    if (c.trigger === undefined) continue;
    const s = started.get(c.trigger) ?? { conversations: 0, qualified: 0 };
    s.conversations++;
    const { stage } = c.engine.qualification;
    if (stage === "mql" || stage === "sql") s.qualified++;
    started.set(c.trigger, s);
  }
  return triggerRows(triggers, counts, started);
}

// F24, F25 from what each trigger started (conversations, and of those qualified), by trigger id: byTrigger's rows,
// for the counters too (from-counters.ts).
export function triggerRows(
  triggers: readonly { id: string; name: string }[],
  counts: readonly TriggerCount[],
  started: ReadonlyMap<string, { conversations: number; qualified: number }>,
): TriggerRow[] {
  const rows = new Map<string, TriggerRow>();
  const rowOf = (id: string, name?: string) => {
    let row = rows.get(id);
    if (!row) {
      row = {
        id,
        shown: 0,
        opened: 0,
        dismissed: 0,
        openedRate: null,
        conversations: 0,
        qualified: 0,
        qualifiedRate: null,
      };
      if (name !== undefined) row.name = name;
      rows.set(id, row);
    }
    return row;
  };
  for (const t of triggers) rowOf(t.id, t.name);
  const known = rows.size;
  for (const c of counts) {
    const row = rowOf(c.trigger);
    row.shown += c.shown;
    row.opened += c.opened;
    row.dismissed += c.dismissed;
  }
  for (const [trigger, s] of started) {
    if (s.conversations === 0 && s.qualified === 0) continue;
    const row = rowOf(trigger);
    row.conversations += s.conversations;
    row.qualified += s.qualified;
  }
  const all = [...rows.values()];
  for (const row of all) {
    row.openedRate = share(row.opened, row.shown);
    row.qualifiedRate = share(row.qualified, row.conversations);
  }
  // Map order is insertion order: the site's own triggers first, as the owner listed them.
  return [...all.slice(0, known), ...all.slice(known).sort((a, b) => a.id.localeCompare(b.id))];
}
