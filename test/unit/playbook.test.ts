import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultPlaybook, type Playbook, start, step } from "../../shared/engine/index.ts";
import { champPlaybook } from "../../shared/engine/playbooks/index.ts";
import { parsePlaybook } from "../../shared/engine/schema.ts";

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
});
