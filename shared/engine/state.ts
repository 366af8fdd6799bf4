import type { Behaviour } from "../protocol/behaviour.ts";
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
  // How many times each question was re-asked after a miss (rule E5).
  retries: Record<string, number>;
  // How many times each question was asked, the first ask and every re-ask (rule C1: at most twice). Absent on
  // states stored before it: read as none.
  asks?: Record<string, number>;
  // The visitor's own questions, newest last, at most maxAsked (rule A5).
  asked?: AskedQuestion[];
  // Questions skipped or given up on: their slots stay unknown and they are not asked again.
  skipped: string[];
  outcome: BotOutcome | null;
  // The visitor asked for a person while the playbook finishes its questions first: the end is a handoff.
  humanRequested?: boolean;
  // Why the conversation ended the way it did: "asked for a person", the disqualification reason.
  outcomeReason?: string;
  qualification: Qualification;
  // The email question was asked with the follow-up notice (P6): an email given after it agrees to the playbook's
  // follow-up emails. Never set otherwise, so no sequence runs without it.
  followUpNoticed?: boolean;
}

// A question the visitor asked, and the id of the answer the bot gave (absent: it did not know, A4), with that
// answer's topic when it has one, so the lead card names it without the playbook (as SlotAnswer keeps its label).
export interface AskedQuestion {
  text: string;
  answerId?: string;
  topic?: string;
  at: number;
}

export type Input = { text: string } | { choice: string };

// What the server knows that the bot's words depend on (rule H1): whether a rep would be rung now if the bot
// handed off, and the site's fallback when nobody can take the chat.
export interface StepContext {
  handoff: "ring" | "nobody" | "closed";
  fallback: { kind: "callback" } | { kind: "booking"; url: string; label: string };
  // What the visitor did on the site, for the behaviour rules of the score (S7): a hot score from it hands off too.
  behaviour?: Behaviour;
}

// ring: the server queues the lead for a rep; fallback: nobody can take it now, the server records a missed
// handoff and runs the site's fallback (the bot has already said so, H1).
export type Route = "ring" | "fallback";

export type Effect =
  | { type: "say"; text: string; options?: QuickReply[]; link?: { url: string; label: string } }
  | { type: "finished"; outcome: BotOutcome; qualification: Qualification; reason?: string; route?: Route }
  // The visitor asked a question (A5); answerId null: the bot did not know, and the site's owners should hear of it.
  | { type: "asked"; text: string; answerId: string | null };

export interface Transition {
  state: EngineState;
  effects: Effect[];
}
