// Timers that must fire once across all processes: whoever takes a due timer handles it, nobody else.

// Routing's: an offer's ring timeout, a lead's maximum wait, its speed-to-lead target. Other parts', fired by the
// same tick (server/routing/router.ts): a rep's reply to email to a visitor who left (server/notify/replies.ts), a
// conversation's next follow-up coming due (server/notify/overdue.ts), a lead's next follow-up email
// (server/followups/sequences.ts). Every timer is named by its conversation, so
// erasing a conversation removes its timers of every kind.
export const dueKinds = ["offer", "wait", "sla", "reply", "follow-up", "sequence"] as const;
export type DueKind = (typeof dueKinds)[number];
export type OtherDueKind = Exclude<DueKind, "offer" | "wait" | "sla">;

export interface TimersStore {
  scheduleDue(kind: DueKind, conversationId: string, at: number): Promise<void>;
  cancelDue(kind: DueKind, conversationId: string): Promise<void>;
  takeDue(now: number, limit: number): Promise<{ kind: DueKind; conversationId: string }[]>;
}
