import type { Conversation, ConversationsStore } from "../contract/conversations.ts";
import type { MessageDraft } from "../contract/messages.ts";
import { activityIndexOf, countActivity, selectActivity, writeActivityIndex } from "./activity-index.ts";
import { countFunnel } from "./funnel.ts";
import { leadIndexOf, personConversationIds, selectLeadRows, sortLeadRows, writeLeadIndex } from "./lead-index.ts";
import { hitsNow } from "./limits.ts";
import { appendNow } from "./messages.ts";
import { copy, type MemoryState, setOf } from "./state.ts";

export function memoryConversations(state: MemoryState): ConversationsStore {
  const { conversations, visitorIndex, visitorAll, queues, repLive, threads, siteConversations } = state;
  const stored = (ids: string[]) =>
    ids.flatMap((id) => {
      const c = conversations.get(id);
      return c ? [copy(c)] : [];
    });

  // A conversation's write, synchronous so that one store call can do several writes with nothing else in
  // between.
  function updateNow(next: Conversation, previousRepId?: string): Conversation | null {
    if ((conversations.get(next.id)?.rev ?? 0) !== next.rev) return null;
    const stored = { ...copy(next), rev: next.rev + 1 };
    conversations.set(next.id, stored);
    state.indexEmails(stored);
    writeLeadIndex(leadIndexOf(state, next.siteKey, true), stored);
    writeActivityIndex(activityIndexOf(state, next.siteKey, true), stored);
    countFunnel(state, next.id, stored);
    const queue = setOf(queues, next.siteKey, () => new Map<string, number>());
    if (next.status === "queued") queue.set(next.id, next.queuedAt ?? 0);
    else queue.delete(next.id);
    if (next.repId) {
      const live = setOf(repLive, next.repId, () => new Set<string>());
      if (next.status === "live") live.add(next.id);
      else live.delete(next.id);
    }
    if (previousRepId && (previousRepId !== next.repId || next.status !== "live")) {
      repLive.get(previousRepId)?.delete(next.id);
    }
    return copy(stored);
  }

  // createConversation, synchronous: the conversation as stored, and whether this call stored it.
  function createNow(conversation: Conversation): { conversation: Conversation; now: boolean } {
    const same = conversations.get(conversation.id);
    if (same) return { conversation: same, now: false };
    const indexKey = `${conversation.siteKey}:${conversation.visitorId}`;
    const existing = conversations.get(visitorIndex.get(indexKey) ?? "");
    if (existing && existing.status !== "closed") return { conversation: existing, now: false };
    visitorIndex.set(indexKey, conversation.id);
    setOf(visitorAll, indexKey, () => new Set<string>()).add(conversation.id);
    const stored = { ...copy(conversation), rev: 1 };
    conversations.set(conversation.id, stored);
    state.indexEmails(stored);
    writeLeadIndex(leadIndexOf(state, conversation.siteKey, true), stored);
    writeActivityIndex(activityIndexOf(state, conversation.siteKey, true), stored);
    countFunnel(state, conversation.id, stored);
    setOf(siteConversations, conversation.siteKey, () => new Map<string, number>()).set(
      conversation.id,
      conversation.createdAt,
    );
    return { conversation: stored, now: true };
  }

  // Whether `next` makes the conversation live for a rep who has no room for it (the contract's capacity).
  function full(next: Conversation, capacity: number): boolean {
    if (next.status !== "live" || !next.repId) return false;
    const live = repLive.get(next.repId);
    return !live?.has(next.id) && (live?.size ?? 0) >= capacity;
  }

  function sayingNow(next: Conversation, previousRepId: string | undefined, lines: MessageDraft[], firstSeq?: number) {
    if (firstSeq !== undefined) {
      const thread = threads.get(next.id);
      const first = lines[0];
      if (!first || thread?.seqByClientId.has(first.clientId)) return null;
      if ((thread?.messages.length ?? 0) + 1 !== firstSeq) return null;
    }
    const conversation = updateNow(next, previousRepId);
    return conversation ? { conversation, said: lines.map((line) => appendNow(state, line)) } : null;
  }

  return {
    async createConversation(conversation) {
      const created = createNow(conversation);
      return copy(created.conversation);
    },
    // Counted, checked and written without an await in between: as atomic as the Redis script.
    async createConversationTurn(conversation, lines, limits) {
      const { allowed, retryAfterMs } = hitsNow(state, limits);
      if (!allowed) return { retryAfterMs };
      const created = createNow(conversation);
      if (!created.now) return "exists";
      return { conversation: copy(created.conversation), said: lines.map((line) => appendNow(state, line)) };
    },
    async getConversation(id) {
      const c = conversations.get(id);
      return c ? copy(c) : null;
    },
    async findVisitorConversation(siteKey, visitorId) {
      return visitorIndex.get(`${siteKey}:${visitorId}`) ?? null;
    },
    async updateConversation(next, previousRepId) {
      return updateNow(next, previousRepId);
    },
    // Checked and written without an await in between: as atomic as the Redis script.
    async updateConversationSaying(next, previousRepId, lines, firstSeq) {
      return sayingNow(next, previousRepId, lines, firstSeq);
    },
    async updateConversationTurn(next, previousRepId, lines, firstSeq, limits) {
      const { allowed, retryAfterMs } = hitsNow(state, limits);
      return allowed ? sayingNow(next, previousRepId, lines, firstSeq) : { retryAfterMs };
    },
    async updateConversationIfRoom(next, previousRepId, capacity) {
      if ((conversations.get(next.id)?.rev ?? 0) !== next.rev) return null;
      return full(next, capacity) ? "full" : updateNow(next, previousRepId);
    },
    async listQueue(siteKey) {
      const queue = queues.get(siteKey) ?? new Map<string, number>();
      return [...queue.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([id]) => id);
    },
    async listConversations(siteKey, limit, after) {
      const all = [...(siteConversations.get(siteKey) ?? new Map<string, number>()).entries()];
      // Newest first; equal times by id, descending, as in Redis (code-unit order, as Redis compares bytes).
      const before = (id: string, at: number, than: { id: string; createdAt: number }) =>
        at < than.createdAt || (at === than.createdAt && id < than.id);
      return all
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0))
        .filter(([id, at]) => !after || before(id, at, after))
        .slice(0, limit)
        .flatMap(([id]) => {
          const c = conversations.get(id);
          return c ? [copy(c)] : [];
        });
    },
    async queryLeadRows({ siteKey, limit, ...q }) {
      return stored(selectLeadRows(leadIndexOf(state, siteKey), q).slice(0, limit));
    },
    async sortedLeadRows({ siteKey, limit, ...q }) {
      return sortLeadRows(leadIndexOf(state, siteKey), q)
        .slice(0, limit)
        .flatMap(({ id, at }) => stored([id]).map((row) => ({ row, at })));
    },
    async countLeadRows({ siteKey, ...q }) {
      return selectLeadRows(leadIndexOf(state, siteKey), q).length;
    },
    async backfillLeadIndex(siteKey) {
      const index = leadIndexOf(state, siteKey, true);
      const missing = stored([...(siteConversations.get(siteKey)?.keys() ?? [])]).filter(
        (c) => !index.reg.get(c.id)?.s,
      );
      for (const c of missing) writeLeadIndex(index, c);
      return missing.length;
    },
    async queryActivity({ siteKey, limit, ...q }) {
      return selectActivity(activityIndexOf(state, siteKey), q).slice(0, limit);
    },
    async countActivity({ siteKey, terms }) {
      return countActivity(activityIndexOf(state, siteKey), terms);
    },
    async backfillActivityIndex(siteKey) {
      const index = activityIndexOf(state, siteKey, true);
      const missing = stored([...(siteConversations.get(siteKey)?.keys() ?? [])]).filter((c) => !index.reg.has(c.id));
      for (const c of missing) writeActivityIndex(index, c);
      return missing.length;
    },
    async listPersonConversations(siteKey, personKeys) {
      return personKeys.map((p) => stored(personConversationIds(leadIndexOf(state, siteKey), p)));
    },
    async listRepConversations(repId) {
      return [...(repLive.get(repId) ?? [])].sort();
    },
  };
}
