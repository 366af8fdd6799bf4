import { dueTimeOf } from "../../../shared/followups/index.ts";
import type { FollowUpsStore } from "../contract/followups.ts";
import { copy, type MemoryState } from "./state.ts";

export function memoryFollowUps(s: MemoryState): FollowUpsStore {
  // An item lives as long as its conversation (erased, or dropped by retention).
  const live = (id: string) => {
    const f = s.followUps.get(id);
    if (f && !s.conversations.has(f.conversationId)) s.followUps.delete(id);
    return s.followUps.get(id);
  };
  return {
    async openFollowUp(item) {
      if (live(item.id)) return false;
      s.followUps.set(item.id, copy(item));
      return true;
    },
    async getFollowUp(id) {
      const f = live(id);
      return f ? copy(f) : null;
    },
    async updateFollowUp(next) {
      const current = live(next.id);
      if (!current || current.rev !== next.rev) return null;
      const stored = { ...copy(next), rev: next.rev + 1 };
      s.followUps.set(next.id, stored);
      return copy(stored);
    },
    async listOpenFollowUps(siteKey, ownerId) {
      return [...s.followUps.keys()]
        .map(live)
        .filter((f) => f?.state === "open" && f.siteKey === siteKey && (!ownerId || f.ownerId === ownerId))
        .map((f) => copy(f as NonNullable<typeof f>))
        .sort((a, b) => dueTimeOf(a) - dueTimeOf(b) || a.id.localeCompare(b.id));
    },
    async listConversationFollowUps(conversationId) {
      return [...s.followUps.keys()]
        .map(live)
        .filter((f) => f?.conversationId === conversationId)
        .map((f) => copy(f as NonNullable<typeof f>))
        .sort((a, b) => a.kind.localeCompare(b.kind));
    },
  };
}
