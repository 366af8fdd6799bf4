import { describe, expect, it } from "vitest";
import {
  chooseRep,
  escalation,
  estimateWait,
  isOpen,
  nextAverage,
  nextOpening,
  type RepSnapshot,
} from "../../shared/routing/index.ts";

const rep = (repId: string, over: Partial<RepSnapshot> = {}): RepSnapshot => ({
  repId,
  available: true,
  live: 0,
  capacity: 3,
  lastOfferedAt: 0,
  ...over,
});

describe("routing", () => {
  it("R1 only available reps below capacity, serving the site, not yet tried", () => {
    const reps = [
      rep("away", { available: false }),
      rep("full", { live: 3 }),
      rep("other-site", { siteKeys: ["s2"] }),
      rep("tried"),
      rep("ok", { siteKeys: ["s1"] }),
    ];
    expect(chooseRep(reps, "s1", "round-robin", ["tried"])).toBe("ok");
    expect(chooseRep([rep("a", { available: false })], "s1", "round-robin")).toBeNull();
  });

  it("R6 past the target, everyone online who could take the lead rings: away and tried too, not offline or full", () => {
    const reps = [
      { ...rep("away", { available: false }), online: true },
      { ...rep("offline", { available: false }), online: false },
      { ...rep("full", { live: 3 }), online: true },
      { ...rep("other-site", { siteKeys: ["s2"] }), online: true },
      { ...rep("ok", { siteKeys: ["s1", "s2"] }), online: true },
    ];
    expect(escalation(reps, "s1").map((r) => r.repId)).toEqual(["away", "ok"]);
  });

  it("R2 round robin is fair over time: everyone gets a turn before a second one", () => {
    const reps = [rep("a"), rep("b"), rep("c")];
    const picks: string[] = [];
    for (let t = 1; t <= 9; t++) {
      const id = chooseRep(reps, "s1", "round-robin") as string;
      picks.push(id);
      const r = reps.find((x) => x.repId === id) as RepSnapshot;
      r.lastOfferedAt = t;
    }
    expect(picks).toEqual(["a", "b", "c", "a", "b", "c", "a", "b", "c"]);
  });

  it("R3 least loaded goes by live chats relative to capacity, then by turn", () => {
    const reps = [
      rep("a", { live: 2, capacity: 4 }),
      rep("b", { live: 1, capacity: 3 }),
      rep("c", { live: 1, capacity: 2 }),
    ];
    expect(chooseRep(reps, "s1", "least-loaded")).toBe("b");
    expect(chooseRep([rep("x", { lastOfferedAt: 5 }), rep("y", { lastOfferedAt: 2 })], "s1", "least-loaded")).toBe("y");
  });

  it("R4 the estimate follows the recent accept times; none without history", () => {
    expect(estimateWait(3, null, 2)).toBeNull();
    expect(estimateWait(3, 20_000, 2)).toBe(30_000);
    expect(estimateWait(1, 20_000, 0)).toBe(20_000);
    expect(nextAverage(null, 10_000)).toBe(10_000);
    expect(nextAverage(10_000, 20_000)).toBe(12_000);
  });

  it("R5 business hours in the site's time zone", () => {
    const hours = { timeZone: "America/New_York", days: [{ day: 4, open: "09:00", close: "17:00" }] };
    // Thursday 26 November 2026, 14:00 UTC = 09:00 in New York: open; 22:30 UTC = 17:30: closed.
    expect(isOpen(hours, Date.UTC(2026, 10, 26, 14, 0))).toBe(true);
    expect(isOpen(hours, Date.UTC(2026, 10, 26, 13, 59))).toBe(false);
    expect(isOpen(hours, Date.UTC(2026, 10, 26, 22, 30))).toBe(false);
    expect(isOpen(hours, Date.UTC(2026, 10, 27, 15, 0))).toBe(false);
    expect(isOpen(undefined, 0)).toBe(true);
    expect(isOpen({ timeZone: "Mars/Olympus", days: [] }, 0)).toBe(true);
  });

  it("R5a the next opening: later today, a later day, next week, across a clock change; none without open days", () => {
    const hours = {
      timeZone: "America/New_York",
      days: [
        { day: 4, open: "09:00", close: "17:00" },
        { day: 4, open: "19:00", close: "21:00" },
        { day: 1, open: "10:30", close: "12:00" },
      ],
    };
    // Thursday 26 November 2026 (EST, UTC-5). 08:15:30 local: 09:00 the same day.
    expect(nextOpening(hours, Date.UTC(2026, 10, 26, 13, 15, 30))).toBe(Date.UTC(2026, 10, 26, 14, 0));
    // 17:30 local: the evening period.
    expect(nextOpening(hours, Date.UTC(2026, 10, 26, 22, 30))).toBe(Date.UTC(2026, 10, 27, 0, 0));
    // 21:30 local: Monday 30 November, 10:30.
    expect(nextOpening(hours, Date.UTC(2026, 10, 27, 2, 30))).toBe(Date.UTC(2026, 10, 30, 15, 30));
    // Monday 12:30 local, open only on Mondays: a week later.
    const mondays = { timeZone: "America/New_York", days: [{ day: 1, open: "10:30", close: "12:00" }] };
    expect(nextOpening(mondays, Date.UTC(2026, 10, 30, 17, 30))).toBe(Date.UTC(2026, 11, 7, 15, 30));
    // Saturday 7 March 2026 (EST) to Monday 9 March 09:00 EDT (UTC-4), after the clocks went forward on Sunday.
    const weekdays = { timeZone: "America/New_York", days: [{ day: 1, open: "09:00", close: "17:00" }] };
    expect(nextOpening(weekdays, Date.UTC(2026, 2, 7, 17, 0))).toBe(Date.UTC(2026, 2, 9, 13, 0));
    expect(nextOpening({ timeZone: "UTC", days: [] }, 0)).toBeNull();
    expect(nextOpening({ timeZone: "Mars/Olympus", days: [] }, 0)).toBeNull();
  });
});
