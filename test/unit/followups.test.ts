// Which follow-ups a conversation write opens and closes (shared/followups/SPEC.md, FU1-FU9), as tables.
import { describe, expect, it } from "vitest";
import {
  dueGroupOf,
  type FollowUpChanges,
  type FollowUpSubject,
  followUpIdOf,
  followUpsOf,
} from "../../shared/followups/index.ts";

const now = Date.UTC(2026, 0, 6, 8, 0); // Tuesday 08:00 UTC
const hour = 3600_000;
const target = now + hour;

const lead = (tier: "hot" | "warm" | "cold", fields: Partial<FollowUpSubject> = {}): FollowUpSubject => ({
  id: "c1",
  status: "bot",
  engine: { qualification: { tier } },
  ...fields,
});

const none: FollowUpChanges = { open: [], close: [] };

describe("followUpsOf", () => {
  const cases: [string, FollowUpSubject, FollowUpSubject, FollowUpChanges][] = [
    [
      "FU1 a callback left with a phone opens a callback, due when the visitor asked",
      lead("hot", { missedHandoff: true }),
      lead("hot", { missedHandoff: true, status: "closed", callback: { phone: "+1 555", when: "at 10" } }),
      { open: [{ kind: "callback", dueAt: Date.UTC(2026, 0, 6, 10, 0) }], close: ["missed-handoff"] },
    ],
    [
      "FU1 a callback whose time cannot be read is due the site's target from now",
      lead("warm"),
      lead("warm", { status: "closed", callback: { phone: "+1 555", when: "whenever suits" } }),
      { open: [{ kind: "callback", dueAt: target }], close: [] },
    ],
    [
      "FU1 a callback without a phone (the number still asked for) opens nothing",
      lead("hot", { missedHandoff: true }),
      lead("hot", { missedHandoff: true, callback: { when: "" } }),
      none,
    ],
    [
      "FU1 a write that keeps an earlier callback opens nothing again",
      lead("hot", { callback: { phone: "+1", when: "now" } }),
      lead("hot", { status: "closed", callback: { phone: "+1", when: "now" } }),
      none,
    ],
    [
      "FU2 a missed handoff opens a missed-handoff due the target from now",
      lead("hot", { status: "queued" }),
      lead("hot", { status: "bot", missedHandoff: true }),
      { open: [{ kind: "missed-handoff", dueAt: target }], close: [] },
    ],
    [
      "FU2 a missed handoff with a booking link (closed at once) is still a missed-handoff, not a hot lead too",
      lead("hot", { status: "queued" }),
      lead("hot", { status: "closed", missedHandoff: true }),
      { open: [{ kind: "missed-handoff", dueAt: target }], close: [] },
    ],
    [
      "FU3 a hot lead closed without ever going live opens a hot-uncontacted",
      lead("hot", { status: "queued" }),
      lead("hot", { status: "closed" }),
      { open: [{ kind: "hot-uncontacted", dueAt: target }], close: [] },
    ],
    [
      "FU3 a hot lead a rep talked to opens nothing when it closes",
      lead("hot", { status: "live", acceptedAt: 1 }),
      lead("hot", { status: "closed", acceptedAt: 1 }),
      none,
    ],
    [
      "FU3 a hot lead with a missed handoff is covered by it when it closes",
      lead("hot", { missedHandoff: true }),
      lead("hot", { status: "closed", missedHandoff: true }),
      none,
    ],
    [
      "FU4 a warm lead that closed gets a check-in N days later",
      lead("warm"),
      lead("warm", { status: "closed" }),
      { open: [{ kind: "check-in", dueAt: now + 3 * 24 * hour }], close: [] },
    ],
    [
      "FU4 a warm lead closed as meeting booked needs no check-in",
      lead("warm", { status: "live", acceptedAt: 1 }),
      lead("warm", { status: "closed", acceptedAt: 1, outcome: "meeting-booked" }),
      none,
    ],
    ["FU4 a cold lead that closed opens nothing", lead("cold"), lead("cold", { status: "closed" }), none],
    [
      "FU6 a rep accepting closes every open item",
      lead("hot", { status: "queued" }),
      lead("hot", { status: "live", acceptedAt: now }),
      { open: [], close: "all" },
    ],
    ["a bot turn that changes none of these opens nothing", lead("hot"), lead("hot"), none],
    [
      "FU13 a new owner takes the lead's open items",
      lead("warm", { status: "closed" }),
      lead("warm", { status: "closed", sales: { ownerId: "ann" } }),
      { open: [], close: [], owner: "ann" },
    ],
    [
      "FU13 the owner taken away: the items are nobody's",
      lead("warm", { status: "closed", sales: { ownerId: "ann" } }),
      lead("warm", { status: "closed", sales: {} }),
      { open: [], close: [], owner: null },
    ],
    [
      "FU6 FU13 the accepting rep becomes the owner in the accept's write",
      lead("hot", { status: "queued" }),
      lead("hot", { status: "live", acceptedAt: now, sales: { ownerId: "bob" } }),
      { open: [], close: "all", owner: "bob" },
    ],
  ];
  it.each(cases)("%s", (_name, before, after, expected) => {
    expect(followUpsOf(before, after, now)).toEqual(expected);
  });

  it("FU2, FU4 use the site's settings", () => {
    const settings = { targetMinutes: 15, checkInDays: 7 };
    const missed = followUpsOf(lead("hot"), lead("hot", { missedHandoff: true }), now, settings);
    expect(missed.open).toEqual([{ kind: "missed-handoff", dueAt: now + 15 * 60_000 }]);
    const warm = followUpsOf(lead("warm"), lead("warm", { status: "closed" }), now, settings);
    expect(warm.open).toEqual([{ kind: "check-in", dueAt: now + 7 * 24 * hour }]);
  });

  it("FU8 an item's id is the conversation's and the kind's", () => {
    expect(followUpIdOf("c1", "callback")).toBe("fu_c1_callback");
    expect(followUpIdOf("c1", "check-in")).not.toBe(followUpIdOf("c2", "check-in"));
  });
});

describe("FU9 due groups", () => {
  const endOfDay = now + 10 * hour;
  const cases: [string, { dueAt: number; snoozedUntil?: number }, string][] = [
    ["due before now is overdue", { dueAt: now - 1 }, "overdue"],
    ["due exactly now is overdue", { dueAt: now }, "overdue"],
    ["due later today", { dueAt: now + hour }, "today"],
    ["due after the rep's day ends", { dueAt: endOfDay }, "upcoming"],
    ["snoozed: its snooze time counts, not its due time", { dueAt: now - hour, snoozedUntil: now + hour }, "today"],
  ];
  it.each(cases)("%s", (_name, item, group) => {
    expect(dueGroupOf(item, now, endOfDay)).toBe(group);
  });
});
