// The playbook editor's pure helpers for behaviour scoring (issue 19): the preview's simulated Behaviour, behaviour
// condition rows, where their problems are shown, and the Scoring line's words for decay.
import { describe, expect, it } from "vitest";
import { defaultPlaybook } from "../../shared/engine/index.ts";
import type { Playbook } from "../../shared/engine/playbook.ts";
import { qualify } from "../../shared/engine/qualify.ts";
import { parsePlaybook } from "../../shared/engine/schema.ts";
import { behaviourLimits } from "../../shared/protocol/behaviour.ts";
import { kindOf, kinds, rowsOf } from "../../widget/console/pages/playbooks/conditions.ts";
import { anchorOf, shownPaths } from "../../widget/console/pages/playbooks/draft.ts";
import { amount, simulatedBehaviour, startSimulation } from "../../widget/console/pages/playbooks/simulate.ts";
import { summaries } from "../../widget/console/pages/playbooks/summaries.ts";

const now = Date.UTC(2026, 11, 5, 10, 0);
const day = 86_400_000;
const none = {
  pages: [],
  events: [],
  visits: "1",
  daysSincePreviousVisit: "",
  minutesOnSite: "0",
  daysSinceActive: "0",
};

function withBehaviourRules(decay?: Playbook["scoring"]["decay"]): Playbook {
  const p = structuredClone(defaultPlaybook);
  p.scoring.rules.push(
    { when: { page: "/pricing*", atLeast: 3 }, points: 10, reason: "Visited pricing {count} times" },
    { when: { event: "demo booked" }, points: 20, reason: "Booked a demo" },
    { when: { returnedWithinDays: 7 }, points: 5, reason: "Came back after {count} days" },
  );
  if (decay) p.scoring.decay = decay;
  return p;
}

describe("the preview's simulated behaviour", () => {
  it("reads counts as typed: a finite number of 0 or more, whole for counts, else 0", () => {
    expect([amount("3"), amount(" 2.7 "), amount(""), amount("-1"), amount("x"), amount("Infinity")]).toEqual([
      3, 2, 0, 0, 0, 0,
    ]);
    expect(amount("1.5", false)).toBe(1.5);
  });

  it("makes one page view per view and one event per time, named pages and events only, before now", () => {
    const b = simulatedBehaviour(
      {
        ...none,
        pages: [
          { url: " /pricing ", views: "2" },
          { url: "", views: "5" },
          { url: "https://acme.io/docs", views: "1" },
        ],
        events: [
          { name: "demo booked", count: "2" },
          { name: " ", count: "3" },
        ],
        minutesOnSite: "12.5",
        daysSinceActive: "3",
      },
      now,
    );
    expect(b.pages.map((p) => p.url)).toEqual(["/pricing", "/pricing", "https://acme.io/docs"]);
    expect(b.events.map((e) => e.name)).toEqual(["demo booked", "demo booked"]);
    expect(b.lastActiveAt).toBe(now - 3 * day);
    expect(b.pages.every((p) => p.at === b.lastActiveAt)).toBe(true);
    expect(b.timeOnSiteMs).toBe(12.5 * 60_000);
    expect(b.visits).toBe(1);
    expect(b.previousVisitAt).toBeUndefined();
  });

  it("keeps no more views and events than the server keeps, whatever is typed", () => {
    const b = simulatedBehaviour(
      { ...none, pages: [{ url: "/a", views: "1e9" }], events: [{ name: "x", count: "999999" }] },
      now,
    );
    expect(b.pages.length).toBe(behaviourLimits.pages);
    expect(b.events.length).toBe(behaviourLimits.events);
  });

  it("places the previous visit the given days before this one, which makes at least two visits", () => {
    const b = simulatedBehaviour({ ...none, daysSincePreviousVisit: "6", visits: "1", daysSinceActive: "1" }, now);
    expect(b.visitStartedAt - (b.previousVisitAt ?? 0)).toBe(6 * day);
    expect(b.visits).toBe(2);
    expect(simulatedBehaviour({ ...none, daysSincePreviousVisit: "6", visits: "5" }, now).visits).toBe(5);
  });

  it("scored by qualify: each behaviour point with its reason, decay as read at now", () => {
    const p = withBehaviourRules({ afterDays: 21, pointsPerWeek: -5 });
    const sim = {
      ...startSimulation,
      events: [{ name: "Demo Booked", count: "1" }],
      daysSincePreviousVisit: "4",
      daysSinceActive: "23",
    };
    const q = qualify(p, {}, undefined, simulatedBehaviour(sim, now), now);
    expect(q.reasons.map((r) => `${r.reason}: ${r.points}`)).toEqual([
      "Visited pricing 3 times: 10",
      "Booked a demo: 20",
      "Came back after 4 days: 5",
      "No activity for 23 days: -5",
    ]);
    expect(q.score).toBe(30);
    // Two views are not three; no previous visit is no return.
    const fewer = qualify(
      p,
      {},
      undefined,
      simulatedBehaviour({ ...none, pages: [{ url: "/pricing", views: "2" }] }, now),
    );
    expect(fewer.reasons).toEqual([]);
  });
});

