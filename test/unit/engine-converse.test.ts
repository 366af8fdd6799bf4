// The engine's conversation rules (SPEC.md C1-C6, A1-A5, H1-H2): never loop, never re-ask, say what was
// understood, take a skip by words, answer questions or say honestly that it cannot, and promise only what happens.
import { describe, expect, it } from "vitest";
import {
  defaultPlaybook,
  type Effect,
  type Input,
  type Playbook,
  reservedValues,
  type StepContext,
  start,
  step,
  type Transition,
} from "../../shared/engine/index.ts";
import { closedBooking, nobody, now } from "../support/step-contexts.ts";

// The default playbook with two answers of its own, so these tests do not depend on the shipped demo answers.
const pb: Playbook = {
  ...defaultPlaybook,
  answers: [
    {
      id: "pricing",
      questions: ["what does it cost?", "how much is it?", "what is the price?"],
      answer: "Plans start at $49 a month.",
      link: { label: "Pricing", url: "https://example.com/pricing" },
    },
    { id: "salesforce", topic: "Salesforce", questions: ["do you integrate with salesforce?"], answer: "Yes." },
  ],
};

type Say = Extract<Effect, { type: "say" }>;
const sayings = (t: Transition) => t.effects.filter((e): e is Say => e.type === "say");

const toInput = (x: string | Input): Input => (typeof x === "string" ? { text: x } : x);

// Runs a conversation; `asked` lists the question ids in the order they were put (each ask, re-asks included).
function run(inputs: Input[], ctx?: StepContext, playbook: Playbook = pb) {
  let t = start(playbook);
  const said: Say[] = sayings(t);
  const asked: string[] = t.state.asking ? [t.state.asking] : [];
  for (const input of inputs) {
    const before = t.state.asks ?? {};
    t = step(playbook, t.state, input, now, ctx);
    said.push(...sayings(t));
    for (const [id, n] of Object.entries(t.state.asks ?? {})) {
      for (let k = before[id] ?? 0; k < n; k++) asked.push(id);
    }
  }
  return { ...t, said, asked, last: said.at(-1)?.text ?? "" };
}

