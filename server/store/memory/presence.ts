import type { PresenceStore } from "../contract/presence.ts";
import type { MemoryState } from "./state.ts";

export function memoryPresence({ users, repStatus, tabs, offered }: MemoryState): PresenceStore {
  return {
    async setRepStatus(repId, status) {
      repStatus.set(repId, status);
    },
    async touchRepTab(repId, tabId, expiresAt) {
      tabs.set(`${repId}|${tabId}`, expiresAt);
    },
    async dropRepTab(repId, tabId) {
      tabs.delete(`${repId}|${tabId}`);
    },
    async expireRepTabs(t) {
      const gone = new Set<string>();
      for (const [member, expiresAt] of tabs) {
        if (expiresAt > t) continue;
        tabs.delete(member);
        gone.add(member.split("|")[0] ?? "");
      }
      const online = new Set([...tabs.keys()].map((m) => m.split("|")[0]));
      return [...gone].filter((r) => !online.has(r));
    },
    async presence(t) {
      const online = new Set([...tabs.entries()].filter(([, e]) => e > t).map(([m]) => m.split("|")[0]));
      return [...users.values()]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((u) => ({
          repId: u.id,
          status: repStatus.get(u.id) ?? "available",
          online: online.has(u.id),
          lastOfferedAt: offered.get(u.id) ?? 0,
        }));
    },
    async markOffered(repId, at) {
      offered.set(repId, at);
    },
  };
}
