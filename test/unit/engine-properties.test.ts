// E13 and S6 as properties: for any sequence of inputs, step() never throws, the state stays valid and
// JSON-safe (it is stored as JSON), and the same inputs give the same result.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultPlaybook, type Input, type Playbook, reservedValues, start, step } from "../../shared/engine/index.ts";
import { champPlaybook } from "../../shared/engine/playbooks/index.ts";
import { qualify } from "../../shared/engine/qualify.ts";

const now = Date.UTC(2026, 10, 26, 12);

function inputs(playbook: Playbook): fc.Arbitrary<Input[]> {
  const values = [
    ...playbook.questions.flatMap((q) => (q.options ?? []).map((o) => o.value)),
    ...Object.values(reservedValues),
  ];
  const phrases = [
    "about 40k",
    "I'm the CEO",
    "next month",
    "ana@acme.io",
    "actually 100k",
    "yes",
    "no",
    "talk to someone",
    "bye",
    "I'm a student",
  ];
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: "grapheme", maxLength: 200 }),
    fc.string({ unit: "binary", maxLength: 50 }),
    fc.constantFrom(...phrases, "", " ", "\u0000\u0007\u001b[2J", "🙂🙂🙂", "٤٠ ألف", "NaN", "1e309", "-5k", "0"),
    // Up to the server's message limit (2000 characters).
    fc.integer({ min: 1, max: 2000 }).map((n) => "9".repeat(n)),
  );
  const input = fc.oneof(
    text.map((t): Input => ({ text: t })),
    fc.oneof(fc.constantFrom(...values), fc.string()).map((c): Input => ({ choice: c })),
  );
  return fc.array(input, { maxLength: 25 });
}

function check(playbook: Playbook, sequence: Input[]) {
  let t = start(playbook);
  let finished = false;
  for (const input of sequence) {
    const before = JSON.stringify(t.state);
    t = step(playbook, t.state, input, now);
    const s = t.state;
    if (finished) expect(JSON.stringify(s)).toBe(before);
    finished = s.outcome !== null;
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(s.asking === null || playbook.questions.some((q) => q.id === s.asking)).toBe(true);
    for (const [slot, a] of Object.entries(s.slots)) {
      expect(a.slot).toBe(slot);
      expect(playbook.questions.some((q) => q.slot === slot)).toBe(true);
    }
    const reason = s.outcome === "disqualified" ? s.outcomeReason : undefined;
    expect(s.qualification).toEqual(qualify(playbook, s.slots, reason));
    for (const e of t.effects) if (e.type === "say") expect(e.text.length).toBeGreaterThan(0);
  }
  return t;
}

describe("engine properties", () => {
  for (const playbook of [defaultPlaybook, champPlaybook]) {
    it(`E13 S6 ${playbook.id}: never throws, stays valid and JSON-safe, deterministic`, () => {
      fc.assert(
        fc.property(inputs(playbook), (sequence) => {
          const a = check(playbook, sequence);
          const b = check(playbook, sequence);
          expect(b).toEqual(a);
        }),
        { numRuns: 200 },
      );
    });
  }
});