describe("C conversation", () => {
  it("C1 a question the visitor cannot answer is asked twice at most, then given up", () => {
    const t = run([{ text: "🤷" }, { text: "…" }, { text: "😶" }]);
    expect(t.asked.filter((id) => id === "need")).toHaveLength(2);
    expect(t.state.skipped).toContain("need");
    expect(t.state.asking).toBe("budget");
  });

  it("C1 a No to a confirmation and the re-ask after an answered question count as asks", () => {
    // need asked (1), the visitor asks something (answer, then need again: 2), asks again: need is given up.
    const t = run([{ text: "what does it cost?" }, { text: "how much is it?" }]);
    expect(t.asked.filter((id) => id === "need")).toHaveLength(2);
    expect(t.state.asking).toBe("budget");
  });

  it("C2 an answer given early, to another question, is never asked for", () => {
    const t = run([{ choice: "capture" }, { text: "not sure yet, we'd want it live next month" }]);
    expect(t.state.slots.timing?.value).toMatchObject({ kind: "timing" });
    const rest = run([
      { choice: "capture" },
      { text: "not sure yet, we'd want it live next month" },
      { choice: "decider" },
    ]);
    expect(rest.asked).not.toContain("timing");
    expect(rest.state.asking).toBe("email");
  });

  it("C3 a need the options do not name is kept in the visitor's words, scored, and not asked again", () => {
    const t = run([{ text: "our SDRs spend hours triaging chat transcripts by hand" }]);
    expect(t.state.slots.need?.value).toMatchObject({ kind: "choice", value: reservedValues.other });
    expect(t.state.slots.need?.display).toBe("our SDRs spend hours triaging chat transcripts by hand");
    expect(t.state.qualification.reasons.map((r) => r.reason)).toContain(
      "Need, in their words: our SDRs spend hours triaging chat transcripts by hand",
    );
    expect(t.state.asking).toBe("budget");
    expect(t.last).toBe("What budget do you have in mind, per year?");
  });

  it("C3 filler is not a need", () => {
    const t = run([{ text: "hmm" }]);
    expect(t.state.slots.need).toBeUndefined();
    expect(t.last).toBe("Sorry, I didn't catch that. What brings you here today?");
  });

  it("C4 a message that fills several slots is said back in one line before the next question", () => {
    const t = run([{ choice: "capture" }, { text: "I'm the CTO, about 50k and we need it live by March" }]);
    expect(t.last).toBe("Got it: about $50,000, CTO, by March 2027. What's the best email to reach you?");
  });

  it("C4 a button's own words and an email are not echoed; a reading of other words is", () => {
    expect(run([{ text: "Get leads to sales faster" }]).last).toBe("What budget do you have in mind, per year?");
    expect(run([{ choice: "capture" }, { text: "40k" }]).last).toBe(
      "Got it: about $40,000. Who makes the buying decision?",
    );
  });

  it("C5 any question is skipped by words, acknowledged, and not asked again", () => {
    const t = run([{ choice: "capture" }, { text: "I'd rather not say" }]);
    expect(t.state.skipped).toContain("budget");
    expect(t.last).toBe("No problem, let's skip that. Who makes the buying decision?");
  });

  it("C5 a skip keeps the rest of the message: what else it says counts", () => {
    const t = run([{ choice: "capture" }, "I'd rather not say, but we need it by March"].map(toInput));
    expect(t.state.skipped).toContain("budget");
    expect(t.state.slots.timing?.value).toMatchObject({ kind: "timing" });
    expect(t.last).toBe("No problem, let's skip that. Got it: by March 2027. Who makes the buying decision?");
  });

  it("C5 a skip that names another question skips that one, keeps what answers the open one, asks it again if not", () => {
    const named = run(["I'd rather not say my role, we want to capture more leads from our website"].map(toInput));
    expect(named.state.slots.need?.value).toMatchObject({ value: "capture" });
    expect(named.state.skipped).toContain("authority");
    expect(named.asked).not.toContain("authority");
    const open = run([{ choice: "capture" }, "I'd rather not give my email"].map(toInput));
    expect(open.state.skipped).toEqual(["email"]);
    expect(open.last).toBe(
      "No problem, let's skip that. Now, back to my question: What budget do you have in mind, per year?",
    );
    // The open question named too: that one is skipped.
    const both = run([{ choice: "capture" }, "I'd rather not share budget or email yet"].map(toInput));
    expect(both.state.skipped).toEqual(["budget"]);
  });

  it("C5 the email question has a Skip button", () => {
    const t = run([{ choice: "capture" }, { choice: "25k-100k" }, { choice: "decider" }, { choice: "month" }]);
    expect(t.state.asking).toBe("email");
    expect(
      sayings(t)
        .at(-1)
        ?.options?.map((o) => o.value),
    ).toEqual([reservedValues.skip]);
  });

  it("C6 an opener with three of the four BANT topics is qualified in at most three more questions", () => {
    const t = run([
      { text: "I'm the VP of Sales at a 200-person company, we have about 60k budget and want to start next month" },
      { choice: "capture" },
      { choice: reservedValues.yes },
      { text: "ana@acme.io" },
    ]);
    expect(t.state.outcome).toBe("handoff");
    const questionsAfterOpener = t.said.slice(2).filter((s) => s.text.endsWith("?")).length;
    expect(questionsAfterOpener).toBeLessThanOrEqual(3);
  });
});

