// What publishing would change (shared/engine/playbook-diff.ts): the editor shows it before Publish, the version
// history summarises each version with it.
import { describe, expect, it } from "vitest";
import { defaultPlaybook } from "../../shared/engine/index.ts";
import type { Playbook } from "../../shared/engine/playbook.ts";
import { describeCondition, diffPlaybooks, summarizeChanges } from "../../shared/engine/playbook-diff.ts";

const base = (): Playbook => structuredClone(defaultPlaybook);

// The item at i, which the test's playbook has.
function at<T>(list: readonly T[] | undefined, i: number): T {
  const item = list?.[i];
  if (item === undefined) throw new Error(`no item ${i}`);
  return item;
}

describe("playbook diff", () => {
  it("finds nothing between a playbook and its copy, whatever its id and version", () => {
    expect(diffPlaybooks(base(), { ...base(), id: "other", version: 7 })).toEqual([]);
    expect(summarizeChanges([])).toBe("No changes");
  });

  it("names a changed field with its words before and after", () => {
    const after = base();
    at(after.questions, 0).text = "What should we fix first?";
    after.scoring.thresholds.hot = 80;
    after.copy.greeting = "Hello!";
    expect(diffPlaybooks(base(), after)).toEqual([
      {
        kind: "changed",
        what: "Question “Need”: text",
        before: "What brings you here today?",
        after: "What should we fix first?",
      },
      { kind: "changed", what: "Scoring: Hot from", before: "70", after: "80" },
      { kind: "changed", what: "Bot copy: greeting", before: defaultPlaybook.copy.greeting, after: "Hello!" },
    ]);
  });

  it("lists questions and options added and removed, and a new order", () => {
    const after = base();
    const [need, budget, ...rest] = [at(after.questions, 0), at(after.questions, 1), ...after.questions.slice(2)];
    after.questions = [budget, need, ...rest.filter((q) => q.id !== "email")];
    after.questions.push({ id: "phone", slot: "phone", label: "Phone", type: "phone", text: "Your number?" });
    need.options = (need.options ?? []).filter((o) => o.value !== "browsing");
    need.options.push({ value: "demo", label: "Book a demo" });
    const changes = diffPlaybooks(base(), after);
    expect(changes).toContainEqual({ kind: "removed", what: "Question “Email”", before: expect.any(String) });
    expect(changes).toContainEqual({ kind: "added", what: "Question “Phone”", after: "Your number?" });
    expect(changes).toContainEqual({ kind: "removed", what: "Question “Need”, option “Just looking around”" });
    expect(changes).toContainEqual({ kind: "added", what: "Question “Need”, option “Book a demo”" });
    expect(changes).toContainEqual({
      kind: "changed",
      what: "Question order",
      before: "Need, Budget, Authority, Timing",
      after: "Budget, Need, Authority, Timing",
    });
  });

  it("tells a rule's changed points from a rule added or removed, conditions in words", () => {
    const after = base();
    const rules = after.scoring.rules;
    rules[0] = { ...at(rules, 0), points: 22 };
    rules.splice(3, 1);
    rules.push({ when: { slot: "budget", atLeast: 50000 }, points: 12, reason: "Budget at least $50k" });
    const changes = diffPlaybooks(base(), after);
    expect(changes).toEqual([
      {
        kind: "removed",
        what: "Scoring rule",
        before: "+30 when Budget at least 100,000: Budget {budget}, at least $100k (group budget)",
      },
      {
        kind: "changed",
        what: "Scoring rule",
        before:
          "+20 when Need is Capture more leads from our website or Get leads to sales faster: Need: {need} (group need)",
        after:
          "+22 when Need is Capture more leads from our website or Get leads to sales faster: Need: {need} (group need)",
      },
      { kind: "added", what: "Scoring rule", after: "+12 when Budget at least 50,000: Budget at least $50k" },
    ]);
    expect(summarizeChanges(changes)).toBe("Scoring rule removed; Scoring rule changed; and 1 more change");
  });

  it("reads the request for a person the same whether the default is written or not", () => {
    const after = { ...base(), humanRequest: "handoff" as const };
    expect(diffPlaybooks(base(), after)).toEqual([]);
    expect(diffPlaybooks(base(), { ...base(), humanRequest: "after-questions" })).toEqual([
      {
        kind: "changed",
        what: "Settings: asked for a person",
        before: "hand off at once",
        after: "finish the questions, then hand off",
      },
    ]);
  });

  it("describes nested conditions with their option labels", () => {
    const p = base();
    expect(
      describeCondition(
        {
          any: [
            { slot: "phone", known: true },
            { all: [{ slot: "need", is: "__other" }, { not: { slot: "budget", below: 5000 } }] },
          ],
        },
        p,
      ),
    ).toBe("phone is answered or (Need is their own words and not Budget below 5,000)");
  });
});
