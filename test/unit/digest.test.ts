// FU15 (shared/followups/SPEC.md): the daily digest's content for one user, as a table of cases.
import { describe, expect, it } from "vitest";
import {
  type DigestConversation,
  type DigestItem,
  type DigestSiteInput,
  dailyDigest,
  digestDayOf,
} from "../../shared/followups/index.ts";

const hour = 3600_000;
// Saturday 5 December 2026, 08:00 UTC: the digest is about Friday 4 December.
const now = Date.UTC(2026, 11, 5, 8);
const friday = Date.UTC(2026, 11, 4);

const lead = (at: number, over: Partial<DigestConversation> = {}, tier = "cold", stage = "lead") =>
  ({ createdAt: at, engine: { qualification: { tier, stage } }, ...over }) as DigestConversation;
const item = (id: string, dueAt: number, over: Partial<DigestItem> = {}): DigestItem => ({
  id,
  kind: "callback",
  dueAt,
  lead: {},
  ...over,
});
const site = (over: Partial<DigestSiteInput>): DigestSiteInput => ({
  siteKey: "s1",
  siteName: "Acme",
  conversations: [],
  openFollowUps: [],
  ...over,
});

describe("daily digest", () => {
  it("FU15 the day is the UTC day before now's", () => {
    expect(digestDayOf(now)).toEqual({ day: "2026-12-04", from: friday, to: friday + 24 * hour });
    expect(digestDayOf(Date.UTC(2026, 0, 1, 0, 0, 0, 1)).day).toBe("2025-12-31");
  });

  const cases: [string, DigestConversation, Partial<Record<string, number>>][] = [
    ["a cold lead counts once", lead(friday + hour), { count: 1 }],
    ["a hot SQL is hot and qualified", lead(friday, {}, "hot", "sql"), { count: 1, hot: 1, qualified: 1 }],
    ["an MQL is qualified", lead(friday, {}, "warm", "mql"), { count: 1, qualified: 1 }],
    ["a missed handoff", lead(friday, { missedHandoff: true }, "hot"), { count: 1, hot: 1, missedHandoffs: 1 }],
    ["accepted by a rep", lead(friday, { acceptedAt: friday + 5 }), { count: 1, accepted: 1 }],
    ["a rep on an older conversation counts as accepted", lead(friday, { repId: "r1" }), { count: 1, accepted: 1 }],
    ["a lead of the day before is not yesterday's", lead(friday - 1, {}, "hot"), {}],
    ["a lead of today is not yesterday's", lead(friday + 24 * hour, {}, "hot"), {}],
  ];
  it.each(cases)("FU15 leads: %s", (_name, c, want) => {
    const d = dailyDigest([site({ conversations: [c], openFollowUps: [item("a", now + 48 * hour)] })], now);
    expect(d?.sites[0]?.leads).toEqual({ count: 0, hot: 0, qualified: 0, missedHandoffs: 0, accepted: 0, ...want });
  });

  it("FU15 follow-ups open now: overdue (by snooze time), due today (UTC), the 3 most overdue first", () => {
    const items = [
      item("e", now - 1 * hour, { lead: { name: "Eve" } }),
      item("b", now - 3 * hour, { kind: "missed-handoff", lead: { email: "bo@big.co" } }),
      item("a", now - 3 * hour, { lead: { name: "Ann", email: "ann@a.co" } }),
      item("d", now - 2 * hour),
      // Snoozed past now: not overdue, due later today.
      item("s", now - 5 * hour, { snoozedUntil: now + hour }),
      item("t", Date.UTC(2026, 11, 5, 23, 59)),
      item("u", Date.UTC(2026, 11, 6)),
    ];
    const d = dailyDigest([site({ openFollowUps: items })], now);
    expect(d?.sites[0]?.followUps).toEqual({
      open: 7,
      overdue: 4,
      dueToday: 2,
      topOverdue: [
        { kind: "callback", dueAt: now - 3 * hour, name: "Ann", email: "ann@a.co" },
        { kind: "missed-handoff", dueAt: now - 3 * hour, email: "bo@big.co" },
        { kind: "callback", dueAt: now - 2 * hour },
      ],
    });
  });

  it("FU15 nothing to report is null; a site with nothing is left out", () => {
    expect(dailyDigest([], now)).toBeNull();
    expect(dailyDigest([site({ conversations: [lead(friday - hour)] })], now)).toBeNull();
    const d = dailyDigest([site({ siteKey: "quiet" }), site({ siteKey: "busy", conversations: [lead(friday)] })], now);
    expect(d?.day).toBe("2026-12-04");
    expect(d?.sites.map((s) => s.siteKey)).toEqual(["busy"]);
  });
});
