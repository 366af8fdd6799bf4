// The funnel from counters (rules F26-F33 in shared/funnel/SPEC.md) equals the funnel computed from the
// conversations themselves (funnel.ts and its siblings, the oracle), figure by figure, for random histories of
// writes and erasures; the times are within their bucket (F29).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type EngineState, defaultPlaybook as pb, type SlotAnswer } from "../../shared/engine/index.ts";
import {
  applyIncrements,
  bucketWidth,
  bySource,
  byTrigger,
  type CountedConversation,
  type Counters,
  contributions,
  counterDay,
  counterExpiry,
  daily,
  funnel,
  increments,
  isoDay,
  ofSource,
  reportFromCounters,
  satisfaction,
  speedToLead,
  waitBucket,
} from "../../shared/funnel/index.ts";
import { outcomes, type RatingScore } from "../../shared/protocol/index.ts";

const questions = pb.questions.map((q) => q.id);
const base = Date.UTC(2026, 10, 20);
const names = (id: string) => ({ r1: "Ann", r2: "Bo" })[id as "r1"];

function answer(questionId: string): SlotAnswer {
  const value = { kind: "text" as const, text: "x" };
  return { slot: questionId, questionId, label: questionId, order: 0, value, display: "x", words: "x", at: 0 };
}

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const someOf = <T>(values: T[]) => fc.subarray(values);

// One state of a conversation: everything the funnel reads, at random but within what the service writes.
const engine: fc.Arbitrary<EngineState> = fc
  .record({
    answered: someOf(questions),
    asking: maybe(fc.constantFrom(...questions)),
    skipped: someOf(questions),
    retried: someOf(questions),
    outcome: fc.constantFrom(null, "handoff", "cold", "warm", "disqualified"),
    stage: fc.constantFrom("lead", "mql", "sql", "disqualified"),
    tier: fc.constantFrom("hot", "warm", "cold"),
  })
  .map((e) => ({
    playbookId: pb.id,
    playbookVersion: pb.version,
    slots: Object.fromEntries(e.answered.map((q) => [q, answer(q)])),
    asking: e.asking ?? null,
    confirming: null,
    hints: {},
    retries: Object.fromEntries(e.retried.map((q) => [q, 1])),
    skipped: e.skipped,
    outcome: e.outcome,
    qualification: { score: 0, tier: e.tier, stage: e.stage, reasons: [] },
  })) as fc.Arbitrary<EngineState>;

const state = (createdAt: number) =>
  fc
    .record({
      engine,
      queued: maybe(fc.integer({ min: 0, max: 2 * 3600_000 })),
      wait: maybe(fc.oneof(fc.integer({ min: -5000, max: 120_000 }), fc.integer({ min: 0, max: 2 * 86_400_000 }))),
      repId: maybe(fc.constantFrom("r1", "r2", "r3")),
      outcome: maybe(fc.constantFrom(...outcomes)),
      missedHandoff: maybe(fc.boolean()),
      breached: maybe(fc.integer({ min: 0, max: 600_000 })),
      source: fc.constantFrom(undefined, "google", "LinkedIn", "news|letter:x%", ""),
      rating: maybe(fc.record({ score: fc.integer({ min: 1, max: 5 }), repId: fc.constantFrom("r1", "r2", "r3") })),
      trigger: maybe(fc.constantFrom("t1", "t2", "gone")),
    })
    .map((s): CountedConversation => {
      const c: CountedConversation = { createdAt, engine: s.engine };
      if (s.queued !== undefined) {
        c.queuedAt = createdAt + s.queued;
        if (s.wait !== undefined) c.acceptedAt = c.queuedAt + s.wait;
        if (s.breached !== undefined) c.slaBreachedAt = c.queuedAt + s.breached;
      }
      if (s.repId) {
        c.repId = s.repId;
        const name = names(s.repId);
        if (name) c.repName = name;
      }
      if (s.outcome) c.outcome = s.outcome;
      if (s.missedHandoff) c.missedHandoff = true;
      if (s.source !== undefined)
        c.source = s.source ? { utm: { source: s.source } } : { referrer: "https://x.example/" };
      if (s.rating) {
        const { repId, score } = s.rating;
        c.rating = { repId, score: score as RatingScore, repName: names(repId) ?? "A former teammate", at: 0 };
      }
      if (s.trigger) c.trigger = s.trigger;
      return c;
    });

// A conversation's history: its creation, later writes, and perhaps its erasure.
const history = fc
  .integer({ min: 0, max: 4 * 86_400_000 })
  .chain((offset) =>
    fc.record({ writes: fc.array(state(base + offset), { minLength: 1, maxLength: 4 }), erased: fc.boolean() }),
  );

const world = fc.record({
  histories: fc.array(history, { maxLength: 40 }),
  targetMs: fc.constantFrom(10_000, 60_000, 300_000, 3_600_000),
  nowOffset: fc.integer({ min: 0, max: 6 * 86_400_000 }),
  source: fc.constantFrom(undefined, "google", "linkedin", "news|letter:x%", "x.example", "nobody"),
});

const days = ["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24"];

// A time from buckets holds the exact value: in (upper - width, upper].
function expectWithinBucket(fromBuckets: number | null | undefined, exact: number | null | undefined) {
  if (exact === null || exact === undefined) return expect(fromBuckets ?? null).toBeNull();
  expect(fromBuckets).toBe(waitBucket(exact));
  expect(exact).toBeLessThanOrEqual(fromBuckets ?? Number.NaN);
  expect(exact).toBeGreaterThanOrEqual((fromBuckets ?? 0) - bucketWidth(fromBuckets ?? 0));
}

