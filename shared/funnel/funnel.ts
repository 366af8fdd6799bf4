// The funnel of a site's conversations (rules F1-F12 in SPEC.md): how many reached each stage, where visitors
// left the questions, how fast reps accepted, and what came of it. Pure: the server passes the conversations.
import { type EngineState, nextQuestion, type Playbook } from "../engine/index.ts";
import {
  type Funnel,
  type FunnelStage,
  type Outcome,
  outcomes,
  type QuestionDropOff,
  type StageId,
} from "../protocol/index.ts";

// What the funnel reads of a stored conversation.
export interface FunnelConversation {
  createdAt: number;
  engine: EngineState;
  queuedAt?: number;
  acceptedAt?: number;
  repId?: string;
  outcome?: Outcome;
  missedHandoff?: boolean;
}

type Pinned = (id: string, version: number) => Playbook | undefined;

// F3: every question answered, skipped or not applicable, by the playbook version the conversation ran.
function completedQuestions(c: FunnelConversation, playbook: Playbook): boolean {
  return c.engine.outcome !== null && nextQuestion(playbook, c.engine) === undefined;
}

// F1-F8, in order; a conversation counts in a stage only if it counted in every earlier one (F9).
function stageTests(pinned: Pinned, current: Playbook): [StageId, string, (c: FunnelConversation) => boolean][] {
  return [
    ["opened", "Opened the chat", () => true],
    ["answered", "Answered a first question", (c) => Object.keys(c.engine.slots).length > 0],
    [
      "completed",
      "Completed the questions",
      (c) => completedQuestions(c, pinned(c.engine.playbookId, c.engine.playbookVersion) ?? current),
    ],
    ["mql", "MQL", (c) => c.engine.qualification.stage === "mql" || c.engine.qualification.stage === "sql"],
    ["sql", "SQL", (c) => c.engine.qualification.stage === "sql"],
    ["offered", "Handoff offered", (c) => c.queuedAt !== undefined],
    ["accepted", "Accepted by a rep", (c) => c.acceptedAt !== undefined || c.repId !== undefined],
    ["outcome", "Closed with an outcome", (c) => c.outcome !== undefined],
  ];
}

// F11: nearest rank: the smallest value with at least p% of the sample at or below it.
export function nearestRank(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  const value = sorted[rank - 1];
  if (value === undefined) throw new RangeError("nearestRank needs a non-empty sample");
  return value;
}

// F10: reached = put to the visitor (asked, re-asked, skipped, or answered ahead); dropOff = the visitor left
// (or is still there) while it was the open question.
function questionRow(conversations: FunnelConversation[], q: Playbook["questions"][number]): QuestionDropOff {
  let reached = 0;
  let answered = 0;
  let dropOff = 0;
  for (const { engine: e } of conversations) {
    const isAnswered = Object.values(e.slots).some((a) => a.questionId === q.id);
    const open = e.outcome === null && e.asking === q.id;
    if (isAnswered || open || e.skipped.includes(q.id) || (e.retries[q.id] ?? 0) > 0) reached++;
    if (isAnswered) answered++;
    if (open) dropOff++;
  }
  return { id: q.id, label: q.label, prompt: q.text, reached, answered, dropOff };
}

// `playbook`: the site's current playbook (the question rows, in its order); `pinned`: the version each
// conversation ran, when it differs.
export function funnel(conversations: FunnelConversation[], playbook: Playbook, pinned: Pinned = () => undefined) {
  const stages: FunnelStage[] = [];
  let remaining = conversations;
  for (const [id, label, test] of stageTests(pinned, playbook)) {
    remaining = remaining.filter(test);
    stages.push({ id, label, count: remaining.length });
  }
  const offeredInFunnel = stages.find((s) => s.id === "offered")?.count ?? 0;
  const waits = conversations
    .flatMap((c) =>
      c.acceptedAt !== undefined && c.queuedAt !== undefined && c.acceptedAt >= c.queuedAt
        ? [c.acceptedAt - c.queuedAt]
        : [],
    )
    .sort((a, b) => a - b);
  const result: Funnel = {
    stages,
    handoffsOutsideFunnel: conversations.filter((c) => c.queuedAt !== undefined).length - offeredInFunnel,
    questions: playbook.questions.map((q) => questionRow(conversations, q)),
    timeToAccept:
      waits.length === 0 ? null : { median: nearestRank(waits, 50), p90: nearestRank(waits, 90), count: waits.length },
    outcomes: outcomes.map((outcome) => ({
      outcome,
      count: conversations.filter((c) => c.outcome === outcome).length,
    })),
    missedHandoffs: conversations.filter((c) => c.missedHandoff).length,
  };
  return result;
}
