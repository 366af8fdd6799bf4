import { describe, expect, it } from "vitest";
import { pageMatches, usesBehaviour, withDecay } from "../../shared/engine/behaviour.ts";
import { defaultPlaybook, type Playbook, type SlotAnswer } from "../../shared/engine/index.ts";
import { describeCondition, diffPlaybooks } from "../../shared/engine/playbook-diff.ts";
import { qualify } from "../../shared/engine/qualify.ts";
import { parsePlaybook } from "../../shared/engine/schema.ts";
import type { Behaviour } from "../../shared/protocol/behaviour.ts";

const day = 86_400_000;
const now = Date.UTC(2026, 10, 26, 12);

function behaviour(over: Partial<Behaviour> = {}): Behaviour {
  return {
    visits: 1,
    firstSeenAt: now - 10 * day,
    lastActiveAt: now - day,
    visitStartedAt: now - day,
    pages: [],
    events: [],
    timeOnSiteMs: 0,
    ...over,
  };
}

const view = (url: string, at = now - day) => ({ url, at });

// The default playbook with behaviour rules added after its own, and decay.
function withRules(rules: Playbook["scoring"]["rules"], decay?: Playbook["scoring"]["decay"]): Playbook {
  const p = structuredClone(defaultPlaybook);
  p.scoring.rules.push(...rules);
  if (decay) p.scoring.decay = decay;
  return p;
}

const pricing = { when: { page: "/pricing*", atLeast: 2 }, points: 10, reason: "Visited pricing {count} times" };

const ceo: Record<string, SlotAnswer> = {
  authority: {
    slot: "authority",
    questionId: "authority",
    label: "Authority",
    order: 2,
    value: { kind: "authority", level: "decision-maker", title: "CEO" },
    display: "decision maker (CEO)",
    words: "I'm the CEO",
    at: now - day,
  },
};

