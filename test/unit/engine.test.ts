import { describe, expect, it } from "vitest";
import {
  type Effect,
  type EngineState,
  type Input,
  type Playbook,
  defaultPlaybook as pb,
  reservedValues,
  start,
  step,
} from "../../shared/engine/index.ts";
import { champPlaybook } from "../../shared/engine/playbooks/index.ts";

const now = Date.UTC(2026, 10, 26, 12);

function run(inputs: Input[], playbook: Playbook = pb) {
  let t = start(playbook);
  const said: string[] = t.effects.flatMap((e) => (e.type === "say" ? [e.text] : []));
  for (const input of inputs) {
    t = step(playbook, t.state, input, now);
    for (const e of t.effects) if (e.type === "say") said.push(e.text);
  }
  return { ...t, said, last: said.at(-1) ?? "" };
}

const says = (effects: Effect[]) => effects.flatMap((e) => (e.type === "say" ? [e] : []));
const hotByButtons: Input[] = [
  { choice: "capture" },
  { choice: "25k-100k" },
  { choice: "decider" },
  { choice: "month" },
  { text: "ana@acme.io" },
];

describe("engine", () => {
  it("E1 greets, then asks the first question with its quick replies", () => {
    const [greeting, first] = says(start(pb).effects);
    expect(greeting?.text).toBe(pb.copy.greeting);
    expect(first?.text).toBe("What brings you here today?");
    expect(first?.options?.map((o) => o.value)).toEqual(["capture", "speed", "replace", "browsing", "not-buyer"]);
    expect(start(pb).state.asking).toBe("need");
  });

  it("E1 an optional question offers Skip, and Skip leaves the slot unknown", () => {
    const t = run([{ choice: "missed-leads" }], champPlaybook);
    expect(says(t.effects)[0]?.options?.at(-1)).toEqual({ value: reservedValues.skip, label: "Skip this one" });
    const skipped = step(champPlaybook, t.state, { choice: reservedValues.skip }, now);
    expect(skipped.state.slots.team_size).toBeUndefined();
    expect(skipped.state.asking).toBe("authority");
  });

  it("E2 a quick reply answers; a typed question's button goes through its extractor", () => {
    const t = run([{ choice: "capture" }, { choice: "25k-100k" }]);
    expect(t.state.slots.need?.value).toEqual({
      kind: "choice",
      value: "capture",
      label: "Capture more leads from our website",
    });
    expect(t.state.slots.budget?.value).toMatchObject({ kind: "money", bound: "range", min: 25_000, max: 100_000 });
    expect(t.state.slots.budget?.display).toBe("$25,000 to $100,000");
    expect(t.state.asking).toBe("authority");
  });

  it("E2 the same words typed score like the button", () => {
    const typed = run([
      { text: "we want to capture more leads" },
      { text: "$25k to $100k" },
      { text: "I do" },
      { text: "this month" },
      { text: "ana@acme.io" },
    ]);
    const clicked = run(hotByButtons);
    expect(typed.state.qualification).toEqual(clicked.state.qualification);
  });

  it("E2b a choice question may take buttons only", () => {
    const buttonsOnly: Playbook = {
      ...pb,
      questions: pb.questions.map((q) => (q.id === "need" ? { ...q, freeText: false } : q)),
    };
    const typed = run([{ text: "we want to capture more leads" }], buttonsOnly);
    expect(typed.state.slots.need).toBeUndefined();
    expect(typed.last).toContain(pb.copy.retry);
    expect(run([{ choice: "capture" }], buttonsOnly).state.slots.need?.value).toMatchObject({ value: "capture" });
  });

  it("E3 variants ask differently depending on what is known", () => {
    const small = run([{ choice: "missed-leads" }, { text: "we are 4 people" }, { choice: "me" }], champPlaybook);
    expect(small.last).toBe("For a team your size, roughly what could you spend per month?");
    const big = run([{ choice: "missed-leads" }, { text: "about 80" }, { choice: "me" }], champPlaybook);
    expect(big.last).toBe("For a sales org your size, what annual budget range are you working with?");
    const unknown = run([{ choice: "missed-leads" }, { choice: reservedValues.skip }, { choice: "me" }], champPlaybook);
    expect(unknown.last).toBe("Roughly what could you invest per year to fix this?");
  });

  it("E4 C4 one message answers several questions; the bot says what it understood and skips what it knows", () => {
    const t = run([
      { text: "I'm the CTO, we have about 50k and need it live by March. We keep losing leads at night" },
    ]);
    expect(t.state.slots.need?.value).toMatchObject({ value: "capture" });
    expect(t.state.slots.authority?.value).toMatchObject({ level: "decision-maker", title: "CTO" });
    expect(t.state.slots.budget?.value).toMatchObject({ amount: 50_000 });
    expect(t.state.slots.timing?.value).toMatchObject({ kind: "timing", label: "by March 2027" });
    expect(t.state.asking).toBe("email");
    expect(t.last).toBe(
      "Got it: Capture more leads from our website, about $50,000, CTO, by March 2027. What's the best email to reach you?",
    );
  });

  it("E4 an authority already given means the authority question is never asked", () => {
    const t = run([{ text: "I'm the founder and we need faster routing" }, { choice: "over-100k" }]);
    expect(t.said).not.toContain("Who makes the buying decision?");
    expect(t.state.asking).toBe("timing");
  });

  it("E4 a doubtful reading of a later question is confirmed when that question comes up", () => {
    const t = run([{ text: "I'm the VP of Sales and we keep losing leads" }, { choice: "over-100k" }]);
    expect(t.state.slots.authority).toBeUndefined();
    expect(t.last).toBe("Just to check: decision maker (VP of Sales)?");
    const yes = step(pb, t.state, { choice: reservedValues.yes }, now);
    expect(yes.state.slots.authority?.value).toEqual({
      kind: "authority",
      level: "decision-maker",
      title: "VP of Sales",
    });
    expect(yes.state.asking).toBe("timing");
    const no = step(pb, t.state, { text: "no" }, now);
    expect(says(no.effects)[0]?.text).toBe("Who makes the buying decision?");
  });

  it("E5 an unreadable answer is re-asked once with the buttons, then the slot stays unknown", () => {
    const once = run([{ choice: "capture" }, { text: "purple" }]);
    const [again] = says(once.effects);
    expect(again?.text).toBe(`${pb.copy.retry} What budget do you have in mind, per year?`);
    expect(again?.options).toHaveLength(5);
    const twice = run([{ choice: "capture" }, { text: "purple" }, { text: "green" }]);
    expect(twice.state.slots.budget).toBeUndefined();
    expect(twice.state.skipped).toEqual(["budget"]);
    expect(twice.state.asking).toBe("authority");
  });

  it("E5 a stale button from an earlier question counts as a miss", () => {
    const t = run([{ choice: "capture" }, { choice: "capture" }]);
    expect(t.state.slots.budget).toBeUndefined();
    expect(t.last).toContain(pb.copy.retry);
  });

  it("E6 an unsure reading is confirmed: yes commits, no asks again, other words are a new answer", () => {
    const asked = run([{ choice: "capture" }, { text: "about 40" }]);
    const [check] = says(asked.effects);
    expect(check?.text).toBe("Just to check: about $40,000?");
    expect(check?.options?.map((o) => o.value)).toEqual([reservedValues.yes, reservedValues.no]);
    expect(asked.state.slots.budget).toBeUndefined();

    const yes = step(pb, asked.state, { text: "yes" }, now);
    expect(yes.state.slots.budget?.value).toMatchObject({ amount: 40_000 });
    const yesButton = step(pb, asked.state, { choice: reservedValues.yes }, now);
    expect(yesButton.state.slots.budget).toEqual(yes.state.slots.budget);

    const no = step(pb, asked.state, { text: "no" }, now);
    expect(no.state.slots.budget).toBeUndefined();
    expect(no.state.retries.budget).toBeUndefined();
    expect(says(no.effects)[0]?.text).toBe("What budget do you have in mind, per year?");

    const other = step(pb, asked.state, { text: "actually 120k" }, now);
    expect(other.state.slots.budget?.value).toMatchObject({ amount: 120_000 });
  });

  it("E6 a message that answers another question keeps the confirmation for later, not the question asked cold", () => {
    const asked = run([{ choice: "capture" }, { text: "about 40k a year" }, { text: "I'm head of sales" }]);
    expect(asked.last).toBe("Just to check: decision maker (Head of Sales)?");
    const t = step(pb, asked.state, { text: "by end of Q1" }, now);
    expect(t.state.slots.timing).toBeDefined();
    expect(t.state.slots.authority).toBeUndefined();
    expect(says(t.effects).map((e) => e.text)).toEqual([
      "Got it: by end of Q1 2027. Just to check: decision maker (Head of Sales)?",
    ]);
    const yes = step(pb, t.state, { choice: reservedValues.yes }, now);
    expect(yes.state.slots.authority?.display).toBe("decision maker (Head of Sales)");
    // A skip of the pending answer drops it: the question is not confirmed again.
    const skipped = step(pb, asked.state, { text: "rather not say" }, now);
    expect(
      says(skipped.effects)
        .map((e) => e.text)
        .join(" "),
    ).not.toContain("Just to check");
  });

  it("E7 a correction updates an earlier answer and the current question goes on", () => {
    const t = run([{ choice: "capture" }, { text: "about 40k" }, { text: "actually more like 100k" }]);
    expect(t.state.slots.budget?.value).toMatchObject({ amount: 100_000 });
    const [ack, question] = says(t.effects);
    expect(ack?.text).toBe("Got it, I've updated Budget: about $100,000.");
    expect(question?.text).toBe("Who makes the buying decision?");
  });

  it("E8 asking for a person hands off at any point, with the reason", () => {
    const t = run([{ choice: "browsing" }, { text: "can I talk to someone?" }]);
    expect(t.state).toMatchObject({ outcome: "handoff", outcomeReason: "asked for a person" });
    expect(t.last).toBe(pb.copy.human);
    expect(t.effects.at(-1)).toMatchObject({ type: "finished", outcome: "handoff", reason: "asked for a person" });
  });

  it("E8 a playbook may finish its questions first, then hand off whatever the score", () => {
    const later: Playbook = {
      ...pb,
      humanRequest: "after-questions",
      copy: { ...pb.copy, humanLater: "Sure, a person will join right after two quick questions." },
    };
    const t = run([{ choice: "browsing" }, { text: "can I talk to a human?" }], later);
    expect(t.state.outcome).toBeNull();
    expect(says(t.effects).map((e) => e.text)).toEqual([
      "Sure, a person will join right after two quick questions.",
      "What budget do you have in mind, per year?",
    ]);
    const done = run(
      [
        { choice: "browsing" },
        { text: "can I talk to a human?" },
        { choice: "none" },
        { choice: "user" },
        { choice: "researching" },
        { text: "a@b.co" },
      ],
      later,
    );
    expect(done.state).toMatchObject({ outcome: "handoff", outcomeReason: "asked for a person" });
    expect(done.state.qualification.tier).toBe("cold");
  });

  it("E8 saying done ends with the done copy, never a live handoff", () => {
    const hot = run([...hotByButtons.slice(0, 4), { text: "that's all, bye" }]);
    expect(hot.state.qualification.tier).toBe("hot");
    expect(hot.state.outcome).toBe("warm");
    expect(hot.last).toBe(pb.copy.done);
  });

  it("E9 disqualifying words end politely at any point, with the reason", () => {
    const t = run([{ choice: "capture" }, { text: "honestly I'm a student, it's for a class" }]);
    expect(t.state).toMatchObject({ outcome: "disqualified", outcomeReason: "Student" });
    expect(t.state.qualification).toMatchObject({
      stage: "disqualified",
      tier: "cold",
      disqualifiedBecause: "Student",
    });
    expect(t.last).toBe(pb.copy.disqualified);
    const option = run([{ choice: "not-buyer" }]);
    expect(option.state.qualification.disqualifiedBecause).toBe("Student or job seeker");
  });

  it("E10 E11 a hot lead finishes with the handoff copy and a finished effect", () => {
    const t = run(hotByButtons);
    expect(t.state.outcome).toBe("handoff");
    expect(t.last).toBe(pb.copy.handoff);
    expect(t.effects.at(-1)).toMatchObject({ type: "finished", outcome: "handoff", qualification: { tier: "hot" } });
  });

  it("E10 lukewarm leads finish warm or cold without a handoff", () => {
    const warm = run([
      { choice: "replace" },
      { choice: "5k-25k" },
      { choice: "shared" },
      { choice: "year" },
      { text: "a@b.co" },
    ]);
    expect([warm.state.outcome, warm.last]).toEqual(["warm", pb.copy.warm]);
    const cold = run([
      { choice: "browsing" },
      { choice: "none" },
      { choice: "influencer" },
      { choice: "researching" },
      { text: "a@gmail.com" },
    ]);
    expect([cold.state.outcome, cold.last]).toEqual(["cold", pb.copy.cold]);
  });

  it("E12 a finished conversation ignores further input", () => {
    const done = run(hotByButtons).state;
    expect(step(pb, done, { text: "hello?" }, now)).toEqual({ state: done, effects: [] });
  });

  it("E13 steps do not mutate the state they are given", () => {
    const s0 = run([{ choice: "capture" }]).state;
    const copy: EngineState = structuredClone(s0);
    step(pb, s0, { text: "about 40" }, now);
    step(pb, s0, { text: "I'm the CEO, 50k, next month" }, now);
    expect(s0).toEqual(copy);
  });
});
