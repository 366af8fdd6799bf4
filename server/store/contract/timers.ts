// Timers that must fire once across all processes: whoever takes a due timer handles it, nobody else.

// An offer's ring timeout, a lead's maximum wait, its speed-to-lead target. Erasing a conversation removes its
// timers of every kind.
export const dueKinds = ["offer", "wait", "sla"] as const;
export type DueKind = (typeof dueKinds)[number];

export interface TimersStore {
  scheduleDue(kind: DueKind, conversationId: string, at: number): Promise<void>;
  cancelDue(kind: DueKind, conversationId: string): Promise<void>;
  takeDue(now: number, limit: number): Promise<{ kind: DueKind; conversationId: string }[]>;
}
