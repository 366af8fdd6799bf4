// A5 on the lead card: what the visitor asked the bot, named by the topic of the answer it gave, or unanswered.
import { describe, expect, it } from "vitest";
import { leadCard } from "../../server/conversation/lead-card.ts";
import type { Conversation } from "../../server/store/types.ts";
import { defaultPlaybook, type Input, start, step } from "../../shared/engine/index.ts";
import { conversation } from "../support/store-contract.ts";

const site = { key: "site1", name: "Acme" } as Parameters<typeof leadCard>[1];

function withAsked(asked: NonNullable<Conversation["engine"]["asked"]>): Conversation {
  const c = conversation("c1");
  return { ...c, engine: { ...c.engine, asked } };
}

describe("lead card: what the visitor asked (A5)", () => {
  it("A5 names each answered question by its answer's topic, the id when it has none, and leaves the rest bare", () => {
    const card = leadCard(
      withAsked([
        { text: "what does it cost?", answerId: "pricing", topic: "Pricing", at: 1 },
        { text: "do you have an iPhone app?", at: 2 },
        { text: "salesforce?", answerId: "salesforce", at: 3 },
      ]),
      site,
    );
    expect(card.asked).toEqual([
      { text: "what does it cost?", topic: "Pricing" },
      { text: "do you have an iPhone app?" },
      { text: "salesforce?", topic: "salesforce" },
    ]);
  });

  it("A5 has no asked list when the visitor asked nothing (a state stored before A5 has none either)", () => {
    expect(leadCard(withAsked([]), site).asked).toBeUndefined();
    const c = conversation("c2");
    const { asked: _, ...engine } = c.engine;
    expect(leadCard({ ...c, engine }, site)).not.toHaveProperty("asked");
  });

  it("A5 from a real conversation on the default playbook: the topic of the answer given, as the bot said it", () => {
    const inputs: Input[] = [{ text: "how much does it cost?" }, { text: "do you have an iPhone app?" }];
    let t = start(defaultPlaybook);
    for (const input of inputs) t = step(defaultPlaybook, t.state, input, 1000);
    const c = { ...conversation("c3"), engine: t.state };
    expect(leadCard(c, site).asked).toEqual([
      { text: "how much does it cost?", topic: "Pricing" },
      { text: "do you have an iPhone app?" },
    ]);
  });
});