const withoutTimes = <T extends { median: number | null; p90: number | null }>(f: T) => ({
  ...f,
  median: "bucket",
  p90: "bucket",
});

describe("funnel from counters", () => {
  it("F27-F30: equals the funnel of the conversations, figure by figure, after any history of writes", () => {
    fc.assert(
      fc.property(world, ({ histories, targetMs, nowOffset, source }) => {
        const now = base + nowOffset;
        const counters = new Map<string, Counters>();
        const kept: CountedConversation[] = [];
        for (const h of histories) {
          let before: Counters = {};
          for (const c of h.writes) {
            const after = contributions(c, pb);
            applyIncrements(setDefault(counters, counterDay(c)), increments(before, after));
            before = after;
          }
          const last = h.writes.at(-1) as CountedConversation;
          if (h.erased) applyIncrements(setDefault(counters, counterDay(last)), increments(before, {}));
          else kept.push(last);
        }
        const triggers = [
          { id: "t1", name: "Pricing" },
          { id: "t2", name: "Exit" },
        ];
        const got = reportFromCounters({
          days: days.map((day) => ({ day, counters: counters.get(day) ?? {} })),
          playbook: pb,
          targetMs,
          now,
          source,
          names,
          triggers,
          teasers: [],
        });
        const selected = source ? ofSource(kept, source) : kept;
        const want = {
          funnel: funnel(selected, pb, () => pb),
          bySource: bySource(kept),
          speedToLead: speedToLead(selected, targetMs, now),
          satisfaction: satisfaction(selected),
          daily: daily(selected, days[0] as string, days.at(-1) as string, targetMs, now),
          triggers: byTrigger(triggers, [], kept),
        };
        // Every figure that is a count is equal.
        expect({ ...got.funnel, timeToAccept: null }).toEqual({ ...want.funnel, timeToAccept: null });
        expect(got.funnel.timeToAccept?.count).toBe(want.funnel.timeToAccept?.count);
        expectWithinBucket(got.funnel.timeToAccept?.median, want.funnel.timeToAccept?.median);
        expectWithinBucket(got.funnel.timeToAccept?.p90, want.funnel.timeToAccept?.p90);
        expect(got.bySource).toEqual(want.bySource);
        expect(got.satisfaction).toEqual(want.satisfaction);
        expect(got.triggers).toEqual(want.triggers);
        const speedRows = (s: typeof want.speedToLead) => [s.all, ...s.byRep, ...s.bySource];
        expect(speedRows(got.speedToLead).map(withoutTimes)).toEqual(speedRows(want.speedToLead).map(withoutTimes));
        speedRows(got.speedToLead).forEach((row, i) => {
          expectWithinBucket(row.median, speedRows(want.speedToLead)[i]?.median);
          expectWithinBucket(row.p90, speedRows(want.speedToLead)[i]?.p90);
        });
        expect(got.daily.map((d) => ({ ...d, speed: withoutTimes(d.speed) }))).toEqual(
          want.daily.map((d) => ({ ...d, speed: withoutTimes(d.speed) })),
        );
        got.daily.forEach((d, i) => {
          expectWithinBucket(d.speed.median, want.daily[i]?.speed.median);
          expectWithinBucket(d.speed.p90, want.daily[i]?.speed.p90);
        });
        // Erasing or rewriting leaves no counter behind that no kept conversation explains.
        for (const day of days) {
          const rebuilt: Counters = {};
          for (const c of kept) if (counterDay(c) === day) applyIncrements(rebuilt, contributions(c, pb));
          expect(counters.get(day) ?? {}).toEqual(rebuilt);
        }
      }),
      { numRuns: 300, seed: 20 },
    );
  });

  it("F29: a wait's bucket holds it, whole seconds up to an hour, minutes up to a day, hours beyond", () => {
    expect([0, 1, 999, 1000, 1001, 3_600_000, 3_600_001, 86_400_000, 86_400_001].map(waitBucket)).toEqual([
      0, 1000, 1000, 1000, 2000, 3_600_000, 3_660_000, 86_400_000, 90_000_000,
    ]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 * 86_400_000 }), (ms) => {
        const b = waitBucket(ms);
        expect(ms).toBeLessThanOrEqual(b);
        expect(ms).toBeGreaterThan(b - bucketWidth(b) - (ms === 0 ? 1 : 0));
      }),
    );
  });

  it("F31: a day's counters expire the retention after the day ends", () => {
    expect(counterExpiry("2026-11-20", 90 * 86_400)).toBe(Date.UTC(2026, 10, 21) / 1000 + 90 * 86_400);
    expect(isoDay(base)).toBe("2026-11-20");
  });

  it("F26: a conversation counts on its creation day, whatever day it is written on", () => {
    const c: CountedConversation = {
      createdAt: Date.UTC(2026, 10, 20, 23, 59),
      engine: { ...baseEngine(), outcome: "warm" },
      queuedAt: Date.UTC(2026, 10, 21, 0, 5),
    };
    expect(counterDay(c)).toBe("2026-11-20");
  });
});

function baseEngine(): EngineState {
  return {
    playbookId: pb.id,
    playbookVersion: pb.version,
    slots: {},
    asking: null,
    confirming: null,
    hints: {},
    retries: {},
    skipped: [],
    outcome: null,
    qualification: { score: 0, tier: "cold", stage: "lead", reasons: [] },
  };
}

function setDefault(m: Map<string, Counters>, day: string): Counters {
  const found = m.get(day);
  if (found) return found;
  const made: Counters = {};
  m.set(day, made);
  return made;
}
