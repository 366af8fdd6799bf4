// The funnel's figures, computed by hand from small sets of conversations (rules F* in shared/funnel/SPEC.md).
import { describe, expect, it } from "vitest";
import { type Playbook, defaultPlaybook as pb } from "../../shared/engine/index.ts";
import {
  addDays,
  dayRange,
  type FunnelConversation,
  funnel,
  nearestRank,
  parseDay,
} from "../../shared/funnel/index.ts";
import { engineState } from "../support/funnel-conversations.ts";

// The default playbook asks need, budget, authority, timing, email, none of them conditional.
const all = ["need", "budget", "authority", "timing", "email"];

function conversation(
  engine: Parameters<typeof engineState>[0],
  facts: Partial<Omit<FunnelConversation, "engine">> = {},
): FunnelConversation {
  return { createdAt: 0, engine: engineState(engine), ...facts };
}

const done = { answered: all };
const sample: Record<string, FunnelConversation> = {
  openedOnly: conversation({ asking: "need" }),
  leftAtBudget: conversation({ answered: ["need"], asking: "budget" }),
  disqualified: conversation({ answered: ["need", "budget"], outcome: "disqualified", stage: "disqualified" }),
  cold: conversation({ ...done, outcome: "cold" }),
  warm: conversation({ ...done, outcome: "warm", stage: "mql" }),
  missed: conversation({ ...done, outcome: "handoff", stage: "sql" }, { queuedAt: 1000, missedHandoff: true }),
  booked: conversation(
    { ...done, outcome: "handoff", stage: "sql" },
    { queuedAt: 1000, acceptedAt: 4000, repId: "r1", outcome: "meeting-booked" },
  ),
  qualified: conversation(
    { ...done, outcome: "handoff", stage: "sql" },
    { queuedAt: 2000, acceptedAt: 12_000, repId: "r1", outcome: "qualified" },
  ),
  askedForPerson: conversation(
    { answered: ["need"], outcome: "handoff", outcomeReason: "asked for a person" },
    { queuedAt: 500, acceptedAt: 1500, repId: "r2", outcome: "not-a-fit" },
  ),
  skippedTiming: conversation(
    { answered: ["need", "budget", "authority", "email"], skipped: ["timing"], outcome: "handoff", stage: "sql" },
    { queuedAt: 0, acceptedAt: 5000, repId: "r2" },
  ),
};

