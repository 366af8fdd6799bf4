import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { copyOf } from "../../shared/engine/copy.ts";
import { type Answer, defaultPlaybook, type Playbook, start, step } from "../../shared/engine/index.ts";
import { champPlaybook } from "../../shared/engine/playbooks/index.ts";
import { laterCopyKeys, parsePlaybook } from "../../shared/engine/schema.ts";

const realEstate = JSON.parse(readFileSync(new URL("../../docs/playbooks/real-estate.json", import.meta.url), "utf8"));
const now = Date.UTC(2026, 10, 26, 12);

function broken(change: (p: Playbook) => void): string[] {
  const p = structuredClone(defaultPlaybook);
  change(p);
  const r = parsePlaybook(p);
  return r.ok ? [] : r.errors;
}

describe("playbooks", () => {
  it("P1 errors name the path and the problem", () => {
    expect(parsePlaybook({})).toMatchObject({
      ok: false,
      errors: expect.arrayContaining(["id: Invalid input: expected string, received undefined"]),
    });
    expect(broken((p) => Object.assign(p.questions[1]?.options?.[2] ?? {}, { label: "  " }))).toEqual([
      "questions[1].options[2].label: expected a non-empty string",
    ]);
    expect(broken((p) => Object.assign(p.scoring.rules[0] ?? {}, { points: "20" }))[0]).toMatch(
      /^scoring\.rules\[0\]\.points: /,
    );
    expect(broken((p) => Object.assign(p, { extra: 1 }))[0]).toMatch(/extra/);
  });

  it("P2 cross-checks: unique ids, known slots, readable buttons, reserved values, thresholds", () => {
    expect(broken((p) => Object.assign(p.questions[1] ?? {}, { id: "need" }))).toContain(
      'questions[1].id: duplicate question id "need"',
    );
    const last = defaultPlaybook.scoring.rules.length;
    expect(
      broken((p) => p.scoring.rules.push({ when: { slot: "size", known: true }, points: 1, reason: "x" })),
    ).toContain(`scoring.rules[${last}].when: unknown slot "size"`);
    expect(broken((p) => Object.assign(p.questions[1]?.options?.[0] ?? {}, { label: "Bananas" }))).toContain(
      "questions[1].options[0].label: cannot be read as a money answer",
    );
    // Option values are ids, so the engine's own quick replies (__yes, __no, __skip) can never clash.
    expect(broken((p) => Object.assign(p.questions[0]?.options?.[0] ?? {}, { value: "__yes" }))).toEqual([
      "questions[0].options[0].value: lower-case letters, digits, - and _ (at most 40)",
    ]);
    expect(broken((p) => Object.assign(p.scoring.thresholds, { warm: 90 }))).toContain(
      "scoring.thresholds: warm must not be above hot",
    );
    expect(broken((p) => Object.assign(p.questions[0] ?? {}, { options: undefined }))).toContain(
      "questions[0].options: a choice question needs options",
    );
  });

  it("P4 the shipped playbooks and the docs example are valid", () => {
    expect(parsePlaybook(defaultPlaybook).ok).toBe(true);
    expect(parsePlaybook(champPlaybook).ok).toBe(true);
    const re = parsePlaybook(realEstate);
    expect(re.ok ? [] : re.errors).toEqual([]);
  });

  it("P4 the real-estate example branches: renters are asked rent, buyers about a mortgage", () => {
    const p = parsePlaybook(realEstate);
    if (!p.ok) throw new Error("invalid");
    let renter = start(p.playbook);
    for (const text of ["we want to rent", "Harbor Hill"]) renter = step(p.playbook, renter.state, { text }, now);
    expect(renter.effects.at(-1)).toMatchObject({ text: "What monthly rent are you looking for?" });
    let buyer = start(p.playbook);
    for (const text of ["buying our first home", "Harbor Hill", "$300k to $700k"])
      buyer = step(p.playbook, buyer.state, { text }, now);
    expect(buyer.effects.at(-1)).toMatchObject({ text: "Are you pre-approved for a mortgage?" });
  });

  // Two answers of our own, so these tests do not depend on the default playbook's sample answers.
  function answered(change: (answers: Answer[]) => void): string[] {
    return broken((p) => {
      p.answers = [
        { id: "pricing", topic: "Pricing", questions: ["How much does it cost?", "What's the price?"], answer: "$1" },
        { id: "trial", questions: ["Is there a free trial?"], answer: "Yes." },
      ];
      change(p.answers);
    });
  }

  it("P5 answers: each problem names its path", () => {
    const first = (a: Answer[]) => a[0] as Answer;
    expect(answered(() => {})).toEqual([]);
    expect(answered((a) => Object.assign(first(a), { questions: [] }))[0]).toMatch(/^answers\[0\]\.questions: /);
    expect(answered((a) => Object.assign(first(a), { questions: ["x".repeat(201)] }))[0]).toMatch(
      /^answers\[0\]\.questions\[0\]: /,
    );
    expect(answered((a) => Object.assign(first(a), { questions: Array(31).fill("how much") }))[0]).toMatch(
      /^answers\[0\]\.questions: /,
    );
    expect(answered((a) => Object.assign(first(a), { questions: ["  "] }))).toEqual([
      "answers[0].questions[0]: expected a non-empty string",
    ]);
    expect(answered((a) => Object.assign(first(a), { questions: ["???"] }))).toEqual([
      "answers[0].questions[0]: has no words to match",
    ]);
    expect(answered((a) => Object.assign(first(a), { answer: "x".repeat(1001) }))[0]).toMatch(
      /^answers\[0\]\.answer: /,
    );
    expect(answered((a) => Object.assign(first(a), { topic: "x".repeat(41) }))[0]).toMatch(/^answers\[0\]\.topic: /);
    expect(answered((a) => Object.assign(first(a), { id: "Pricing!" }))).toEqual([
      "answers[0].id: lower-case letters, digits, - and _ (at most 40)",
    ]);
    expect(answered((a) => Object.assign(first(a), { extra: 1 }))[0]).toMatch(/^answers\[0\]: .*extra/);
    const many = Array.from({ length: 201 }, (_, i) => ({ id: `a${i}`, questions: [`q ${i}`], answer: "a" }));
    expect(answered((a) => a.push(...many))[0]).toMatch(/^answers: /);
  });

  it("P5 answers: a link is http(s) with a label", () => {
    const link = (url: string) => answered((a) => Object.assign(a[1] as Answer, { link: { label: "Go", url } }));
    expect(link("https://example.com/trial")).toEqual([]);
    expect(link("http://localhost:3000/trial")).toEqual([]);
    for (const url of ["javascript:alert(1)", "data:text/html,hi", "ftp://example.com", "example.com", ""]) {
      expect(link(url)).toEqual(["answers[1].link.url: expected an http(s) url"]);
    }
    expect(answered((a) => Object.assign(a[1] as Answer, { link: { url: "https://example.com" } }))[0]).toMatch(
      /^answers\[1\]\.link\.label: /,
    );
  });

  it("P5 answers cross-checks: unique ids, no phrasing that is an example of two answers", () => {
    expect(answered((a) => Object.assign(a[1] as Answer, { id: "pricing" }))).toEqual([
      'answers[1].id: duplicate answer id "pricing"',
    ]);
    // Compared by their words: case and punctuation do not make two phrasings different.
    expect(answered((a) => a[1]?.questions.push("how much does it COST"))).toEqual([
      'answers[1].questions[1]: also an example of answer "pricing"',
    ]);
    // Within one answer a repeat is harmless.
    expect(answered((a) => a[0]?.questions.push("How much does it cost"))).toEqual([]);
  });

  it("P5 a playbook stored before answers and the later copy keys still parses", () => {
    const old = structuredClone(defaultPlaybook);
    delete old.answers;
    for (const k of laterCopyKeys) delete old.copy[k];
    expect(parsePlaybook(old).ok).toBe(true);
    expect(broken((p) => Object.assign(p.copy, { resume: " " }))).toEqual(["copy.resume: expected a non-empty string"]);
  });

  it("P5 copyOf falls back to the default playbook's wording for a missing later copy key", () => {
    const old = structuredClone(defaultPlaybook);
    for (const k of laterCopyKeys) delete old.copy[k];
    for (const k of laterCopyKeys) {
      expect(defaultPlaybook.copy[k]).toBeTruthy();
      expect(copyOf(old, k)).toBe(defaultPlaybook.copy[k]);
    }
    expect(copyOf({ copy: { ...old.copy, resume: "Anyway:" } }, "resume")).toBe("Anyway:");
  });

  it("P5 the default copy joins into one sentence: why nobody can take the chat, then the fallback (H1)", () => {
    const c = (k: (typeof laterCopyKeys)[number]) => copyOf(defaultPlaybook, k);
    for (const why of [c("unavailable"), c("closedHours")]) {
      for (const then of [c("callback"), c("booking")]) {
        expect(`${why} ${then}`).toMatch(/^[A-Z][^.:]*, but [^.:]*[.:]$/);
      }
    }
  });
});
