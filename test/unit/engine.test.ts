import { describe, expect, it } from "vitest";
import { type EngineState, type Input, defaultPlaybook as pb, start, step } from "../../shared/engine/index.ts";

const now = Date.UTC(2026, 10, 26);

function run(inputs: Input[]) {
  let t = start(pb);
  const said: string[] = [];
  for (const input of inputs) {
    t = step(pb, t.state, input, now);
    for (const e of t.effects) if (e.type === "say") said.push(e.text);
  }
  return { ...t, said };
}

const hot: Input[] = [
  { choice: "capture" },
  { choice: "25k-100k" },
  { choice: "decider" },
  { choice: "month" },
  { text: "ana@acme.io" },
];

describe("engine", () => {
  it("E1 greets, then asks the first question with its quick replies", () => {
    const { effects } = start(pb);
    expect(effects[0]).toEqual({ type: "say", text: pb.greeting });
    expect(effects[1]).toMatchObject({ type: "say", text: "What brings you here today?" });
    expect(effects[1]?.type === "say" && effects[1].options?.map((o) => o.value)).toContain("capture");
  });

  it("E2 a quick reply answers with its points and the next question follows", () => {
    const t = step(pb, start(pb).state, { choice: "capture" }, now);
    expect(t.state.answers[0]).toMatchObject({
      slot: "need",
      answer: "Capture more leads from our website",
      points: 20,
    });
    expect(t.effects).toEqual([expect.objectContaining({ text: "What budget do you have in mind, per year?" })]);
  });

  it("E3 free text naming an option answers like the button; the longest phrase wins", () => {
    const r = run([{ choice: "speed" }, { choice: "5k-25k" }, { text: "I need my CFO's sign-off" }]);
    expect(r.state.answers[2]).toMatchObject({
      slot: "authority",
      answer: "Someone else decides",
      text: "I need my CFO's sign-off",
    });
    const b = run([{ choice: "speed" }, { text: "honestly no budget yet" }]);
    expect(b.state.answers[1]).toMatchObject({ slot: "budget", answer: "No budget yet", points: -10 });
  });

  it("E4 amounts pick the budget option whose range holds them", () => {
    const cases: [string, string][] = [
      ["about 40k", "$25k to $100k"],
      ["$40,000", "$25k to $100k"],
      ["1.5m", "Over $100k"],
      ["20-30k", "$25k to $100k"],
      ["3000", "Under $5k"],
    ];
    for (const [text, answer] of cases) {
      expect(run([{ choice: "capture" }, { text }]).state.answers[1]?.answer, text).toBe(answer);
    }
  });

  it("E5 an unreadable answer is re-asked once with buttons, then the slot stays unknown", () => {
    const once = run([{ choice: "capture" }, { text: "purple" }]);
    expect(once.state.index).toBe(1);
    expect(once.effects[0]).toMatchObject({ type: "say", text: expect.stringContaining(pb.copy.retry) });
    expect(once.effects[0]?.type === "say" && once.effects[0].options?.length).toBe(5);
    const twice = run([{ choice: "capture" }, { text: "purple" }, { text: "green" }]);
    expect(twice.state.index).toBe(2);
    expect(twice.state.answers.map((a) => a.slot)).toEqual(["need"]);
  });

  it("E6 the email question takes the address out of a sentence", () => {
    const r = run([...hot.slice(0, 4), { text: "sure, it's Ana.Lopez@Acme.io thanks" }]);
    expect(r.state.answers.at(-1)).toMatchObject({ slot: "email", answer: "ana.lopez@acme.io" });
    const bad = run([...hot.slice(0, 4), { text: "no" }]);
    expect(bad.state.outcome).toBeNull();
    expect(bad.state.retried).toBe(true);
  });

  it("E7 a disqualifying answer ends politely with the reason", () => {
    const r = run([{ text: "I'm a student doing research" }]);
    expect(r.state.outcome).toBe("disqualified");
    expect(r.state.qualification).toMatchObject({
      stage: "disqualified",
      tier: "cold",
      disqualifiedBecause: "Student or job seeker",
    });
    expect(r.said).toEqual([pb.copy.disqualified]);
  });

  it("E8 a hot lead finishes with the handoff copy and a finished effect", () => {
    const r = run(hot);
    expect(r.state.outcome).toBe("handoff");
    expect(r.said.at(-1)).toBe(pb.copy.handoff);
    expect(r.effects.at(-1)).toMatchObject({ type: "finished", outcome: "handoff" });
  });

  it("E8 a lukewarm lead finishes warm or cold without a handoff", () => {
    const warm = run([
      { choice: "replace" },
      { choice: "5k-25k" },
      { choice: "shared" },
      { choice: "year" },
      { text: "a@b.co" },
    ]);
    expect(warm.state.outcome).toBe("warm");
    const cold = run([
      { choice: "browsing" },
      { choice: "none" },
      { choice: "influencer" },
      { choice: "researching" },
      { text: "a@b.co" },
    ]);
    expect(cold.state.outcome).toBe("cold");
    expect(cold.said.at(-1)).toBe(pb.copy.cold);
  });

  it("E9 a finished conversation ignores further input", () => {
    const done = run(hot).state;
    expect(step(pb, done, { text: "hello?" }, now)).toEqual({ state: done, effects: [] });
  });

  it("E10 steps do not mutate the state they are given", () => {
    const s0 = start(pb).state;
    const copy: EngineState = structuredClone(s0);
    step(pb, s0, { choice: "capture" }, now);
    expect(s0).toEqual(copy);
  });
});

describe("scoring", () => {
  it("S1 the score is the sum of points, each with its reason", () => {
    const q = run(hot).state.qualification;
    expect(q.score).toBe(20 + 25 + 25 + 25 + 5);
    expect(q.reasons).toContainEqual({ slot: "budget", points: 25, reason: "budget $25k to $100k" });
    expect(q.reasons.reduce((s, r) => s + r.points, 0)).toBe(q.score);
  });

  it("S2 S3 tiers and stages follow the thresholds", () => {
    expect(run(hot).state.qualification).toMatchObject({ tier: "hot", stage: "sql" });
    const warm = run([
      { choice: "replace" },
      { choice: "5k-25k" },
      { choice: "shared" },
      { choice: "year" },
      { text: "a@b.co" },
    ]);
    expect(warm.state.qualification).toMatchObject({ tier: "warm", stage: "mql", score: 50 });
    const cold = run([
      { choice: "browsing" },
      { choice: "none" },
      { choice: "influencer" },
      { choice: "researching" },
      { text: "a@b.co" },
    ]);
    expect(cold.state.qualification).toMatchObject({ tier: "cold", stage: "lead" });
  });
});
