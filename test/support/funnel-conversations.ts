// The conversations the funnel's unit tests build: an engine state of the default playbook with the answers, stage
// and tier a test names, and everything else as a new conversation has it.
import { type EngineState, defaultPlaybook as pb, type SlotAnswer } from "../../shared/engine/index.ts";
import type { Stage, Tier } from "../../shared/protocol/index.ts";

export function answer(questionId: string): SlotAnswer {
  const value = { kind: "text" as const, text: "x" };
  return { slot: questionId, questionId, label: questionId, order: 0, value, display: "x", words: "x", at: 0 };
}

// `answered`: the questions with an answer; the tier is hot for an SQL and cold otherwise unless given.
export function engineState(
  facts: Partial<Omit<EngineState, "slots" | "qualification">> & {
    answered?: readonly string[];
    stage?: Stage;
    tier?: Tier;
    score?: number;
  } = {},
): EngineState {
  const { answered = [], stage = "lead", tier, score = 0, ...rest } = facts;
  return {
    playbookId: pb.id,
    playbookVersion: pb.version,
    slots: Object.fromEntries(answered.map((q) => [q, answer(q)])),
    asking: null,
    confirming: null,
    hints: {},
    retries: {},
    skipped: [],
    outcome: null,
    qualification: { score, tier: tier ?? (stage === "sql" ? "hot" : "cold"), stage, reasons: [] },
    ...rest,
  };
}
