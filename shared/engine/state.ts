import type { Qualification, QuickReply } from "../protocol/index.ts";
import type { SlotValue } from "./understand/values.ts";

// One filled slot: what it means, how it reads, and the visitor's own words.
export interface SlotAnswer {
  slot: string;
  questionId: string;
  // The question's label ("Budget") and place in the playbook, so the lead card reads without the playbook.
  label: string;
  order: number;
  value: SlotValue;
  // How the answer reads on the lead card ("about $50,000 per year", "decision maker (CTO)").
  display: string;
  // The visitor's own words, or the button's label.
  words: string;
  at: number;
}

// How the bot ended (not how a rep closed the chat: that is the protocol's Outcome). handoff: hot, or the visitor
// asked for a person; warm / cold: the bot finished; disqualified: ended politely.
export type BotOutcome = "handoff" | "warm" | "cold" | "disqualified";

export interface EngineState {
  playbookId: string;
  playbookVersion: number;
  slots: Record<string, SlotAnswer>;
  // The question being asked, or null before the first and after the last.
  asking: string | null;
  // An answer the bot is not sure of, waiting for the visitor's yes or no (rule E6).
  confirming: SlotAnswer | null;
  // Doubtful readings of questions not asked yet ("I'm the VP of Sales": a decision maker?), confirmed when
  // their question comes up instead of asking it cold (rule E4).
  hints: Record<string, SlotAnswer>;
  // How many times each question was re-asked (rule E5).
  retries: Record<string, number>;
  // Questions skipped or given up on: their slots stay unknown and they are not asked again.
  skipped: string[];
  outcome: BotOutcome | null;
  // The visitor asked for a person while the playbook finishes its questions first: the end is a handoff.
  humanRequested?: boolean;
  // Why the conversation ended the way it did: "asked for a person", the disqualification reason.
  outcomeReason?: string;
  qualification: Qualification;
}

export type Input = { text: string } | { choice: string };

export type Effect =
  | { type: "say"; text: string; options?: QuickReply[] }
  | { type: "finished"; outcome: BotOutcome; qualification: Qualification; reason?: string };

export interface Transition {
  state: EngineState;
  effects: Effect[];
}
