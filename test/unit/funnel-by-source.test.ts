// The funnel by source (rules F13-F14 in shared/funnel/SPEC.md), computed by hand from small sets of conversations.
import { describe, expect, it } from "vitest";
import { defaultPlaybook as pb } from "../../shared/engine/index.ts";
import { bySource, funnel, ofSource, type SourcedConversation } from "../../shared/funnel/index.ts";
import type { LeadSource, Stage, Tier } from "../../shared/protocol/index.ts";
import { engineState } from "../support/funnel-conversations.ts";

function conversation(
  source: LeadSource | undefined,
  lead: { stage?: Stage; tier?: Tier } = {},
  facts: Partial<SourcedConversation> = {},
): SourcedConversation {
  const engine = engineState({ asking: "need", tier: lead.tier ?? "cold", stage: lead.stage ?? "lead" });
  return { createdAt: 0, engine, ...(source ? { source } : {}), ...facts };
}

const google = (campaign: string): LeadSource => ({ utm: { source: "Google", medium: "cpc", campaign } });
const linkedin: LeadSource = { referrer: "https://www.linkedin.com/feed/" };

const sample = [
  conversation(google("q1"), { stage: "sql", tier: "hot" }, { queuedAt: 1, acceptedAt: 2 }),
  conversation(google("q2"), { stage: "mql", tier: "warm" }),
  conversation({ utm: { source: "google" } }, { stage: "lead" }),
  conversation(linkedin, { stage: "sql", tier: "hot" }, { queuedAt: 1, repId: "r1" }),
  conversation(linkedin, { stage: "disqualified" }),
  conversation(undefined),
  conversation({ landingPage: "https://acme.com/" }, { tier: "hot" }),
];

describe("funnel by source", () => {
  it("F13: one row per source label, each conversation counted on its own, most leads first", () => {
    expect(bySource(sample)).toEqual([
      { source: "google", leads: 3, qualified: 2, hot: 1, accepted: 1 },
      { source: "direct", leads: 2, qualified: 0, hot: 1, accepted: 0 },
      { source: "linkedin.com", leads: 2, qualified: 1, hot: 1, accepted: 1 },
    ]);
  });

  it("F13: sources with as many leads are ordered by name; no conversations, no rows", () => {
    const rows = bySource([conversation({ utm: { source: "zeta" } }), conversation({ utm: { source: "alpha" } })]);
    expect(rows.map((r) => r.source)).toEqual(["alpha", "zeta"]);
    expect(bySource([])).toEqual([]);
  });

  it("F14: the funnel of one source counts only its conversations, the label matched without case", () => {
    const google = ofSource(sample, "Google");
    expect(google).toHaveLength(3);
    expect(ofSource(sample, "direct")).toHaveLength(2);
    expect(ofSource(sample, "bing")).toEqual([]);
    const stages = Object.fromEntries(funnel(google, pb).stages.map((s) => [s.id, s.count]));
    expect(stages.opened).toBe(3);
  });
});
