import {
  applyIncrements,
  type Counters,
  counterDay,
  counterHashes,
  hashContributions,
  increments,
  monthOf,
} from "../../../shared/funnel/index.ts";
import { askedContributions, questionsPerMonth } from "../../../shared/leads/unanswered.ts";
import type { UnansweredQuestion } from "../../../shared/protocol/index.ts";
import type { Conversation } from "../contract/conversations.ts";
import type { FunnelCountersStore } from "../contract/funnel.ts";
import { type MemoryState, setOf } from "./state.ts";

// F27, F34: moves the conversation's hashes (its day, its month's rollup and chart) from what it added before to
// what it adds now (`stored` absent: it is erased, and takes back all it added). Synchronous, so a store write and
// its counts are one step, as in Redis.
// Returns whether any counter moved.
export function countFunnel(state: MemoryState, id: string, stored: Conversation | undefined): boolean {
  const before = state.funnelCounted.get(id);
  // A record from before the cross hashes (F35) names fewer hashes: the same first ones.
  const hashes = stored
    ? counterHashes(counterDay(stored)).map((name) => `${stored.siteKey}|${name}`)
    : (before?.hashes ?? []);
  if (hashes.length === 0) return false;
  const pinned = stored
    ? state.playbooks.get(`${stored.engine.playbookId}:${stored.engine.playbookVersion}`)
    : undefined;
  const after: Counters[] = stored ? hashContributions(stored, pinned) : [];
  let moved = false;
  for (const [i, hash] of hashes.entries()) {
    const delta = increments(before?.counters[i] ?? {}, after[i] ?? {});
    if (Object.keys(delta).length === 0) continue;
    applyIncrements(
      setOf(state.funnelDays, hash, () => ({})),
      delta,
    );
    moved = true;
  }
  if (stored) state.funnelCounted.set(id, { hashes, counters: after });
  else state.funnelCounted.delete(id);
  return countQuestions(state, id, stored) || moved;
}

// shared/leads/SPEC.md Q1, as lib-funnel-counters.lua's questions(): each question the conversation asked
// unanswered, in its creation month, a question new to a month that holds questionsPerMonth not counted there.
function countQuestions(state: MemoryState, id: string, stored: Conversation | undefined): boolean {
  const before = state.questionCounted.get(id);
  const month = before?.month ?? (stored ? `${stored.siteKey}|${monthOf(counterDay(stored))}` : undefined);
  if (!month) return false;
  const added = Object.fromEntries(askedContributions(stored?.engine.asked));
  const questions = setOf(state.questionMonths, month, () => new Map());
  let moved = false;
  for (const [key, was] of Object.entries(before?.added ?? {})) {
    const now = added[key];
    if (now?.text === was.text && now.at === was.at) continue;
    const askers = questions.get(key);
    if (!askers?.delete(id)) continue;
    moved = true;
    if (askers.size === 0) questions.delete(key);
  }
  for (const [key, now] of Object.entries(added)) {
    const was = before?.added[key];
    if (was?.text === now.text && was.at === now.at) continue;
    if (!questions.has(key) && questions.size >= questionsPerMonth) continue;
    setOf(questions, key, () => new Map()).set(id, now);
    moved = true;
  }
  if (questions.size === 0) state.questionMonths.delete(month);
  if (stored && Object.keys(added).length > 0) state.questionCounted.set(id, { month, added });
  else state.questionCounted.delete(id);
  return moved;
}

// Nothing outlives the process here, so retention has nothing to expire.
export function memoryFunnel(state: MemoryState): FunnelCountersStore {
  return {
    async funnelCounters(siteKey, names) {
      return names.map((name) => ({ ...(state.funnelDays.get(`${siteKey}|${name}`) ?? {}) }));
    },
    async funnelSums(siteKey, plus, minus) {
      const sums: Counters = {};
      for (const name of plus) applyIncrements(sums, state.funnelDays.get(`${siteKey}|${name}`) ?? {});
      for (const name of minus) applyIncrements(sums, increments(state.funnelDays.get(`${siteKey}|${name}`) ?? {}, {}));
      return sums;
    },
    async askedQuestions(siteKey) {
      const byKey = new Map<string, UnansweredQuestion>();
      for (const [month, questions] of state.questionMonths) {
        if (!month.startsWith(`${siteKey}|`)) continue;
        for (const [key, askers] of questions) {
          const q = byKey.get(key) ?? { text: "", count: 0, lastAskedAt: -1 };
          q.count += askers.size;
          for (const a of askers.values())
            if (a.at >= q.lastAskedAt) Object.assign(q, { text: a.text, lastAskedAt: a.at });
          byKey.set(key, q);
        }
      }
      return [...byKey.values()];
    },
    async funnelFollowUps(siteKey, start, end, limit) {
      const ids = [...(state.siteConversations.get(siteKey)?.entries() ?? [])]
        .filter(([, at]) => at >= start && at < end)
        .sort((a, b) => b[1] - a[1] || b[0].localeCompare(a[0]))
        .slice(0, limit)
        .map(([id]) => id);
      const chosen = new Set(ids);
      const items = [...state.followUps.values()]
        .filter((f) => chosen.has(f.conversationId) && state.conversations.has(f.conversationId))
        .map((f) => {
          const item = structuredClone(f);
          const source = state.conversations.get(f.conversationId)?.source;
          return source ? { item, source: structuredClone(source) } : { item };
        });
      return { items, limited: ids.length === limit };
    },
    async backfillFunnelCounters(siteKey) {
      // F32, F35: "|3", counted in the current format (an older store on disk counted some in an older one).
      const done = `${siteKey}|3`;
      if (state.funnelBackfilled.has(done)) return 0;
      let counted = 0;
      for (const id of state.siteConversations.get(siteKey)?.keys() ?? []) {
        const c = state.conversations.get(id);
        if (c && countFunnel(state, id, c)) counted++;
      }
      state.funnelBackfilled.add(done);
      return counted;
    },
  };
}
