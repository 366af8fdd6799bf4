// Follow-up emails to a lead (rules SQ1-SQ5 in SPEC.md): whether a closed conversation starts them, which step is
// due, and what stops them. Pure: the time, the length of a day and what the store knows come in as arguments;
// server/followups/sequences.ts reads the store and sends.
import type { FollowUpStep, Playbook } from "../engine/playbook.ts";
import { followUpSteps } from "../engine/playbook.ts";
import type { EngineState } from "../engine/state.ts";
import type { FollowUpEmails, FollowUpStop } from "../protocol/index.ts";

export const dayMs = 24 * 3600_000;

// What the rules read of a conversation.
export interface SequenceSubject {
  status: "bot" | "queued" | "live" | "closed";
  engine: Pick<EngineState, "qualification" | "slots" | "outcome" | "followUpNoticed">;
  acceptedAt?: number;
  sales?: { ownerId?: string };
  followUpEmails?: FollowUpEmails;
}

// SQ2: consent is an email given after the email question told of the follow-up (engine rule P6).
export function consented(engine: SequenceSubject["engine"]): boolean {
  return engine.followUpNoticed === true && emailOf(engine) !== undefined;
}

export function emailOf(engine: Pick<EngineState, "slots">): string | undefined {
  return Object.values(engine.slots).find((a) => a.value.kind === "email")?.display;
}

// SQ1: the write that closes a cold or warm lead who consented, never taken by a rep and not disqualified, whose
// pinned playbook has steps for its tier, starts the emails (once: a conversation that has them keeps them).
export function sequenceStart(
  playbook: Pick<Playbook, "followUp">,
  before: SequenceSubject,
  after: SequenceSubject,
  now: number,
  day = dayMs,
): FollowUpEmails | null {
  if (before.status === "closed" || after.status !== "closed" || after.followUpEmails) return null;
  const tier = after.engine.qualification.tier;
  if (tier === "hot" || after.engine.outcome === "disqualified" || taken(after)) return null;
  if (!consented(after.engine)) return null;
  const steps = followUpSteps(playbook, tier);
  const first = steps[0];
  if (!first) return null;
  return { tier, startedAt: now, steps: steps.length, sent: 0, nextAt: now + first.afterDays * day };
}

const taken = (c: SequenceSubject) => c.acceptedAt !== undefined || c.sales?.ownerId !== undefined;

// What the store says at a step's time, read fresh.
export interface SequenceFacts {
  // The visitor's latest message in this conversation, or the start of a newer conversation of theirs on the site.
  visitorWroteAt?: number;
  // Their email is on the site's unsubscribed list.
  unsubscribed: boolean;
}

// SQ3: what stops the emails: an unsubscribe, the visitor writing again after the close, a rep taking the lead,
// or the lead turning hot. (An erased conversation has nothing left to send or record.)
export function stopReason(c: SequenceSubject, seq: FollowUpEmails, facts: SequenceFacts): FollowUpStop | null {
  if (facts.unsubscribed) return "unsubscribed";
  if (facts.visitorWroteAt !== undefined && facts.visitorWroteAt > seq.startedAt) return "replied";
  if (taken(c)) return "taken";
  if (c.engine.qualification.tier === "hot") return "hot";
  return null;
}

export type SequenceMove =
  | { kind: "send"; index: number; step: FollowUpStep }
  | { kind: "wait"; at: number }
  | { kind: "stop"; reason: FollowUpStop }
  | { kind: "done" };

// SQ4: at a timer's firing, the next move: stopped, done, the next step if due (step n at startedAt + afterDays), or
// a wait until it is. `steps` are the pinned playbook's for the sequence's tier.
export function nextMove(
  c: SequenceSubject,
  seq: FollowUpEmails,
  steps: FollowUpStep[],
  facts: SequenceFacts,
  now: number,
  day = dayMs,
): SequenceMove {
  if (seq.stopped) return { kind: "done" };
  const reason = stopReason(c, seq, facts);
  if (reason) return { kind: "stop", reason };
  const step = steps[seq.sent];
  if (!step) return { kind: "done" };
  const at = seq.startedAt + step.afterDays * day;
  return at <= now ? { kind: "send", index: seq.sent, step } : { kind: "wait", at };
}

// SQ5: a step recorded as sent (once: a second process's record of the same step changes nothing), with the time
// of the next one.
export function markSent(
  seq: FollowUpEmails,
  index: number,
  steps: FollowUpStep[],
  day = dayMs,
): FollowUpEmails | null {
  if (seq.stopped || seq.sent !== index) return null;
  const { nextAt: _old, ...rest } = seq;
  const next = steps[index + 1];
  return { ...rest, sent: index + 1, ...(next ? { nextAt: seq.startedAt + next.afterDays * day } : {}) };
}

export function markStopped(seq: FollowUpEmails, reason: FollowUpStop, at: number): FollowUpEmails | null {
  if (seq.stopped) return null;
  const { nextAt: _old, ...rest } = seq;
  return { ...rest, stopped: { reason, at } };
}

// {siteName} filled in; the copy is the site's own, sent as text (the HTML part escapes it).
export function fillStep(step: FollowUpStep, siteName: string): { subject: string; text: string } {
  return {
    subject: step.subject.replaceAll("{siteName}", siteName),
    text: step.text.replaceAll("{siteName}", siteName),
  };
}
