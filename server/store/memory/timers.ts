import type { DueKind, TimersStore } from "../contract/timers.ts";
import type { MemoryState } from "./state.ts";

export function memoryTimers({ due }: MemoryState): TimersStore {
  return {
    async scheduleDue(kind, conversationId, at) {
      due.set(`${kind}|${conversationId}`, at);
    },
    async cancelDue(kind, conversationId) {
      due.delete(`${kind}|${conversationId}`);
    },
    async takeDue(t, limit) {
      const ready = [...due.entries()]
        .filter(([, at]) => at <= t)
        .sort((a, b) => a[1] - b[1])
        .slice(0, limit);
      return ready.map(([member]) => {
        due.delete(member);
        const [kind, conversationId] = member.split("|");
        return { kind: kind as DueKind, conversationId: conversationId ?? "" };
      });
    },
  };
}
