import { describe, expect, it } from "vitest";
import { type Input, defaultPlaybook as pb, start, step } from "../../shared/engine/index.ts";
import { qualify } from "../../shared/engine/qualify.ts";

const now = Date.UTC(2026, 10, 26, 12);

function slotsAfter(inputs: Input[]) {
  let t = start(pb);
  for (const input of inputs) t = step(pb, t.state, input, now);
  return t.state;
}

describe("scoring", () => {
  it("S1 every point carries its reason, with the answers filled in", () => {
    const s = slotsAfter([
      { choice: "capture" },
      { text: "about 50k" },
      { text: "I'm the CEO" },
      { text: "next month" },
      { text: "ana@acme.io" },
    ]);
    expect(s.qualification.reasons).toEqual([
      { slot: "need", points: 20, reason: "Need: Capture more leads from our website" },
      { slot: "budget", points: 25, reason: "Budget about $50,000, at least $25k" },
      { slot: "authority", points: 25, reason: "Authority: decision maker (CEO)" },
      { slot: "timing", points: 15, reason: "Timing: next month, within a quarter" },
      { slot: "email", points: 5, reason: "Work email (ana@acme.io)" },
    ]);
    expect(s.qualification.score).toBe(90);
  });

  it("S1 S2 negative points, and only the first rule of a group counts", () => {
    const s = slotsAfter([
      { choice: "browsing" },
      { text: "no budget yet" },
      { text: "end user" },
      { text: "just researching" },
      { text: "a@gmail.com" },
    ]);
    expect(s.qualification.reasons.map((r) => r.points)).toEqual([-10, -5, -5, -5]);
    expect(s.qualification.reasons.at(-1)?.reason).toBe("Free email domain (a@gmail.com)");
    expect(s.qualification.score).toBe(-25);
  });

  it("S3 S4 tiers and stages: hot needs authority for SQL", () => {
    const sql = slotsAfter([
      { choice: "capture" },
      { choice: "over-100k" },
      { choice: "decider" },
      { choice: "month" },
      { text: "a@acme.io" },
    ]);
    expect(sql.qualification).toMatchObject({ tier: "hot", stage: "sql" });
    const hotInfluencer = slotsAfter([
      { choice: "capture" },
      { choice: "over-100k" },
      { text: "I need my CFO's sign-off" },
      { choice: "month" },
      { text: "a@acme.io" },
    ]);
    expect(hotInfluencer.qualification).toMatchObject({ tier: "hot", stage: "mql", score: 85 });
    const warm = slotsAfter([
      { choice: "replace" },
      { choice: "5k-25k" },
      { choice: "shared" },
      { choice: "year" },
      { text: "a@b.co" },
    ]);
    // "This year" on 26 November is 35 days away: within a quarter.
    expect(warm.qualification).toMatchObject({ tier: "warm", stage: "mql", score: 60 });
    const cold = slotsAfter([{ choice: "browsing" }]);
    expect(cold.qualification).toMatchObject({ tier: "cold", stage: "lead" });
  });

  it("S5 money per year in the playbook's currency", () => {
    const monthly = slotsAfter([{ choice: "capture" }, { text: "3k a month" }]);
    expect(monthly.qualification.reasons[1]).toMatchObject({
      points: 25,
      reason: "Budget about $3,000 a month, at least $25k",
    });
    const euros = slotsAfter([{ choice: "capture" }, { text: "€95k" }]);
    expect(euros.qualification.reasons[1]).toMatchObject({
      points: 30,
      reason: "Budget about €95,000, at least $100k",
    });
  });

  it("S6 recomputing from the same slots gives the same result", () => {
    const s = slotsAfter([
      { choice: "capture" },
      { text: "about 50k" },
      { text: "I'm the CEO" },
      { text: "next month" },
    ]);
    expect(qualify(pb, s.slots)).toEqual(s.qualification);
    expect(qualify(pb, structuredClone(s.slots))).toEqual(qualify(pb, s.slots));
  });
});