describe("A answers", () => {
  it("A3 a question is answered with its link, then the open question is asked again, short", () => {
    const t = run([{ text: "what does it cost?" }]);
    const [answer, resume] = sayings(t).slice(-2);
    expect(answer).toMatchObject({
      text: "Plans start at $49 a month.",
      link: { url: "https://example.com/pricing", label: "Pricing" },
    });
    expect(resume?.text).toBe("Now, back to my question: What brings you here today?");
    expect(resume?.options?.map((o) => o.value)).toContain("capture");
  });

  it("A1 a message that answers and asks gets both: the answer to the open question, then the question's answer", () => {
    const t = run([{ choice: "capture" }, { text: "not sure, what does it cost?" }]);
    expect(t.state.slots.budget?.value).toMatchObject({ kind: "unknown" });
    expect(sayings(t).map((s) => s.text)).toEqual(["Plans start at $49 a month.", "Who makes the buying decision?"]);
  });

  it("A4 an unknown question is not guessed: the bot says so and offers a person who is online", () => {
    const t = run([{ choice: "capture" }, { text: "do you have an office in Lisbon?" }]);
    const [unknown, resume] = sayings(t).slice(-2);
    expect(unknown?.text).toBe(
      "I don't know that one, and I'd rather not guess. I've noted your question for the team.",
    );
    expect(resume?.options?.at(-1)).toEqual({ value: reservedValues.human, label: "Talk to a person" });
    const person = step(pb, t.state, { choice: reservedValues.human }, now);
    expect(person.effects.at(-1)).toMatchObject({ type: "finished", outcome: "handoff", route: "ring" });
  });

  it("A4 with nobody online no person is offered; outside hours the booking link is", () => {
    const t = run([{ choice: "capture" }, { text: "do you have an office in Lisbon?" }], nobody);
    expect(
      sayings(t)
        .at(-1)
        ?.options?.map((o) => o.value),
    ).not.toContain(reservedValues.human);
    const b = run([{ choice: "capture" }, { text: "do you have an office in Lisbon?" }], closedBooking);
    expect(sayings(b).find((s) => s.link)?.link).toEqual({ url: "https://cal.example/acme", label: "Book a call" });
  });

  it("A4 a person is offered beside the next question when the same message also answered the open one", () => {
    const t = run([{ choice: "capture" }, "about 40k. do you have an office in Lisbon?"].map(toInput));
    expect(t.state.asking).toBe("authority");
    // C4: what the message said is its own bubble before the answer to its question.
    expect(sayings(t).map((x) => x.text)).toEqual([
      "Got it: about $40,000.",
      "I don't know that one, and I'd rather not guess. I've noted your question for the team.",
      "Who makes the buying decision?",
    ]);
    expect(sayings(t).at(-1)?.options?.at(-1)).toEqual({ value: reservedValues.human, label: "Talk to a person" });
  });

  it("E8 H1 a person promised after the questions only while one is free; a default line says it honestly", () => {
    const later: Playbook = { ...pb, humanRequest: "after-questions" };
    const ringing = run(["can I talk to someone?"].map(toInput), undefined, later);
    expect(sayings(ringing).map((x) => x.text)).toEqual([
      "Sure, I'll get you to a person right after a few quick questions.",
      "What brings you here today?",
    ]);
    const alone = run(["can I talk to someone?"].map(toInput), nobody, later);
    expect(alone.effects.at(-1)).toMatchObject({ type: "finished", outcome: "handoff", route: "fallback" });
  });

  it("A5 every question is kept with the answer given and its topic, and an asked effect tells the server", () => {
    const t = run([
      { text: "what does it cost?" },
      { choice: "capture" },
      { text: "do you have an office in Lisbon?" },
      { text: "do you integrate with salesforce?" },
    ]);
    // The topic when the answer has one (the lead card reads it without the playbook), else the id alone.
    expect(t.state.asked?.map((a) => [a.text, a.answerId, a.topic])).toEqual([
      ["what does it cost?", "pricing", undefined],
      ["do you have an office in Lisbon?", undefined, undefined],
      ["do you integrate with salesforce?", "salesforce", "Salesforce"],
    ]);
    const lisbon = run([{ choice: "capture" }, { text: "do you have an office in Lisbon?" }]);
    expect(lisbon.effects).toContainEqual({ type: "asked", text: "do you have an office in Lisbon?", answerId: null });
  });
});

describe("H honest copy", () => {
  const hot: Input[] = [
    { choice: "capture" },
    { choice: "25k-100k" },
    { choice: "decider" },
    { choice: "month" },
    { text: "ana@acme.io" },
  ];

  it("H1 a hot lead with a rep to ring hears the handoff copy, and the server is told to ring", () => {
    const t = run(hot);
    expect(t.last).toBe(defaultPlaybook.copy.handoff);
    expect(t.effects.at(-1)).toMatchObject({ type: "finished", outcome: "handoff", route: "ring" });
  });

  it("H1 with nobody online, one coherent message about the fallback, and no promise of a rep now", () => {
    const t = run(hot, nobody);
    expect(t.said.filter((s) => s.text.includes("connecting"))).toEqual([]);
    expect(t.last).toBe(
      "Thanks, you're a great fit. Nobody from the team is online right now, but if you leave your phone number and a good time to call, a rep will call you back.",
    );
    expect(t.effects.at(-1)).toMatchObject({ type: "finished", outcome: "handoff", route: "fallback" });
  });

  it("H1 asking for a person outside hours offers the booking link in the same message", () => {
    const t = run([{ text: "can I talk to someone?" }], closedBooking);
    expect(sayings(t)).toEqual([
      {
        type: "say",
        text: "We're outside our opening hours right now, but you can book a time that suits you:",
        link: { url: "https://cal.example/acme", label: "Book a call" },
      },
    ]);
    expect(t.effects.at(-1)).toMatchObject({ outcome: "handoff", reason: "asked for a person", route: "fallback" });
  });

  it("H2 warm and cold leads are promised no email", () => {
    for (const copy of [defaultPlaybook.copy.warm, defaultPlaybook.copy.cold]) expect(copy).not.toMatch(/email/i);
    const cold = run([{ choice: "browsing" }, { choice: "none" }, { choice: "user" }, { choice: "researching" }]);
    expect(cold.state.asking).toBe("email");
    const ended = step(pb, cold.state, { choice: reservedValues.skip }, now);
    expect(sayings(ended).at(-1)?.text).toBe(defaultPlaybook.copy.cold);
  });
});
