import { byShortcut, type SavedRepliesStore } from "../contract/saved-replies.ts";
import { copy, type MemoryState } from "./state.ts";

export function memorySavedReplies({ savedReplies }: MemoryState): SavedRepliesStore {
  const taken = (shortcut: string, id: string) =>
    [...savedReplies.values()].some((r) => r.shortcut === shortcut && r.id !== id);
  return {
    async addSavedReply(reply, max) {
      if (taken(reply.shortcut, reply.id)) return "duplicate";
      if (savedReplies.size >= max) return "full";
      savedReplies.set(reply.id, copy(reply));
      return "ok";
    },
    async replaceSavedReply(reply) {
      if (!savedReplies.has(reply.id)) return "missing";
      if (taken(reply.shortcut, reply.id)) return "duplicate";
      savedReplies.set(reply.id, copy(reply));
      return "ok";
    },
    async getSavedReply(id) {
      const reply = savedReplies.get(id);
      return reply ? copy(reply) : null;
    },
    async listSavedReplies() {
      return [...savedReplies.values()].sort(byShortcut).map(copy);
    },
    async removeSavedReply(id) {
      return savedReplies.delete(id);
    },
  };
}
