// Whole conversations with the default playbook, typed the way visitors type: openers that say several things at
// once, questions in the middle, refusals, corrections and nonsense. Each asserts how the lead ends, which
// questions the bot put (every ask, re-asks included) and which of the site's answers it gave. Every one is also
// held to the rules that matter most to a visitor: no question put more than twice (C1), and none put about a
// topic they already answered (C2).
import { describe, expect, it } from "vitest";
import {
  type BotOutcome,
  type Effect,
  type Input,
  defaultPlaybook as pb,
  reservedValues,
  type StepContext,
  start,
  step,
  type Transition,
} from "../../shared/engine/index.ts";
import type { Tier } from "../../shared/protocol/index.ts";
import { closedBooking, nobody, now } from "../support/step-contexts.ts";

const skip = { choice: reservedValues.skip };
const yes = { choice: reservedValues.yes };
const person = { choice: reservedValues.human };

interface Dialogue {
  name: string;
  // What the visitor types (a string) or clicks ({ choice }).
  visitor: (string | Input)[];
  ctx?: StepContext;
  tier: Tier;
  // How the bot ended; null: still qualifying when the visitor stopped.
  outcome: BotOutcome | null;
  // Every question put, in order, by id.
  asked: string[];
  // For each question the visitor asked, the id of the answer given, or null (the bot did not know).
  answers?: (string | null)[];
  // Slots as they end up (partial values), and slots that must stay unknown.
  slots?: Record<string, Record<string, unknown>>;
  unknown?: string[];
  // Words the bot must have said (in any bubble), and must never have said.
  said?: string[];
  never?: string[];
}

type Say = Extract<Effect, { type: "say" }>;

function converse(d: Dialogue) {
  let t: Transition = start(pb);
  const asked: string[] = t.state.asking ? [t.state.asking] : [];
  const answers: (string | null)[] = [];
  const said: string[] = t.effects.flatMap((e) => (e.type === "say" ? [e.text] : []));
  const repeats: string[] = [];
  for (const turn of d.visitor) {
    const before = t.state.asks ?? {};
    t = step(pb, t.state, typeof turn === "string" ? { text: turn } : turn, now, d.ctx);
    for (const e of t.effects) {
      if (e.type === "say") said.push((e as Say).text);
      if (e.type === "asked") answers.push(e.answerId);
    }
    for (const [id, n] of Object.entries(t.state.asks ?? {})) {
      for (let k = before[id] ?? 0; k < n; k++) {
        asked.push(id);
        const slot = pb.questions.find((q) => q.id === id)?.slot ?? id;
        // C2: a question is never put about a slot the visitor already filled.
        if (slot in t.state.slots) repeats.push(`${id} asked with ${slot} known`);
      }
    }
  }
  return { t, asked, answers, said, repeats };
}

