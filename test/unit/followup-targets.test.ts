// FU14 (shared/followups/SPEC.md): an open follow-up with a target is marked once at its due time; check-ins have
// none. And who is emailed about what (server/notify/recipients.ts).
import { describe, expect, it } from "vitest";
import { recipients } from "../../server/notify/recipients.ts";
import type { User } from "../../server/store/types.ts";
import { nextTarget, pastTarget } from "../../shared/followups/index.ts";
import type { FollowUp } from "../../shared/protocol/index.ts";

const item = (over: Partial<FollowUp>): FollowUp => ({
  id: "fu_c1_callback",
  siteKey: "s1",
  conversationId: "c1",
  kind: "callback",
  dueAt: 100,
  state: "open",
  createdAt: 0,
  rev: 1,
  ...over,
});

describe("follow-up targets", () => {
  it("FU14 an open callback, missed handoff or uncontacted hot lead is past its target at its due time, once", () => {
    expect(pastTarget(item({}), 99)).toBeNull();
    expect(pastTarget(item({}), 100)).toEqual(item({ breachedAt: 100 }));
    expect(pastTarget(item({ kind: "missed-handoff" }), 150)?.breachedAt).toBe(150);
    expect(pastTarget(item({ kind: "hot-uncontacted" }), 150)?.breachedAt).toBe(150);
    expect(pastTarget(item({ breachedAt: 120 }), 150)).toBeNull();
    expect(pastTarget(item({ state: "done", doneAt: 90 }), 150)).toBeNull();
    expect(pastTarget(item({ kind: "check-in" }), 150)).toBeNull();
    // A snooze moves when it shows, not the target.
    expect(pastTarget(item({ snoozedUntil: 500 }), 150)?.breachedAt).toBe(150);
  });

  it("FU14 a conversation's next target is its earliest open, unmarked item with one", () => {
    expect(nextTarget([])).toBeNull();
    expect(
      nextTarget([
        item({ dueAt: 300 }),
        item({ kind: "missed-handoff", dueAt: 200 }),
        item({ kind: "hot-uncontacted", dueAt: 50, breachedAt: 60 }),
        item({ kind: "check-in", dueAt: 10 }),
        item({ kind: "missed-handoff", dueAt: 20, state: "done" }),
      ]),
    ).toBe(200);
    expect(nextTarget([item({ kind: "check-in" })])).toBeNull();
  });
});

describe("who is emailed", () => {
  const user = (id: string, over: Partial<User> = {}): User => ({
    id,
    email: `${id}@t.local`,
    name: id,
    role: "rep",
    passwordHash: "",
    createdAt: 0,
    ...over,
  });

  it("by their own settings, else the defaults; reps only for the sites they serve; never a disabled account", () => {
    const users = [
      user("owner", { role: "owner", siteKeys: ["other"] }),
      user("rep-all"),
      user("rep-s1", { siteKeys: ["s1"] }),
      user("rep-s2", { siteKeys: ["s2"] }),
      user("rep-off", { notifications: { missedLeads: false, slaBreaches: true, dailyDigest: false } }),
      user("gone", { disabled: true }),
    ];
    expect(recipients(users, "missedLeads", "s1").map((u) => u.id)).toEqual(["owner", "rep-all", "rep-s1"]);
    // Targets missed: owners by default, reps who asked.
    expect(recipients(users, "slaBreaches", "s1").map((u) => u.id)).toEqual(["owner", "rep-off"]);
  });
});
