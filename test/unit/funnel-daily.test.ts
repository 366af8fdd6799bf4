// Trends (rules F19-F21 in shared/funnel/SPEC.md): the range day by day, computed by hand from small sets of
// conversations.
import { describe, expect, it } from "vitest";
import { daily, parseDay, type SpeedConversation, speedToLead } from "../../shared/funnel/index.ts";
import type { Tier } from "../../shared/protocol/index.ts";
import { engineState } from "../support/funnel-conversations.ts";

const engine = (tier: Tier) => engineState({ tier });
const hour = 3600_000;
// `hours` after midnight UTC of `day`.
const at = (day: string, hours: number) => (parseDay(day) ?? Number.NaN) + hours * hour;
const lead = (createdAt: number, tier: Tier, facts: Partial<SpeedConversation> = {}): SpeedConversation => ({
  createdAt,
  engine: engine(tier),
  ...facts,
});
const target = 60_000;
const now = at("2026-03-10", 12);
const noSpeed = { asked: 0, within: 0, share: null, median: null, p90: null };

describe("trends by day", () => {
  it("F19 every day of the range, first to last, days without conversations with zeros and no times", () => {
    const days = daily([lead(at("2026-03-02", 9), "hot")], "2026-03-01", "2026-03-04", target, now);
    expect(days.map((d) => d.day)).toEqual(["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"]);
    expect(days[0]).toEqual({ day: "2026-03-01", leads: { hot: 0, warm: 0, cold: 0 }, speed: noSpeed });
    expect(days[1]?.leads).toEqual({ hot: 1, warm: 0, cold: 0 });
    expect(days[3]).toEqual({ day: "2026-03-04", leads: { hot: 0, warm: 0, cold: 0 }, speed: noSpeed });
  });

  it("F19 UTC days: a conversation counts on the day of its createdAt, midnight starting the next", () => {
    const days = daily(
      [lead(at("2026-03-01", 0), "cold"), lead(at("2026-03-02", 0) - 1, "warm"), lead(at("2026-03-02", 0), "hot")],
      "2026-03-01",
      "2026-03-02",
      target,
      now,
    );
    expect(days.map((d) => [d.day, d.leads])).toEqual([
      ["2026-03-01", { hot: 0, warm: 1, cold: 1 }],
      ["2026-03-02", { hot: 1, warm: 0, cold: 0 }],
    ]);
  });

  it("F19 crosses months and leap days; a range that runs backwards or is no date has no days", () => {
    expect(daily([], "2028-02-28", "2028-03-01", target, now).map((d) => d.day)).toEqual([
      "2028-02-28",
      "2028-02-29",
      "2028-03-01",
    ]);
    expect(daily([], "2026-03-02", "2026-03-01", target, now)).toEqual([]);
    expect(daily([], "2026-02-30", "2026-03-01", target, now)).toEqual([]);
  });

  it("F19 the days add up to the range: leads to the conversations, asked and within to F15's", () => {
    const all = [
      lead(at("2026-03-01", 8), "hot", { queuedAt: at("2026-03-01", 8), acceptedAt: at("2026-03-01", 8) + 5_000 }),
      // Started just before midnight, accepted after it: still the day it started.
      lead(at("2026-03-02", 0) - 10_000, "hot", {
        queuedAt: at("2026-03-02", 0) - 10_000,
        acceptedAt: at("2026-03-02", 0) + 90_000,
      }),
      lead(at("2026-03-02", 9), "warm", { queuedAt: at("2026-03-02", 9), missedHandoff: true }),
      lead(at("2026-03-03", 9), "cold"),
    ];
    const days = daily(all, "2026-03-01", "2026-03-03", target, now);
    const sum = (f: (d: (typeof days)[number]) => number) => days.reduce((n, d) => n + f(d), 0);
    expect(sum((d) => d.leads.hot + d.leads.warm + d.leads.cold)).toBe(all.length);
    const range = speedToLead(all, target, now).all;
    expect([sum((d) => d.speed.asked), sum((d) => d.speed.within)]).toEqual([range.asked, range.within]);
    expect(days[0]?.speed.asked).toBe(2);
    expect(days[1]?.speed.asked).toBe(1);
  });

  it("F19 ignores conversations outside the range (the server passes the range's only)", () => {
    const days = daily([lead(at("2026-02-28", 23), "hot")], "2026-03-01", "2026-03-01", target, now);
    expect(days[0]?.leads).toEqual({ hot: 0, warm: 0, cold: 0 });
  });

  it("F20 leads per day by tier, each conversation counted whatever stage it reached", () => {
    const day = "2026-03-05";
    const days = daily(
      [lead(at(day, 1), "hot"), lead(at(day, 2), "hot"), lead(at(day, 3), "warm"), lead(at(day, 4), "cold")],
      day,
      day,
      target,
      now,
    );
    expect(days[0]?.leads).toEqual({ hot: 2, warm: 1, cold: 1 });
  });

  it("F21 each day's speed to lead: F15's share within the target, and the median and p90 by nearest rank", () => {
    const day = "2026-03-06";
    const asked = (hours: number, waitMs: number | null, facts: Partial<SpeedConversation> = {}) =>
      lead(at(day, hours), "hot", {
        queuedAt: at(day, hours),
        ...(waitMs === null ? {} : { acceptedAt: at(day, hours) + waitMs }),
        ...facts,
      });
    const days = daily(
      [
        asked(1, 10_000), // within
        asked(2, 30_000), // within
        asked(3, 50_000, { slaBreachedAt: at(day, 3) + 60_000 }), // marked past the target: late
        asked(4, 200_000), // late by the times
        asked(5, null, { missedHandoff: true }), // nobody took it: late, no time
        lead(at(day, 6), "cold"), // never asked for a person
      ],
      day,
      day,
      target,
      now,
    );
    // Waits 10, 30, 50, 200 s: the median is the 2nd, the p90 the 4th (nearest rank).
    expect(days[0]?.speed).toEqual({ asked: 5, within: 2, share: 2 / 5, median: 30_000, p90: 200_000 });
  });

  it("F21 a day whose only lead still waits within the target is undecided: no share, no times", () => {
    const waiting = lead(now - 5_000, "hot", { queuedAt: now - 5_000 });
    const days = daily([waiting], "2026-03-10", "2026-03-10", target, now);
    expect(days[0]).toEqual({ day: "2026-03-10", leads: { hot: 1, warm: 0, cold: 0 }, speed: noSpeed });
  });
});