const dialogues: Dialogue[] = [
  {
    name: "buttons all the way: hot",
    visitor: [{ choice: "capture" }, { choice: "25k-100k" }, { choice: "decider" }, { choice: "month" }, "ana@acme.io"],
    tier: "hot",
    outcome: "handoff",
    asked: ["need", "budget", "authority", "timing", "email"],
    said: ["I'm connecting you with a rep now."],
  },
  {
    name: "an opener with three topics: asks only what is missing, says what it understood",
    visitor: [
      "Hi, I'm the CTO at Acme, we have around 50k a year and need something live by March",
      "honestly we lose leads that come in at night",
      "cto@acme.io",
    ],
    tier: "hot",
    outcome: "handoff",
    asked: ["need", "need", "email"],
    slots: {
      authority: { level: "decision-maker", title: "CTO" },
      budget: { amount: 50_000 },
      need: { value: "capture" },
    },
    said: ["Got it: about $50,000 per year, CTO, by March 2027. What brings you here today?"],
  },
  {
    name: "the VP of Sales opener from the issue: qualified in three more questions",
    visitor: [
      "I'm the VP of Sales at a 200-person company, we have about 60k budget and want to start next month",
      "we need to respond to inbound leads faster",
      yes,
      "jo@bigco.com",
    ],
    tier: "hot",
    outcome: "handoff",
    asked: ["need", "need", "email"],
    slots: { need: { value: "speed" }, authority: { level: "decision-maker", title: "VP of Sales" } },
  },
  {
    name: "a need in other words, a European budget, negated authority, exploring",
    visitor: [
      "We need a better way to qualify our inbound leads",
      "around 40.000 EUR",
      "I'm not involved in purchasing",
      "honestly just exploring options for now",
      skip,
    ],
    tier: "warm",
    outcome: "warm",
    asked: ["need", "budget", "authority", "timing", "email"],
    slots: {
      need: { value: "capture" },
      budget: { amount: 40_000, currency: "EUR" },
      authority: { level: "influencer" },
      timing: { kind: "none" },
    },
    never: ["email you", "by email"],
  },
  {
    name: "not sure, what does it cost? gets the price, and the need asked again",
    visitor: ["not sure, what does it cost?", { choice: "speed" }],
    tier: "cold",
    outcome: null,
    asked: ["need", "need", "budget"],
    answers: ["pricing"],
    said: ["Now, back to my question: What brings you here today?"],
  },
  {
    name: "zero is no budget, not $0",
    visitor: [{ choice: "capture" }, "zero", { choice: "decider" }],
    tier: "warm",
    outcome: null,
    asked: ["need", "budget", "authority", "timing"],
    slots: { budget: { kind: "none" } },
    unknown: ["timing"],
    never: ["$0"],
  },
  {
    name: "none right now is no budget, never a timing",
    visitor: [{ choice: "capture" }, "none right now"],
    tier: "cold",
    outcome: null,
    asked: ["need", "budget", "authority"],
    slots: { budget: { kind: "none" } },
    unknown: ["timing"],
  },
  {
    name: "qualification is manual today: a need, not a timing of today",
    visitor: ["qualification is manual today and it's killing us", "50k", "it's my call"],
    tier: "hot",
    outcome: null,
    asked: ["need", "budget", "authority", "timing"],
    slots: { need: { value: "capture" }, authority: { level: "decision-maker" } },
    unknown: ["timing"],
  },
  {
    name: "budget skipped by words, then everything else by buttons",
    visitor: [{ choice: "speed" }, "I'd rather not say", { choice: "decider" }, { choice: "quarter" }, "li@acme.io"],
    tier: "warm",
    outcome: "warm",
    asked: ["need", "budget", "authority", "timing", "email"],
    unknown: ["budget"],
    said: ["No problem, let's skip that. Who makes the buying decision?"],
  },
  {
    name: "email refused in words ends politely, no email promised",
    visitor: [
      { choice: "capture" },
      { choice: "5k-25k" },
      { choice: "shared" },
      { choice: "year" },
      "I'd rather not give my email",
    ],
    tier: "warm",
    outcome: "warm",
    asked: ["need", "budget", "authority", "timing", "email"],
    unknown: ["email"],
    never: ["by email", "Sorry, I didn't catch that"],
  },
  {
    name: "asks for a person mid-way with a rep online: handed off",
    visitor: [{ choice: "replace" }, "can I talk to someone?"],
    tier: "cold",
    outcome: "handoff",
    asked: ["need", "budget"],
    said: ["I'm connecting you to a person now."],
  },
  {
    name: "asks for a person with nobody online: one honest message, no 'connecting'",
    visitor: [{ choice: "replace" }, "can I speak to a human please"],
    ctx: nobody,
    tier: "cold",
    outcome: "handoff",
    asked: ["need", "budget"],
    said: ["Nobody from the team is online right now, but if you leave your phone number"],
    never: ["connecting"],
  },
  {
    name: "nonsense twice: the need is given up, never asked a third time",
    visitor: ["asdf", "???", { choice: "under-5k" }],
    tier: "cold",
    outcome: null,
    asked: ["need", "need", "budget", "authority"],
    unknown: ["need"],
  },
  {
    name: "a correction of the budget while the authority question is open",
    visitor: [{ choice: "capture" }, "40k", "actually more like 100k"],
    tier: "warm",
    outcome: null,
    asked: ["need", "budget", "authority", "authority"],
    slots: { budget: { amount: 100_000 } },
    said: ["Got it, I've updated Budget: about $100,000."],
  },
  {
    name: "a student is disqualified politely",
    visitor: ["I'm a student working on a school project about chatbots"],
    tier: "cold",
    outcome: "disqualified",
    asked: ["need"],
  },
  {
    name: "a vendor pitch is disqualified",
    visitor: [{ choice: "capture" }, "hi! we offer seo services and backlinks, interested?"],
    tier: "cold",
    outcome: "disqualified",
    asked: ["need", "budget"],
  },
  {
    name: "a question in the middle: answered, then back to the authority question",
    visitor: [{ choice: "capture" }, { choice: "25k-100k" }, "does it work with salesforce?", { choice: "decider" }],
    tier: "hot",
    outcome: null,
    asked: ["need", "budget", "authority", "authority", "timing"],
    answers: ["integrations"],
  },
  {
    name: "a question the site has no answer for: no guess, a person offered",
    visitor: [{ choice: "capture" }, "do you have an iPhone app?", person],
    tier: "cold",
    outcome: "handoff",
    asked: ["need", "budget", "budget"],
    answers: [null],
    said: ["I don't know that one, and I'd rather not guess."],
  },
  {
    name: "an answer and a question in one message: both handled",
    visitor: [{ choice: "capture" }, "about 20k, is there a free trial?", { choice: "decider" }],
    tier: "warm",
    outcome: null,
    asked: ["need", "budget", "authority", "timing"],
    answers: ["free-trial"],
    slots: { budget: { amount: 20_000 } },
  },
  {
    name: "done half way: warm or cold, never a live handoff",
    visitor: [{ choice: "capture" }, { choice: "over-100k" }, "that's all, thanks bye"],
    tier: "warm",
    outcome: "warm",
    asked: ["need", "budget", "authority"],
  },
  {
    name: "all typed, in a hurry: hot",
    visitor: ["capture more leads", "100k+", "I'm the founder", "asap", "me@startup.io"],
    tier: "hot",
    outcome: "handoff",
    asked: ["need", "budget", "authority", "timing", "email"],
    slots: { budget: { bound: "at-least", amount: 100_000 }, authority: { title: "Founder" } },
  },
  {
    name: "a monthly budget counts per year",
    visitor: [{ choice: "capture" }, "2k a month", { choice: "decider" }, { choice: "month" }, "x@y.io"],
    tier: "hot",
    outcome: "handoff",
    asked: ["need", "budget", "authority", "timing", "email"],
    slots: { budget: { amount: 2000, period: "month" } },
  },
  {
    name: "pounds are converted",
    visitor: [{ choice: "speed" }, "£30k", { choice: "influencer" }],
    tier: "warm",
    outcome: null,
    asked: ["need", "budget", "authority", "timing"],
    slots: { budget: { currency: "GBP", amount: 30_000 } },
  },
  {
    name: "a European amount with decimals",
    visitor: [{ choice: "speed" }, "1.500,50 € per month"],
    tier: "cold",
    outcome: null,
    asked: ["need", "budget", "authority"],
    slots: { budget: { currency: "EUR", period: "month" } },
  },
  {
    name: "I don't make decisions is an influencer",
    visitor: [{ choice: "capture" }, { choice: "5k-25k" }, "I don't make decisions here"],
    tier: "warm",
    outcome: null,
    asked: ["need", "budget", "authority", "timing"],
    slots: { authority: { level: "influencer" } },
  },
  {
    name: "my boss decides, and she is only researching: no timeline, so timing is not asked",
    visitor: [{ choice: "capture" }, { choice: "5k-25k" }, "my boss decides, I'm just researching for her"],
    tier: "cold",
    outcome: null,
    asked: ["need", "budget", "authority", "email"],
    slots: { authority: { level: "influencer" }, timing: { kind: "none" } },
    said: ["Got it: someone else decides, no set timeline."],
  },
  {
    name: "a shared decision and a date in weeks",
    visitor: [
      { choice: "capture" },
      { choice: "25k-100k" },
      "me and my cofounder decide together",
      "in 6 weeks",
      "sam@co.io",
    ],
    tier: "hot",
    outcome: "handoff",
    asked: ["need", "budget", "authority", "timing", "email"],
    slots: { authority: { level: "shared" }, timing: { days: 42 } },
  },
  {
    name: "no rush, just researching: cold, and told nothing about an email",
    visitor: [{ choice: "browsing" }, { choice: "none" }, { choice: "user" }, "no rush, just researching", skip],
    tier: "cold",
    outcome: "cold",
    asked: ["need", "budget", "authority", "timing", "email"],
    slots: { timing: { kind: "none" } },
    never: ["by email", "send you"],
  },
  {
    name: "a need in the visitor's own words is kept and scored",
    visitor: ["our SDRs spend hours triaging chat transcripts by hand", { choice: "25k-100k" }],
    tier: "warm",
    outcome: null,
    asked: ["need", "budget", "authority"],
    slots: { need: { value: reservedValues.other } },
  },
  {
    name: "typos still read",
    visitor: ["we keep losing laeds from the webiste", "aprox 40k", "decison maker"],
    tier: "hot",
    outcome: null,
    asked: ["need", "budget", "authority", "timing"],
    slots: { need: { value: "capture" }, authority: { level: "decision-maker" } },
  },
  {
    name: "an opener with budget, timing and a setup question",
    visitor: [
      "We're a 50-person team, budget ~30k, need it next month. How long does setup take?",
      { choice: "capture" },
    ],
    tier: "warm",
    outcome: null,
    asked: ["need", "need", "authority"],
    answers: ["setup"],
    slots: { budget: { amount: 30_000 } },
  },
  {
    name: "asks for a person as the very first message",
    visitor: ["can i talk to a real person"],
    tier: "cold",
    outcome: "handoff",
    asked: ["need"],
  },
  {
    name: "outside hours, a request for a person gets the booking link",
    visitor: ["talk to sales"],
    ctx: closedBooking,
    tier: "cold",
    outcome: "handoff",
    asked: ["need"],
    said: ["We're outside our opening hours right now, but you can book a time that suits you:"],
    never: ["connecting"],
  },
  {
    name: "a hot lead with nobody online hears the fallback, in one message",
    visitor: [
      { choice: "capture" },
      { choice: "over-100k" },
      { choice: "decider" },
      { choice: "month" },
      "ceo@acme.io",
    ],
    ctx: nobody,
    tier: "hot",
    outcome: "handoff",
    asked: ["need", "budget", "authority", "timing", "email"],
    said: ["Thanks, you're a great fit. Nobody from the team is online right now"],
    never: ["connecting"],
  },
  {
    name: "two questions in a row: each answered, the need asked twice only",
    visitor: ["what is banter?", "is it GDPR compliant?", { choice: "under-5k" }],
    tier: "cold",
    outcome: null,
    asked: ["need", "need", "budget", "authority"],
    answers: ["what-is-banter", "privacy"],
  },
  {
    name: "a doubtful title is confirmed, and yes commits it",
    visitor: [{ choice: "capture" }, { choice: "25k-100k" }, "VP of Marketing", yes, { choice: "month" }, "vp@acme.io"],
    tier: "hot",
    outcome: "handoff",
    asked: ["need", "budget", "authority", "timing", "email"],
    slots: { authority: { level: "decision-maker" } },
    said: ["Just to check: decision maker (VP of Marketing)?"],
  },
  {
    name: "a doubtful title denied: asked once more, then answered",
    visitor: [{ choice: "capture" }, { choice: "25k-100k" }, "I'm a director", "no", "someone else decides"],
    tier: "warm",
    outcome: null,
    asked: ["need", "budget", "authority", "authority", "timing"],
    slots: { authority: { level: "influencer" } },
  },
  {
    name: "emoji only, twice: given up",
    visitor: ["🤔", "🙃"],
    tier: "cold",
    outcome: null,
    asked: ["need", "need", "budget"],
    unknown: ["need"],
  },
  {
    name: "a rambling opener with an email and a role",
    visitor: [
      "hey there, I lead marketing at a small agency, reach me at jo@agency.co, we want faster replies to leads",
      { choice: "5k-25k" },
      yes,
    ],
    tier: "warm",
    outcome: null,
    asked: ["need", "budget", "timing"],
    slots: { email: { email: "jo@agency.co" }, need: { value: "speed" }, authority: { level: "decision-maker" } },
    said: ["Got it: Get leads to sales faster, jo@agency.co. What budget", "Just to check: decision maker?"],
  },
  {
    name: "a free email address scores lower than a work one",
    visitor: [
      { choice: "capture" },
      { choice: "25k-100k" },
      { choice: "decider" },
      { choice: "quarter" },
      "ana.b@gmail.com",
    ],
    tier: "hot",
    outcome: "handoff",
    asked: ["need", "budget", "authority", "timing", "email"],
  },
  {
    name: "what brings me here? lead capture: the visitor answers themself",
    visitor: ["what brings me here? lead capture"],
    tier: "cold",
    outcome: null,
    asked: ["need", "budget"],
    slots: { need: { value: "capture" } },
    answers: [],
  },
  {
    name: "a greeting is not an answer: asked again with the buttons",
    visitor: ["hi", { choice: "replace" }],
    tier: "cold",
    outcome: null,
    asked: ["need", "need", "budget"],
    said: ["Sorry, I didn't catch that. What brings you here today?"],
  },
  {
    name: "none of your business skips the budget",
    visitor: [{ choice: "capture" }, "none of your business"],
    tier: "cold",
    outcome: null,
    asked: ["need", "budget", "authority"],
    unknown: ["budget"],
  },
  {
    name: "a demo request is answered, the conversation goes on",
    visitor: [
      { choice: "capture" },
      { choice: "25k-100k" },
      { choice: "decider" },
      "can i book a demo?",
      { choice: "month" },
    ],
    tier: "hot",
    outcome: null,
    asked: ["need", "budget", "authority", "timing", "timing", "email"],
    answers: ["demo"],
  },
  {
    name: "exploring options, said to the timing question, is no timeline",
    visitor: [{ choice: "capture" }, { choice: "5k-25k" }, { choice: "influencer" }, "exploring options"],
    tier: "cold",
    outcome: null,
    asked: ["need", "budget", "authority", "timing", "email"],
    slots: { timing: { kind: "none" } },
  },
  {
    name: "the issue's visitor: a question first, a need in other words, euros, a question the site cannot answer",
    visitor: [
      "not sure, what does it cost?",
      "We need a better way to qualify our inbound leads",
      "around 40.000 EUR",
      "do you have an iPhone app?",
      "I'm not involved in purchasing",
      "I'd rather not give my email",
      "exploring options",
    ],
    tier: "warm",
    outcome: "warm",
    asked: ["need", "need", "budget", "authority", "authority", "timing", "timing"],
    answers: ["pricing", null],
    unknown: ["email"],
    slots: { timing: { kind: "none" } },
    said: [
      "Got it: about €40,000.",
      "No problem, let's skip that. Now, back to my question: When do you need this in place?",
    ],
    never: ["What's the best email"],
  },
];