describe("behaviour condition rows", () => {
  it("reads a behaviour condition as a row, alone or among answer rows, but not inside a not", () => {
    expect(kindOf({ page: "/pricing*", atLeast: 3 })).toBe("page");
    expect(kindOf({ minutesOnSite: 5 })).toBe("minutesOnSite");
    expect(kindOf({ slot: "budget", atLeast: 3 })).toBeNull();
    expect(kindOf("page")).toBeNull();
    expect(rowsOf({ visits: 2 }, ["when"])).toEqual({ mode: "all", paths: [["when"]] });
    expect(rowsOf({ any: [{ event: "signup" }, { slot: "budget", known: true }] }, ["when"])).toEqual({
      mode: "any",
      paths: [
        ["when", "any", 0],
        ["when", "any", 1],
      ],
    });
    expect(rowsOf({ not: { visits: 2 } }, ["when"])).toBeNull();
  });

  it("starts each kind from a condition the schema accepts", () => {
    for (const [, start] of Object.values(kinds)) {
      const p = structuredClone(defaultPlaybook) as unknown as { scoring: { rules: unknown[] } };
      p.scoring.rules.push({ when: start, points: 5, reason: "x" });
      expect(parsePlaybook(p).ok).toBe(true);
    }
  });

  it("shows a behaviour row's problem at its box, and decay's at its own", () => {
    const p = structuredClone(defaultPlaybook) as unknown as { scoring: Record<string, unknown> };
    (p.scoring.rules as unknown[]).push({
      when: {
        all: [
          { slot: "budget", known: true },
          { page: "", atLeast: -1 },
        ],
      },
      points: 5,
      reason: "x",
    });
    p.scoring.sql = { event: "bad!" };
    p.scoring.decay = { afterDays: 14, pointsPerWeek: 5 };
    const r = parsePlaybook(p);
    const shown = shownPaths(p);
    expect(r.ok ? [] : r.fields.map((f) => anchorOf(f.path, shown))).toEqual([
      "scoring.rules.17.when.all.1.page",
      "scoring.rules.17.when.all.1.atLeast",
      "scoring.sql.event",
      "scoring.decay.pointsPerWeek",
    ]);
  });
});

describe("the Scoring line", () => {
  it("names decay when it is on, and nothing it cannot read", () => {
    expect(summaries.scoring(defaultPlaybook)).toBe("17 rules, warm at 35, hot at 70");
    expect(summaries.scoring(withBehaviourRules({ afterDays: 14, pointsPerWeek: -5 }))).toBe(
      "20 rules, warm at 35, hot at 70, inactivity -5 a week after 14 days without activity",
    );
    const typing = withBehaviourRules() as unknown as { scoring: { decay: unknown } };
    typing.scoring.decay = { afterDays: "1", pointsPerWeek: -5 };
    expect(summaries.scoring(typing as unknown as Playbook)).toBe("20 rules, warm at 35, hot at 70");
  });
});