describe("funnel", () => {
  it("F1-F9: counts each stage of a narrowing funnel", () => {
    const f = funnel(Object.values(sample), pb);
    expect(f.stages.map((s) => [s.id, s.count])).toEqual([
      ["opened", 10],
      ["answered", 9],
      ["completed", 6],
      ["mql", 5],
      ["sql", 4],
      ["offered", 4],
      ["accepted", 3],
      ["outcome", 2],
    ]);
    expect(f.stages.map((s) => s.label)).toContain("Handoff offered");
  });

  it("F9: a handoff that skipped qualification is reported outside the funnel", () => {
    expect(funnel(Object.values(sample), pb).handoffsOutsideFunnel).toBe(1);
    expect(funnel([sample.askedForPerson as FunnelConversation], pb).stages.at(-3)?.count).toBe(0);
  });

  it("F6: a lead that went to the fallback was offered a handoff and counts as missed", () => {
    const f = funnel([sample.missed as FunnelConversation], pb);
    expect(f.stages.find((s) => s.id === "offered")?.count).toBe(1);
    expect(f.stages.find((s) => s.id === "accepted")?.count).toBe(0);
    expect(f.missedHandoffs).toBe(1);
  });

  it("F10: reached, answered and drop-off per question, in the playbook's order", () => {
    const f = funnel(Object.values(sample), pb);
    expect(f.questions.map((q) => [q.id, q.reached, q.answered, q.dropOff])).toEqual([
      ["need", 10, 9, 1],
      ["budget", 8, 7, 1],
      ["authority", 6, 6, 0],
      ["timing", 6, 5, 0],
      ["email", 6, 6, 0],
    ]);
    expect(f.questions[0]?.prompt).toBe(pb.questions[0]?.text);
  });

  it("F10: a question re-asked and then given up was reached, not answered", () => {
    const gaveUp = conversation({
      answered: ["need"],
      asking: "authority",
      retries: { budget: 1 },
      skipped: ["budget"],
    });
    const [, budget, authority] = funnel([gaveUp], pb).questions;
    expect(budget).toMatchObject({ reached: 1, answered: 0, dropOff: 0 });
    expect(authority).toMatchObject({ reached: 1, answered: 0, dropOff: 1 });
  });

  it("F11: median and p90 of the time to accept, nearest rank, over every accepted conversation", () => {
    // Waits 3000, 10000, 1000 (outside the funnel, still counted), 5000: sorted 1000, 3000, 5000, 10000.
    expect(funnel(Object.values(sample), pb).timeToAccept).toEqual({ median: 3000, p90: 10_000, count: 4 });
  });

  it("F11: a re-queued chat not accepted again has no wait; an old accepted one without acceptedAt counts", () => {
    const requeued = conversation({ ...done, stage: "sql", outcome: "handoff" }, { queuedAt: 9000, acceptedAt: 4000 });
    const legacy = conversation({ ...done, stage: "sql", outcome: "handoff" }, { queuedAt: 9000, repId: "r1" });
    const f = funnel([requeued, legacy], pb);
    expect(f.timeToAccept).toBeNull();
    expect(f.stages.find((s) => s.id === "accepted")?.count).toBe(2);
  });

  it("F8: outcomes counted in a fixed order, zeros included", () => {
    expect(funnel(Object.values(sample), pb).outcomes).toEqual([
      { outcome: "meeting-booked", count: 1 },
      { outcome: "qualified", count: 1 },
      { outcome: "not-a-fit", count: 1 },
      { outcome: "no-response", count: 0 },
    ]);
  });

  it("no conversations: zero everywhere and no time to accept", () => {
    const f = funnel([], pb);
    expect(f.stages.every((s) => s.count === 0)).toBe(true);
    expect(f.stages).toHaveLength(8);
    expect(f.questions.map((q) => [q.reached, q.answered, q.dropOff])).toEqual(all.map(() => [0, 0, 0]));
    expect(f.timeToAccept).toBeNull();
    expect(f.outcomes.every((o) => o.count === 0)).toBe(true);
    expect([f.handoffsOutsideFunnel, f.missedHandoffs]).toEqual([0, 0]);
  });

  it("F3: completion is judged by the playbook version the conversation ran", () => {
    const v1: Playbook = { ...pb, version: 1, questions: pb.questions.slice(0, 2) };
    const current: Playbook = { ...pb, version: 2 };
    const old = conversation({ answered: ["need", "budget"], outcome: "cold", playbookVersion: 1 });
    const completed = (f: ReturnType<typeof funnel>) => f.stages.find((s) => s.id === "completed")?.count;
    expect(completed(funnel([old], current, (id, v) => (id === pb.id && v === 1 ? v1 : undefined)))).toBe(1);
    // Without its version, the current playbook's three further questions are still to ask.
    expect(completed(funnel([old], current))).toBe(0);
  });
});

describe("nearestRank (F11)", () => {
  it("takes the value at rank ceil(p/100 * n)", () => {
    expect([nearestRank([7], 50), nearestRank([7], 90)]).toEqual([7, 7]);
    expect([nearestRank([1, 2], 50), nearestRank([1, 2], 90)]).toEqual([1, 2]);
    expect([nearestRank([1, 2, 3], 50), nearestRank([1, 2, 3], 90)]).toEqual([2, 3]);
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect([nearestRank(ten, 50), nearestRank(ten, 90)]).toEqual([5, 9]);
    expect(nearestRank([...ten, 11], 90)).toBe(10);
  });

  it("refuses an empty sample", () => {
    expect(() => nearestRank([], 50)).toThrow(RangeError);
  });
});

describe("report days (F12)", () => {
  it("reads real UTC days only", () => {
    expect(parseDay("2026-11-26")).toBe(Date.UTC(2026, 10, 26));
    expect(parseDay("2026-02-30")).toBeNull();
    expect(parseDay("26-11-2026")).toBeNull();
  });

  it("covers both ends, whole days, and refuses a range that runs backwards", () => {
    expect(dayRange("2026-11-01", "2026-11-01")).toEqual({
      start: Date.UTC(2026, 10, 1),
      end: Date.UTC(2026, 10, 2),
    });
    expect(dayRange("2026-11-02", "2026-11-01")).toBeNull();
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});
