// Rule E1b (shared/engine/SPEC.md): a proactive message's entry point.
import { describe, expect, it } from "vitest";
import { type Effect, type Playbook, defaultPlaybook as pb, start, step } from "../../shared/engine/index.ts";

const now = Date.UTC(2026, 11, 5, 12);
const says = (effects: Effect[]) => effects.flatMap((e) => (e.type === "say" ? [e] : []));

describe("engine entry point", () => {
  it("E1b greets, then asks the entry point's question with its quick replies instead of the first", () => {
    const t = start(pb, "budget");
    const [greeting, asked, more] = says(t.effects);
    expect(greeting?.text).toBe(pb.copy.greeting);
    expect(asked?.text).toBe("What budget do you have in mind, per year?");
    expect(asked?.options?.map((o) => o.value)).toContain("25k-100k");
    expect(more).toBeUndefined();
    expect(t.state.asking).toBe("budget");
    expect(t.state.asks).toEqual({ budget: 1 });
  });

  it("E1b after the entry point's answer, the first question still unknown comes next (E3)", () => {
    const t = step(pb, start(pb, "timing").state, { choice: "month" }, now);
    expect(t.state.slots.timing?.value).toBeDefined();
    expect(t.state.asking).toBe("need");
    // The entry point is not asked again once answered.
    const rest = ["capture", "25k-100k", "decider"].reduce((s, choice) => step(pb, s, { choice }, now).state, t.state);
    expect(rest.asking).toBe("email");
    expect(rest.asks?.timing).toBe(1);
  });

  it("E1b an unknown question id is the usual start", () => {
    expect(start(pb, "no-such-question")).toEqual(start(pb));
    expect(start(pb, "")).toEqual(start(pb));
  });

  it("E1b a question whose condition does not hold at the start is the usual start", () => {
    const gated: Playbook = {
      ...pb,
      questions: pb.questions.map((q) => (q.id === "timing" ? { ...q, when: { slot: "budget", known: true } } : q)),
    };
    expect(start(gated, "timing").state.asking).toBe("need");
    expect(start(gated, "timing")).toEqual(start(gated));
  });

  it("E1b without an entry point, start is E1's", () => {
    expect(start(pb, undefined).state.asking).toBe("need");
  });
});
