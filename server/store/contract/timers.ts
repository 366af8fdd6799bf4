// Timers that must fire once across all processes: whoever takes a due timer handles it, nobody else.

// An offer's ring timeout, a lead's maximum wait, its speed-to-lead target.
export type DueKind = "offer" | "wait" | "sla";

export interface TimersStore {
  scheduleDue(kind: DueKind, conversationId: string, at: number): Promise<void>;
  cancelDue(kind: DueKind, conversationId: string): Promise<void>;
  takeDue(now: number, limit: number): Promise<{ kind: DueKind; conversationId: string }[]>;
}
