// The owners' list of questions the bot could not answer (A4, A5): grouped by their words, counted once per
// conversation, most asked first, and gone once the playbook running now answers them.
import { describe, expect, it } from "vitest";
import { type AskedQuestion, defaultPlaybook, type Playbook } from "../../shared/engine/index.ts";
import { questionKey, unansweredQuestions } from "../../shared/leads/unanswered.ts";

const unknown = (text: string, at: number): AskedQuestion => ({ text, at });

describe("unanswered questions (A5)", () => {
  it("A5 groups askings by their words, whatever the case, punctuation and spacing", () => {
    expect(questionKey("Do you have an  iPhone app??")).toBe(questionKey("do you have an iphone app"));
    expect(questionKey("do you have an iPhone app?")).not.toBe(questionKey("do you have an Android app?"));
  });

  it("A5 counts each question once per conversation, keeps its latest words, and lists the most asked first", () => {
    const list = unansweredQuestions(
      [
        [unknown("do you have an iPhone app?", 10), unknown("Do you have an iPhone app??", 11)],
        [unknown("do you have an iphone app", 30), unknown("is there an office in Lisbon?", 20)],
        [unknown("is there an office in Lisbon?", 40)],
        [unknown("can I pay by invoice?", 50)],
        undefined,
      ],
      defaultPlaybook,
      10,
    );
    expect(list).toEqual([
      { text: "is there an office in Lisbon?", count: 2, lastAskedAt: 40 },
      { text: "do you have an iphone app", count: 2, lastAskedAt: 30 },
      { text: "can I pay by invoice?", count: 1, lastAskedAt: 50 },
    ]);
    expect(unansweredQuestions([[unknown("a?", 1), unknown("b?", 2)]], defaultPlaybook, 1)).toHaveLength(1);
  });

  it("A5 leaves out answered questions, words-free ones, and those the playbook running now would answer", () => {
    const asked: AskedQuestion[] = [
      { text: "what does it cost?", answerId: "pricing", at: 1 },
      unknown("?!", 2),
      unknown("do you have an iPhone app?", 3),
    ];
    expect(unansweredQuestions([asked], defaultPlaybook, 10).map((q) => q.text)).toEqual([
      "do you have an iPhone app?",
    ]);
    // The owner answers it: the next version of the playbook has it as an example, and the list is empty.
    const answered: Playbook = {
      ...defaultPlaybook,
      answers: [
        ...(defaultPlaybook.answers ?? []),
        { id: "mobile", questions: ["do you have an iPhone app?"], answer: "Not yet: the console works in Safari." },
      ],
    };
    expect(unansweredQuestions([asked], answered, 10)).toEqual([]);
  });
});
