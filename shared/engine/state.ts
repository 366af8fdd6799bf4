import type { QuickReply } from "../protocol/model.ts";
import type { Qualification } from "../scoring/types.ts";

// One filled slot: what the visitor said, what it means, and what it scored.
export interface SlotAnswer {
  slot: string;
  label: string;
  question: string;
  // The meaning, as shown on the lead card (an option's label, or the email).
  answer: string;
  // The visitor's own words (or the button's label).
  text: string;
  points: number;
  reason: string;
  disqualify?: string;
  at: number;
}

export type Outcome = "handoff" | "warm" | "cold" | "disqualified";

export interface EngineState {
  playbookId: string;
  playbookVersion: number;
  // Index of the question being asked; equals questions.length once every question is done.
  index: number;
  // Whether the current question was already re-asked once (rule E5).
  retried: boolean;
  answers: SlotAnswer[];
  outcome: Outcome | null;
  qualification: Qualification;
}

export type Input = { text: string } | { choice: string };

export type Effect =
  | { type: "say"; text: string; options?: QuickReply[] }
  | { type: "finished"; outcome: Outcome; qualification: Qualification };

export interface Transition {
  state: EngineState;
  effects: Effect[];
}