describe("behaviour scoring", () => {
  it("S9 patterns: * runs, path by default, host or whole address when given, case-insensitive", () => {
    const url = "https://www.Acme.io/Pricing/Enterprise?plan=pro#faq";
    expect(pageMatches("/pricing*", url)).toBe(true);
    expect(pageMatches("*enterprise", url)).toBe(true);
    expect(pageMatches("/pricing", url)).toBe(false);
    expect(pageMatches("/pricing/enterprise", url)).toBe(true);
    expect(pageMatches("/pricing/enterprise?plan=pro", url)).toBe(true);
    expect(pageMatches("/pricing/enterprise?plan=free", url)).toBe(false);
    expect(pageMatches("*faq*", url)).toBe(false);
    expect(pageMatches("www.acme.io/pricing*", url)).toBe(true);
    expect(pageMatches("other.io/pricing*", url)).toBe(false);
    expect(pageMatches("https://*.acme.io/pricing/*", url)).toBe(true);
    expect(pageMatches("http://*.acme.io/pricing/*", url)).toBe(false);
    expect(pageMatches("/pricing", "/pricing?x=1")).toBe(true);
    expect(pageMatches("*", "https://acme.io/")).toBe(true);
    expect(pageMatches("/a*b*c", "https://acme.io/aXbYc")).toBe(true);
    expect(pageMatches("/a*b*c", "https://acme.io/aXcYb")).toBe(false);
    expect(pageMatches("/pricing", "http://[bad")).toBe(false);
  });

  it("S9 a pattern of many stars against a long address answers without backtracking blow-up", () => {
    const pattern = `/${"*a".repeat(99)}`;
    const url = `https://acme.io/${"a".repeat(98)}${"b".repeat(1900)}`;
    expect(pageMatches(pattern, url)).toBe(false);
    expect(pageMatches(pattern, `https://acme.io/${"a".repeat(99)}`)).toBe(true);
  });

  it("S7 S8 page views count per view, with the count in the reason and the line marked as behaviour", () => {
    const p = withRules([pricing]);
    const b = behaviour({
      pages: [
        view("https://acme.io/pricing"),
        view("https://acme.io/"),
        view("https://acme.io/pricing?plan=pro"),
        view("https://acme.io/pricing"),
      ],
    });
    const q = qualify(p, ceo, undefined, b);
    expect(q.reasons).toContainEqual({ slot: "", points: 10, reason: "Visited pricing 3 times", behaviour: true });
    expect(q.score).toBe(qualify(p, ceo).score + 10);
    const once = behaviour({ pages: [view("https://acme.io/pricing")] });
    expect(qualify(p, ceo, undefined, once).reasons.some((r) => r.behaviour)).toBe(false);
  });

  it("S7 visits, return within N days, events (case aside) and minutes on site", () => {
    const p = withRules([
      { when: { visits: 3 }, points: 5, reason: "{count} visits" },
      { when: { returnedWithinDays: 7 }, points: 5, reason: "Came back after {count} days" },
      { when: { event: "Demo booked" }, points: 20, reason: "Booked a demo" },
      { when: { event: "brochure", atLeast: 2 }, points: 5, reason: "Downloaded {count} brochures" },
      { when: { minutesOnSite: 10 }, points: 5, reason: "{count} minutes on the site" },
    ]);
    const b = behaviour({
      visits: 3,
      visitStartedAt: now - day,
      previousVisitAt: now - 4 * day,
      events: [
        { name: "demo booked", at: now - day },
        { name: "brochure", at: now - 2 * day },
        { name: "brochure", at: now - day },
      ],
      timeOnSiteMs: 12.5 * 60_000,
    });
    expect(
      qualify(p, {}, undefined, b)
        .reasons.filter((r) => r.behaviour)
        .map((r) => r.reason),
    ).toEqual([
      "3 visits",
      "Came back after 3 days",
      "Booked a demo",
      "Downloaded 2 brochures",
      "12 minutes on the site",
    ]);
    const less = behaviour({
      visits: 2,
      previousVisitAt: now - 9 * day,
      events: [{ name: "brochure", at: now }],
      timeOnSiteMs: 9 * 60_000,
    });
    expect(qualify(p, {}, undefined, less).reasons.filter((r) => r.behaviour)).toEqual([]);
    // The first visit has no visit before it: it did not "return".
    expect(qualify(p, {}, undefined, behaviour({ visits: 3 })).reasons.map((r) => r.reason)).toEqual(["3 visits"]);
  });

  it("S7 without behaviour a behaviour rule never holds, not even under not, and the score is as before", () => {
    const p = withRules([
      pricing,
      { when: { not: { page: "/careers*" } }, points: 3, reason: "Not job hunting" },
      {
        when: { all: [{ slot: "authority", is: "decision-maker" }, { visits: 2 }] },
        points: 7,
        reason: "Boss came back",
      },
    ]);
    expect(qualify(p, ceo)).toEqual(qualify(defaultPlaybook, ceo));
    const b = behaviour({ visits: 2 });
    expect(qualify(p, ceo, undefined, b).reasons.slice(-2)).toEqual([
      { slot: "", points: 3, reason: "Not job hunting", behaviour: true },
      { slot: "", points: 7, reason: "Boss came back", behaviour: true },
    ]);
  });

  it("S7 a behaviour rule takes part in its group like any other", () => {
    const p = withRules([
      { group: "intent", when: { page: "/pricing*", atLeast: 3 }, points: 15, reason: "Pricing {count} times" },
      { group: "intent", when: { page: "/pricing*" }, points: 5, reason: "Saw pricing" },
    ]);
    const b = behaviour({ pages: [1, 2, 3].map(() => view("https://acme.io/pricing")) });
    expect(qualify(p, {}, undefined, b).reasons).toEqual([
      { slot: "intent", points: 15, reason: "Pricing 3 times", behaviour: true },
    ]);
  });

  it("S10 decay: nothing up to afterDays, then pointsPerWeek per week begun, one line with the idle days", () => {
    const p = withRules([], { afterDays: 14, pointsPerWeek: -5 });
    const at = (idleMs: number) => qualify(p, {}, undefined, behaviour({ lastActiveAt: now - idleMs }), now);
    expect(at(14 * day).reasons).toEqual([]);
    expect(at(14 * day + 60_000).reasons).toEqual([
      { slot: "", points: -5, reason: "No activity for 14 days", behaviour: true },
    ]);
    expect(at(21 * day).reasons[0]?.points).toBe(-5);
    expect(at(23 * day).reasons).toEqual([
      { slot: "", points: -10, reason: "No activity for 23 days", behaviour: true },
    ]);
    // Active after `now` (a clock behind): no decay.
    expect(at(-day).reasons).toEqual([]);
    // Without now the stored score never decays.
    expect(qualify(p, {}, undefined, behaviour({ lastActiveAt: now - 90 * day })).reasons).toEqual([]);
  });

  it("S11 decay lowers the tier and the stage when read; the stored score plus withDecay is the same", () => {
    const p = withRules([{ when: { page: "*" }, points: 70, reason: "Browsed" }], { afterDays: 7, pointsPerWeek: -20 });
    const b = behaviour({ pages: [view("https://acme.io/")], lastActiveAt: now - 10 * day });
    const stored = qualify(p, {}, undefined, b);
    // The default playbook's SQL needs an authority answer.
    expect(stored).toMatchObject({ score: 70, tier: "hot", stage: "mql" });
    const read = qualify(p, {}, undefined, b, now);
    expect(read).toMatchObject({ score: 50, tier: "warm", stage: "mql" });
    expect(withDecay(stored, p.scoring, b, now)).toEqual(read);
    const later = qualify(p, {}, undefined, b, now + 21 * day);
    expect(later).toMatchObject({ score: -10, tier: "cold", stage: "lead" });
    expect(qualify(p, ceo, undefined, b)).toMatchObject({ score: 95, tier: "hot", stage: "sql" });
    expect(qualify(p, ceo, undefined, b, now)).toMatchObject({ score: 75, tier: "hot", stage: "sql" });
    const out = qualify(p, {}, "student", b, now);
    expect(out).toMatchObject({ tier: "cold", stage: "disqualified", disqualifiedBecause: "student" });
  });

  it("S7 S10 the schema takes behaviour rules and decay, and names the path of each problem", () => {
    const ok = withRules([pricing, { when: { event: "demo:booked" }, points: 1, reason: "x" }], {
      afterDays: 14,
      pointsPerWeek: -5,
    });
    expect(parsePlaybook(ok).ok).toBe(true);
    const n = defaultPlaybook.scoring.rules.length;
    const errors = (p: Playbook) => {
      const r = parsePlaybook(p);
      return r.ok ? [] : r.errors;
    };
    expect(errors(withRules([{ when: { page: "x".repeat(201) }, points: 1, reason: "x" }]))[0]).toMatch(
      new RegExp(`^scoring\\.rules\\[${n}\\]\\.when`),
    );
    expect(errors(withRules([{ when: { visits: -1 }, points: 1, reason: "x" }]))).not.toEqual([]);
    expect(
      errors(withRules([{ when: { minutesOnSite: Number.POSITIVE_INFINITY }, points: 1, reason: "x" }])),
    ).not.toEqual([]);
    expect(errors(withRules([{ when: { event: "<script>" }, points: 1, reason: "x" }]))).not.toEqual([]);
    expect(errors(withRules([{ when: { page: "/x", extra: 1 } as never, points: 1, reason: "x" }]))).not.toEqual([]);
    expect(errors(withRules([], { afterDays: 14, pointsPerWeek: 5 }))).toEqual([
      "scoring.decay.pointsPerWeek: expected a negative number",
    ]);
    const asked = structuredClone(defaultPlaybook);
    Object.assign(asked.questions[1] ?? {}, { when: { visits: 2 } });
    expect(errors(asked)).toEqual(["questions[1].when: behaviour conditions are for scoring rules only"]);
  });

  it("S7 usesBehaviour: a rule, the SQL condition or decay reads behaviour", () => {
    expect(usesBehaviour(defaultPlaybook)).toBe(false);
    expect(usesBehaviour(withRules([pricing]))).toBe(true);
    expect(
      usesBehaviour(
        withRules([{ when: { any: [{ slot: "need", known: true }, { not: { visits: 2 } }] }, points: 1, reason: "x" }]),
      ),
    ).toBe(true);
    expect(usesBehaviour(withRules([], { afterDays: 1, pointsPerWeek: -1 }))).toBe(true);
    const sql = structuredClone(defaultPlaybook);
    sql.scoring.sql = { event: "trial" };
    expect(usesBehaviour(sql)).toBe(true);
  });

  it("S7 the editor's words for behaviour conditions and decay", () => {
    expect(describeCondition({ page: "/pricing*", atLeast: 3 }, defaultPlaybook)).toBe(
      "Visited /pricing* at least 3 times",
    );
    expect(describeCondition({ all: [{ visits: 2 }, { returnedWithinDays: 7 }] }, defaultPlaybook)).toBe(
      "At least 2 visits and Came back within 7 days",
    );
    const after = withRules([], { afterDays: 14, pointsPerWeek: -5 });
    expect(diffPlaybooks(defaultPlaybook, after)).toEqual([
      {
        kind: "changed",
        what: "Scoring: inactivity decay",
        before: "none",
        after: "-5 a week after 14 days without activity",
      },
    ]);
  });
});