describe("dialogues (C1-C6, A1-A5, H1-H2 with the default playbook)", () => {
  it("has at least 40 conversations", () => {
    expect(dialogues.length).toBeGreaterThanOrEqual(40);
  });

  for (const d of dialogues) {
    it(d.name, () => {
      const { t, asked, answers, said, repeats } = converse(d);
      expect(repeats, "C2: a topic already answered was asked about").toEqual([]);
      const counts = new Map<string, number>();
      for (const id of asked) counts.set(id, (counts.get(id) ?? 0) + 1);
      expect(
        [...counts].filter(([, n]) => n > 2),
        "C1: a question was put more than twice",
      ).toEqual([]);
      expect(asked).toEqual(d.asked);
      expect(t.state.outcome).toBe(d.outcome);
      expect(t.state.qualification.tier).toBe(d.tier);
      if (d.answers) expect(answers).toEqual(d.answers);
      for (const [slot, value] of Object.entries(d.slots ?? {})) {
        expect(t.state.slots[slot]?.value, slot).toMatchObject(value);
      }
      for (const slot of d.unknown ?? []) {
        expect(t.state.slots[slot] === undefined || t.state.slots[slot]?.value.kind === "unknown", slot).toBe(true);
      }
      const all = said.join("\n");
      for (const words of d.said ?? []) expect(all).toContain(words);
      for (const words of d.never ?? []) expect(all.toLowerCase()).not.toContain(words.toLowerCase());
    });
  }
});
