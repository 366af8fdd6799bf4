// The desk's lead panel: the lead in one line, each fact once, and the visitor's words quoted once even when one
// message answered several questions.
import { describe, expect, it } from "vitest";
import type { Answer, LeadCard } from "../../shared/protocol/index.ts";
import { quotedWords, summaryLine } from "../../widget/console/lead/summary.ts";

const words = "We have about $50k a year, I'm the CTO and I decide, we need it this quarter";
const answers: Answer[] = [
  { slot: "need", label: "Need", answer: "Capture more leads", words: "Capture more leads" },
  { slot: "budget", label: "Budget", answer: "about $50,000 per year", words },
  { slot: "authority", label: "Authority", answer: "decision maker (CTO)", words },
  { slot: "timing", label: "Timing", answer: "this quarter", words },
  { slot: "team_size", label: "Sales team size", answer: "12", words: "twelve of us" },
];

const lead = (a: Answer[]) =>
  ({ qualification: { tier: "hot", score: 82, stage: "sql", reasons: [] }, answers: a }) as unknown as LeadCard;

describe("lead summary", () => {
  it("reads tier, score and each answer once, in order; a bare reading keeps its question's label", () => {
    expect(summaryLine(lead(answers))).toBe(
      "Hot · Score 82 · Capture more leads · about $50,000 per year · decision maker (CTO) · this quarter · Sales team size: 12",
    );
    expect(summaryLine(lead([...answers, { ...answers[3], slot: "when" } as Answer]))).toBe(summaryLine(lead(answers)));
  });

  it("quotes words shared by several answers under the first only, and none that only repeat the reading", () => {
    expect(quotedWords(answers)).toEqual([undefined, words, undefined, undefined, "twelve of us"]);
  });
});
