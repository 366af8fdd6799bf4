// S7-S11 as properties: behaviour scoring never throws on any Behaviour, is deterministic given now, equals the
// stored score with decay applied at read, and decay never gives points back as time passes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pageMatches, readsBehaviour, withDecay } from "../../shared/engine/behaviour.ts";
import { type Condition, defaultPlaybook, type Playbook } from "../../shared/engine/index.ts";
import { qualify } from "../../shared/engine/qualify.ts";
import type { Behaviour } from "../../shared/protocol/behaviour.ts";

const now = Date.UTC(2026, 10, 26, 12);
const day = 86_400_000;

const time = fc.oneof(
  fc.integer({ min: now - 400 * day, max: now + day }),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 0),
);
const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.string(),
  fc.constantFrom("https://acme.io/pricing", "/pricing?plan=pro", "https://acme.io/PRICING/team", "http://[bad", ""),
);
const name = fc.oneof(fc.constantFrom("demo", "Demo", "brochure", "signup"), fc.string({ maxLength: 70 }));

const behaviour: fc.Arbitrary<Behaviour> = fc.record(
  {
    visits: fc.oneof(fc.nat(50), fc.double()),
    firstSeenAt: time,
    lastActiveAt: time,
    visitStartedAt: time,
    previousVisitAt: time,
    pages: fc.array(fc.record({ url, at: time }), { maxLength: 30 }),
    events: fc.array(
      fc.record({
        name,
        at: time,
        props: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.double(), fc.boolean())),
      }),
      { maxLength: 20 },
    ),
    timeOnSiteMs: fc.oneof(fc.nat(10 * 3_600_000), fc.double()),
  },
  { requiredKeys: ["visits", "firstSeenAt", "lastActiveAt", "visitStartedAt", "pages", "events", "timeOnSiteMs"] },
);

const count = fc.oneof(fc.nat(20), fc.double({ min: 0, max: 1e6, noNaN: true }));
const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    page: fc.oneof(fc.constantFrom("/pricing*", "*", "acme.io/*", "https://*/p*"), fc.string()),
    atLeast: count,
  }),
  fc.record({ visits: count }),
  fc.record({ returnedWithinDays: count }),
  fc.record({ event: name, atLeast: count }),
  fc.record({ minutesOnSite: count }),
  fc.constant({ slot: "authority", is: "decision-maker" }),
);
const condition: fc.Arbitrary<Condition> = fc.oneof(
  { depthSize: "small" },
  leaf,
  leaf.map((c) => ({ not: c })),
  fc.array(leaf, { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
  fc.array(leaf, { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
);

const playbook: fc.Arbitrary<Playbook> = fc
  .record({
    rules: fc.array(
      fc.record({
        group: fc.option(fc.constantFrom("a", "b"), { nil: undefined }),
        when: condition,
        points: fc.integer({ min: -50, max: 50 }),
        reason: fc.constantFrom("Visited {count} times", "{count}", "{authority} {count} {nope}", "plain"),
      }),
      { maxLength: 8 },
    ),
    decay: fc.option(
      fc.record({ afterDays: fc.integer({ min: 0, max: 3650 }), pointsPerWeek: fc.integer({ min: -1000, max: -1 }) }),
      { nil: undefined },
    ),
    sql: fc.option(condition, { nil: undefined }),
  })
  .map(({ rules, decay, sql }) => {
    const p = structuredClone(defaultPlaybook);
    p.scoring.rules.push(...rules.map((r) => (r.group ? r : { when: r.when, points: r.points, reason: r.reason })));
    if (decay) p.scoring.decay = decay;
    if (sql) p.scoring.sql = sql;
    return p;
  });

describe("behaviour scoring properties", () => {
  it("S11 never throws on any Behaviour, is deterministic given now, and is the stored score with decay applied", () => {
    fc.assert(
      fc.property(playbook, behaviour, time, (p, b, at) => {
        const stored = qualify(p, {}, undefined, b);
        const read = qualify(p, {}, undefined, b, at);
        expect(qualify(p, {}, undefined, structuredClone(b), at)).toEqual(read);
        expect(withDecay(stored, p.scoring, b, at)).toEqual(read);
        expect(read.score).toBe(read.reasons.reduce((s, r) => s + r.points, 0));
        for (const r of read.reasons) expect(r.reason).not.toContain("{count}");
      }),
      { numRuns: 300 },
    );
  });

  it("S7 with no behaviour the score is exactly the slots' score, whatever the behaviour rules", () => {
    fc.assert(
      fc.property(playbook, time, (p, at) => {
        const slotsOnly = structuredClone(p);
        slotsOnly.scoring.rules = p.scoring.rules.filter((r) => !readsBehaviour(r.when));
        delete slotsOnly.scoring.decay;
        const q = qualify(p, {}, undefined, undefined, at);
        expect(q).toEqual(qualify(slotsOnly, {}));
      }),
      { numRuns: 200 },
    );
  });

  it("S10 decay is monotone: a later read never scores higher, and its points are finite", () => {
    const finite = fc.integer({ min: now - 400 * day, max: now + 400 * day });
    fc.assert(
      fc.property(playbook, behaviour, finite, finite, finite, (p, b, last, t1, t2) => {
        const active = { ...b, lastActiveAt: last };
        const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const a = qualify(p, {}, undefined, active, early);
        const z = qualify(p, {}, undefined, active, late);
        expect(z.score).toBeLessThanOrEqual(a.score);
        expect(Number.isFinite(z.score) || !Number.isFinite(qualify(p, {}, undefined, active).score)).toBe(true);
        const rank = { cold: 0, warm: 1, hot: 2 };
        expect(rank[z.tier]).toBeLessThanOrEqual(rank[a.tier]);
      }),
      { numRuns: 300 },
    );
  });

  it("S9 pageMatches never throws, and on paths it agrees with the plain regular expression of the pattern", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (pattern, u) => {
        pageMatches(pattern, u);
      }),
    );
    const chars = fc.constantFrom("a", "b", "A", "*", "/");
    const path = fc.array(fc.constantFrom("a", "b", "B", "/"), { maxLength: 12 }).map((c) => `/${c.join("")}`);
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 8 }), path, (p, ps) => {
        const pattern = `/${p.join("")}`;
        const regex = new RegExp(`^${pattern.replace(/\*/g, ".*")}$`, "i");
        expect(pageMatches(pattern, `https://acme.io${ps}`)).toBe(regex.test(ps));
      }),
      { numRuns: 500 },
    );
  });
});
