// Follow-ups done on time (rules F17-F18 in shared/funnel/SPEC.md), by hand from a few items.
import { describe, expect, it } from "vitest";
import { followUpsOnTime } from "../../shared/funnel/index.ts";
import type { FollowUp } from "../../shared/protocol/index.ts";

const now = 10_000;
const item = (over: Partial<FollowUp>): FollowUp => ({
  id: "fu",
  siteKey: "s1",
  conversationId: "c1",
  kind: "callback",
  dueAt: 1_000,
  state: "open",
  createdAt: 0,
  rev: 1,
  ...over,
});
const names = (id: string) => ({ ann: "Ann", bob: "Bob" })[id];
const google = { utm: { source: "google" } };

describe("follow-ups on time", () => {
  it("F17 done by its due time and never marked is on time; done later, marked or open past due is late", () => {
    const report = followUpsOnTime(
      [
        { item: item({ state: "done", doneAt: 900, doneBy: "ann" }) }, // on time
        { item: item({ state: "done", doneAt: 1_000, doneBy: "ann" }) }, // on time: at the due time
        { item: item({ state: "done", doneAt: 1_500, doneBy: "bob" }) }, // late
        { item: item({ state: "done", doneAt: 900, doneBy: "bob", breachedAt: 800 }) }, // marked: late
        { item: item({ kind: "missed-handoff", conversationId: "c9", ownerId: "bob" }) }, // open past due: late
        { item: item({ dueAt: 20_000 }) }, // open, not due yet: undecided
        { item: item({ kind: "check-in", state: "done", doneAt: 1, doneBy: "ann" }) }, // no target: not counted
      ],
      names,
      now,
    );
    expect(report.all).toEqual({ key: "all", label: "All follow-ups", due: 5, onTime: 2, share: 2 / 5 });
  });

  it("F17 a missed handoff that a callback replaced is not counted", () => {
    const report = followUpsOnTime(
      [
        { item: item({ kind: "missed-handoff", state: "done", doneAt: 100, doneBy: "system" }) },
        { item: item({ state: "done", doneAt: 900, doneBy: "ann" }) },
        { item: item({ kind: "missed-handoff", conversationId: "c2" }) },
      ],
      names,
      now,
    );
    expect(report.all).toMatchObject({ due: 2, onTime: 1 });
  });

  it("F17 nothing decided: no share", () => {
    expect(followUpsOnTime([{ item: item({ dueAt: 20_000 }) }], names, now).all).toMatchObject({ due: 0, share: null });
  });

  it("F18 per rep (who did it, else the owner, else nobody; the system when a chat reached a rep) and per source", () => {
    const report = followUpsOnTime(
      [
        { item: item({ state: "done", doneAt: 900, doneBy: "ann", ownerId: "bob" }), source: google },
        { item: item({ ownerId: "bob" }), source: google },
        { item: item({ state: "done", doneAt: 500, doneBy: "system" }) },
        { item: item({}) },
        { item: item({ state: "done", doneAt: 500, doneBy: "gone" }) },
      ],
      names,
      now,
    );
    expect(report.byRep.map((r) => [r.label, r.due, r.onTime])).toEqual([
      ["A former teammate", 1, 1],
      ["Ann", 1, 1],
      ["Bob", 1, 0],
      ["Nobody", 1, 0],
      ["Reached in a chat", 1, 1],
    ]);
    expect(report.bySource.map((r) => [r.label, r.due, r.onTime])).toEqual([
      ["direct", 3, 2],
      ["google", 2, 1],
    ]);
  });
});
