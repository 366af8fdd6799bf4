// B1-B3 (shared/leads/SPEC.md): a conversation's behaviour grown by the widget's reports.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeBehaviour } from "../../shared/leads/behaviour.ts";
import { type ActivityReport, type Behaviour, behaviourLimits } from "../../shared/protocol/behaviour.ts";

const min = 60_000;
const day = 86_400_000;
const t0 = Date.UTC(2026, 10, 20, 9);
const now = Date.UTC(2026, 10, 26, 12);

const page = (path: string, at: number) => ({ url: `https://acme.io${path}`, at });

function report(over: Partial<ActivityReport> & { startedAt?: number; count?: number; previousAt?: number } = {}) {
  const { startedAt = t0, count = 1, previousAt, ...rest } = over;
  return {
    visit: { count, firstAt: t0, startedAt, ...(previousAt === undefined ? {} : { previousAt }) },
    pages: [],
    events: [],
    ...rest,
  } satisfies ActivityReport;
}

describe("behaviour merge", () => {
  it("B1 the first report: visits, first seen, the visit's time on site, last active at the server's now", () => {
    const b = mergeBehaviour(
      undefined,
      report({
        pages: [page("/", t0), page("/pricing", t0 + 3 * min)],
        events: [{ name: "brochure", at: t0 + 5 * min }],
      }),
      now,
    );
    expect(b).toEqual({
      visits: 1,
      firstSeenAt: t0,
      lastActiveAt: now,
      visitStartedAt: t0,
      pages: [page("/", t0), page("/pricing", t0 + 3 * min)],
      events: [{ name: "brochure", at: t0 + 5 * min }],
      timeOnSiteMs: 5 * min,
    });
  });

  it("B1 the same report twice (a retried write, a resent beacon) counts nothing twice", () => {
    const r = report({ pages: [page("/pricing", t0), page("/pricing", t0 + min)], events: [{ name: "demo", at: t0 }] });
    const once = mergeBehaviour(undefined, r, now);
    expect(mergeBehaviour(once, r, now)).toEqual(once);
  });

  it("B1 pages and events are kept newest last and bounded, the oldest dropped", () => {
    const many = Array.from({ length: behaviourLimits.pages + 30 }, (_, i) => page(`/p${i}`, t0 + i * 1000));
    let b: Behaviour | undefined;
    for (let i = 0; i < many.length; i += 50) b = mergeBehaviour(b, report({ pages: many.slice(i, i + 50) }), now);
    expect(b?.pages).toHaveLength(behaviourLimits.pages);
    expect(b?.pages[0]).toEqual(many[30]);
    expect(b?.pages.at(-1)).toEqual(many.at(-1));
  });

  it("B2 a browser clock ahead of the server's counts as now, never later", () => {
    const b = mergeBehaviour(undefined, report({ pages: [page("/", t0), page("/x", now + 365 * day)] }), now);
    expect(b.pages.at(-1)?.at).toBe(now);
    expect(b.timeOnSiteMs).toBe(now - t0);
  });

  it("B3 a new visit: the visit before keeps its time, the new one adds its own, the gap is kept for S7", () => {
    const first = mergeBehaviour(undefined, report({ pages: [page("/", t0), page("/a", t0 + 4 * min)] }), now - day);
    const back = t0 + 3 * day;
    const b = mergeBehaviour(
      first,
      report({ count: 2, startedAt: back, previousAt: t0 + 4 * min, pages: [page("/pricing", back + 2 * min)] }),
      now,
    );
    expect(b).toMatchObject({
      visits: 2,
      visitStartedAt: back,
      previousVisitAt: t0 + 4 * min,
      lastActiveAt: now,
      timeOnSiteMs: 6 * min,
    });
    // More of the same visit, later: its time grows, the earlier visit's stays.
    const more = mergeBehaviour(b, report({ count: 2, startedAt: back, pages: [page("/demo", back + 10 * min)] }), now);
    expect(more.timeOnSiteMs).toBe(14 * min);
    expect(more.previousVisitAt).toBe(t0 + 4 * min);
  });

  it("B3 a late report of an earlier visit adds its pages and leaves the latest visit the latest", () => {
    const back = t0 + 3 * day;
    const latest = mergeBehaviour(undefined, report({ count: 2, startedAt: back, previousAt: t0 }), now);
    const late = mergeBehaviour(latest, report({ count: 1, startedAt: t0, pages: [page("/old", t0 + min)] }), now);
    expect(late).toMatchObject({ visits: 2, visitStartedAt: back, previousVisitAt: t0 });
    expect(late.pages).toEqual([page("/old", t0 + min)]);
  });

  it("B1-B3 properties: any order of reports keeps every page once, visits never fall, time on site never falls", () => {
    const item = fc.record({ i: fc.nat(40), dt: fc.nat(3 * 60) });
    const reports = fc.array(
      fc.record({
        visit: fc.nat(3),
        pages: fc.array(item, { maxLength: 5 }),
        events: fc.array(item, { maxLength: 3 }),
      }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(reports, (list) => {
        let b: Behaviour | undefined;
        const seen = new Set<string>();
        for (const r of list) {
          const startedAt = t0 + r.visit * day;
          const before = b;
          b = mergeBehaviour(
            b,
            report({
              count: r.visit + 1,
              startedAt,
              pages: r.pages.map((p) => page(`/p${p.i}`, startedAt + p.dt * 1000)),
              events: r.events.map((e) => ({ name: `e${e.i}`, at: startedAt + e.dt * 1000 })),
            }),
            now,
          );
          for (const p of r.pages) seen.add(`/p${p.i}@${startedAt + p.dt * 1000}`);
          expect(b.visits).toBeGreaterThanOrEqual(before?.visits ?? 0);
          expect(b.timeOnSiteMs).toBeGreaterThanOrEqual(before?.timeOnSiteMs ?? 0);
          expect(Number.isFinite(b.timeOnSiteMs)).toBe(true);
        }
        const kept = new Set((b?.pages ?? []).map((p) => `${new URL(p.url).pathname}@${p.at}`));
        expect(kept).toEqual(seen);
        expect(b?.pages.length ?? 0).toBe(seen.size);
      }),
      { numRuns: 300 },
    );
  });
});
