// The store contract, the unanswered questions' counters (shared/leads/SPEC.md Q1): kept by each conversation's
// write and erasure, they give the same list as unansweredQuestions over the conversations kept (the oracle), on
// every store; a flood of distinct questions fills a month no further than questionsPerMonth and takes out none
// already counted.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Conversation, Store } from "../../../server/store/types.ts";
import { type AskedQuestion, defaultPlaybook as pb } from "../../../shared/engine/index.ts";
import { questionsPerMonth, stillUnanswered, unansweredQuestions } from "../../../shared/leads/unanswered.ts";
import { conversation, storeFactories } from "../../support/store-contract.ts";

const now = Date.now();
// This month's and an earlier one's conversations (the counters are per month of creation).
const createdAt = [now - 3_600_000, now - 40 * 86_400_000];
const texts = [
  "Do you have an iPhone app?",
  "do you have an iphone app",
  "Is there an office in Lisbon?",
  "what about GDPR",
  "Any discounts for NGOs?",
  "What about GDPR?!",
];

// A seeded pseudo-random source, so that a failure repeats.
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe.each(storeFactories)("store contract, unanswered questions: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
    await store.putPlaybook(pb);
  });
  afterEach(async () => cleanup());

  const listed = async () => stillUnanswered(await store.askedQuestions("site1", Date.now()), pb, 100);
  const oracle = (kept: Conversation[]) =>
    unansweredQuestions(
      kept.map((c) => c.engine.asked),
      pb,
      100,
    );

  it.each([1, 2])("Q1: equals the list from the conversations after writes and erasures (seed %i)", async (seed) => {
    const rand = random(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
    let at = now - 30 * 86_400_000;
    const kept = new Map<string, Conversation>();
    for (let i = 0; i < 8; i++) {
      const c = await store.createConversation({ ...conversation(`c${i}`), createdAt: pick(createdAt) });
      let stored = c;
      // Each write asks more (a later asking may be answered, or repeat a question in other words).
      for (let w = 0; w < 3; w++) {
        const more: AskedQuestion[] = Array.from({ length: Math.floor(rand() * 3) }, () => {
          at += 1000 + Math.floor(rand() * 1000);
          return { text: pick(texts), at, ...(rand() < 0.2 ? { answerId: "pricing" } : {}) };
        });
        const asked = [...(stored.engine.asked ?? []), ...more];
        stored = (await store.updateConversation({ ...stored, engine: { ...stored.engine, asked } })) as Conversation;
      }
      kept.set(stored.visitorId, stored);
    }
    expect(await listed()).toEqual(oracle([...kept.values()]));
    expect((await listed()).length).toBeGreaterThan(0);
    for (const visitor of [...kept.keys()].filter(() => rand() < 0.5)) {
      await store.eraseVisitor("site1", visitor);
      kept.delete(visitor);
      expect(await listed()).toEqual(oracle([...kept.values()]));
    }
  });

  it("Q1: a flood of distinct questions fills a month to questionsPerMonth, and takes out none already counted", async () => {
    const ask = async (id: string, texts: string[], first: number) => {
      const c = await store.createConversation({ ...conversation(id), createdAt: now - 60_000 });
      const asked = texts.map((text, i) => ({ text, at: first + i }));
      return store.updateConversation({ ...c, engine: { ...c.engine, asked } });
    };
    for (const i of [1, 2, 3]) await ask(`real${i}`, ["Do you ship to Norway?"], now - 50_000 + i);
    // Junk: 25 askings of distinct words in each conversation, more than a month holds in all.
    const junk = (n: number) => Array.from({ length: 25 }, (_, i) => `zq${n}x${i} kw${n * 25 + i}?`);
    for (let n = 0; n < Math.ceil(questionsPerMonth / 25) + 2; n++) await ask(`junk${n}`, junk(n), now - 40_000);
    const all = await store.askedQuestions("site1", Date.now());
    expect(all).toHaveLength(questionsPerMonth);
    expect(all.find((q) => q.text === "Do you ship to Norway?")?.count).toBe(3);
    // A question counted already still counts its next conversation; a new one is not counted in the full month.
    await ask("real4", ["do you ship to norway", "A brand new question?"], now - 30_000);
    const after = await store.askedQuestions("site1", Date.now());
    expect(after).toHaveLength(questionsPerMonth);
    expect(after.find((q) => q.text === "do you ship to norway")?.count).toBe(4);
    expect(after.some((q) => q.text === "A brand new question?")).toBe(false);
    // Erasing a junk conversation makes room again.
    await store.eraseVisitor("site1", "v-junk0");
    await ask("real5", ["A brand new question?"], now - 20_000);
    expect(
      (await store.askedQuestions("site1", Date.now())).find((q) => q.text === "A brand new question?")?.count,
    ).toBe(1);
  });
});
