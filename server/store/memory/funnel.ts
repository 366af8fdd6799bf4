import { applyIncrements, type Counters, contributions, counterDay, increments } from "../../../shared/funnel/index.ts";
import type { Conversation } from "../contract/conversations.ts";
import type { FunnelCountersStore } from "../contract/funnel.ts";
import { type MemoryState, setOf } from "./state.ts";

// F27: moves the conversation's day from what it added before to what it adds now (`stored` absent: it is
// erased, and takes back all it added). Synchronous, so a store write and its counts are one step, as in Redis.
export function countFunnel(state: MemoryState, id: string, stored: Conversation | undefined): void {
  const before = state.funnelCounted.get(id);
  const day = before?.day ?? (stored ? `${stored.siteKey}|${counterDay(stored)}` : undefined);
  if (!day) return;
  const pinned = stored
    ? state.playbooks.get(`${stored.engine.playbookId}:${stored.engine.playbookVersion}`)
    : undefined;
  const after: Counters = stored ? contributions(stored, pinned) : {};
  applyIncrements(
    setOf(state.funnelDays, day, () => ({})),
    increments(before?.counters ?? {}, after),
  );
  if (stored) state.funnelCounted.set(id, { day, counters: after });
  else state.funnelCounted.delete(id);
}

// Nothing outlives the process here, so retention has nothing to expire.
export function memoryFunnel(state: MemoryState): FunnelCountersStore {
  return {
    async funnelCounters(siteKey, days) {
      return days.map((day) => ({ ...(state.funnelDays.get(`${siteKey}|${day}`) ?? {}) }));
    },
    async backfillFunnelCounters(siteKey) {
      if (state.funnelBackfilled.has(siteKey)) return 0;
      let counted = 0;
      for (const id of state.siteConversations.get(siteKey)?.keys() ?? []) {
        const c = state.conversations.get(id);
        if (!c || state.funnelCounted.has(id)) continue;
        countFunnel(state, id, c);
        counted++;
      }
      state.funnelBackfilled.add(siteKey);
      return counted;
    },
  };
}
