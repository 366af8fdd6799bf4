// The playbook editor's pure helpers: immutable draft edits, and which control shows which validation error.
import { describe, expect, it } from "vitest";
import { defaultPlaybook } from "../../shared/engine/index.ts";
import { parsePlaybook } from "../../shared/engine/schema.ts";
import {
  anchorOf,
  errorsByAnchor,
  fieldId,
  formProblem,
  getIn,
  move,
  removeAt,
  setIn,
  shownPaths,
  splitLines,
  splitList,
} from "../../widget/console/pages/playbooks/draft.ts";

describe("draft edits", () => {
  it("setIn replaces one value and copies only the way to it", () => {
    const draft = structuredClone(defaultPlaybook);
    const next = setIn(draft, ["questions", 1, "text"], "Budget?");
    expect(next.questions[1]?.text).toBe("Budget?");
    expect(draft.questions[1]?.text).toBe("What budget do you have in mind, per year?");
    expect(next.questions[0]).toBe(draft.questions[0]);
    expect(next.scoring).toBe(draft.scoring);
    expect(Array.isArray(next.questions)).toBe(true);
  });

  it("setIn with undefined removes the key, so an emptied optional field is absent", () => {
    const next = setIn(defaultPlaybook, ["questions", 2, "options", 3, "means"], undefined);
    expect("means" in (next.questions[2]?.options?.[3] ?? {})).toBe(false);
    expect(defaultPlaybook.questions[2]?.options?.[3]?.means).toBe("end user");
  });

  it("setIn creates missing containers; getIn reads through anything", () => {
    expect(setIn({}, ["copy", "greeting"], "Hi")).toEqual({ copy: { greeting: "Hi" } });
    expect(getIn({ a: [{ b: 1 }] }, ["a", 0, "b"])).toBe(1);
    expect(getIn({ a: 1 }, ["a", "b", "c"])).toBeUndefined();
    expect(getIn(null, ["a"])).toBeUndefined();
  });

  it("move and removeAt", () => {
    expect(move(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(move(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(move(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(move(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
    expect(removeAt(["a", "b", "c"], 1)).toEqual(["a", "c"]);
  });

  it("splitList reads a comma list; an empty box is no list", () => {
    expect(splitList(" a, b ,, c ")).toEqual(["a", "b", "c"]);
    expect(splitList(" , ")).toBeUndefined();
  });

  it("P5 splitLines reads an answer's example questions, one per line; blank lines are none", () => {
    expect(splitLines("how much?\n\n  what's the price? \n")).toEqual(["how much?", "what's the price?"]);
    expect(splitLines("  \n")).toEqual([]);
  });
});

describe("errors next to their fields", () => {
  const shown = shownPaths(defaultPlaybook);

  it("every path parsePlaybook reports for a field the form has is shown at that field", () => {
    const broken = structuredClone(defaultPlaybook) as unknown as Record<string, unknown>;
    const p = broken as unknown as typeof defaultPlaybook;
    p.scoring.thresholds = { warm: 90, hot: 10 };
    const need = p.questions[0];
    if (need?.options?.[0]) need.options[0].label = "";
    if (p.questions[3]) p.questions[3].text = " ";
    const r = parsePlaybook(broken);
    if (r.ok) throw new Error("expected problems");
    for (const f of r.fields) expect(anchorOf(f.path, shown)).toBe(f.path);
    expect(r.fields.map((f) => f.path)).toEqual(
      expect.arrayContaining(["questions.0.options.0.label", "questions.3.text"]),
    );
  });

  it("a problem without a control of its own is shown at the nearest enclosing one", () => {
    expect(anchorOf("questions.1.variants.0.text", shown)).toBe("questions.1");
    expect(anchorOf("scoring.rules.2.when.is", shown)).toBe("scoring.rules.2.when");
    expect(anchorOf("rates.EUR", shown)).toBe("");
    expect(anchorOf("", shown)).toBe("");
    // Buttons only is a choice question's setting: on a money question an error there lands on the question.
    expect(anchorOf("questions.1.freeText", shown)).toBe("questions.1");
    expect(anchorOf("questions.0.freeText", shown)).toBe("questions.0.freeText");
  });

  it("P5 an answer's problems are shown at its fields; its id, which the form makes, at the answer", () => {
    const p = structuredClone(defaultPlaybook);
    const answers = p.answers ?? [];
    const [first] = answers;
    if (!first) throw new Error("the default playbook has answers");
    first.answer = "";
    first.questions = [];
    first.link = { label: "Pricing", url: "javascript:alert(1)" };
    const r = parsePlaybook(p);
    if (r.ok) throw new Error("expected problems");
    const at = new Map(r.fields.map((f) => [f.path, anchorOf(f.path, shownPaths(p))]));
    expect(at.get("answers.0.answer")).toBe("answers.0.answer");
    expect(at.get("answers.0.questions")).toBe("answers.0.questions");
    expect(at.get("answers.0.link.url")).toBe("answers.0.link.url");
    expect(r.fields.find((f) => f.path === "answers.0.questions")?.message).toBe(
      "expected at least one example question",
    );
    // Two answers with one id (pasted in the JSON view): shown on the second answer.
    const twice = structuredClone(defaultPlaybook);
    const [a, b] = twice.answers ?? [];
    if (a && b) b.id = a.id;
    const dup = parsePlaybook(twice);
    expect(dup.ok ? [] : dup.fields.map((f) => anchorOf(f.path, shownPaths(twice)))).toEqual(["answers.1"]);
  });

  it("errorsByAnchor groups messages by control", () => {
    const by = errorsByAnchor(
      [
        { path: "scoring.thresholds", message: "warm must not be above hot" },
        { path: "rates.EUR", message: "too small" },
        { path: "scoring.thresholds", message: "again" },
      ],
      shown,
    );
    expect(by.get("scoring.thresholds")).toEqual(["warm must not be above hot", "again"]);
    expect(by.get("")).toEqual(["too small"]);
  });

  it("fieldId makes a DOM id of any path", () => {
    expect(fieldId("questions.2.text")).toBe("pb-questions-2-text");
    expect(fieldId("")).toBe("pb-playbook");
  });
});

describe("JSON that can drive the form", () => {
  it("accepts any playbook-shaped object, valid or not", () => {
    expect(formProblem(defaultPlaybook)).toBeNull();
    expect(formProblem({ ...defaultPlaybook, name: 42 })).toBeNull();
  });

  it("refuses shapes the form cannot walk", () => {
    expect(formProblem([])).toMatch(/JSON object/);
    expect(formProblem({ ...defaultPlaybook, questions: "none" })).toMatch(/questions/);
    expect(formProblem({ ...defaultPlaybook, questions: [{ options: 3 }] })).toMatch(/options/);
    expect(formProblem({ ...defaultPlaybook, scoring: { rules: [] } })).toMatch(/thresholds/);
    expect(formProblem({ ...defaultPlaybook, disqualifiers: null })).toMatch(/disqualifiers/);
    expect(formProblem({ ...defaultPlaybook, copy: "hi" })).toMatch(/copy/);
    expect(formProblem({ ...defaultPlaybook, answers: {} })).toMatch(/answers/);
    expect(formProblem({ ...defaultPlaybook, answers: ["pricing"] })).toMatch(/answers/);
    expect(formProblem({ ...defaultPlaybook, answers: undefined })).toBeNull();
  });
});
