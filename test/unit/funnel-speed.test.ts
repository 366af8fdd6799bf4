// Speed to lead (rules F15-F16 in shared/funnel/SPEC.md), computed by hand from small sets of conversations.
import { describe, expect, it } from "vitest";
import { type SpeedConversation, speedToLead } from "../../shared/funnel/index.ts";
import { engineState } from "../support/funnel-conversations.ts";

const engine = engineState({ score: 90, tier: "hot", stage: "sql" });
const lead = (facts: Partial<SpeedConversation>): SpeedConversation => ({ createdAt: 0, engine, ...facts });
const target = 60_000;
const now = 1_000_000;
const google = { utm: { source: "google" } };

describe("speed to lead", () => {
  it("F15 within the target: accepted in time and never marked past it; late: breached, missed, or still waiting past it", () => {
    const report = speedToLead(
      [
        lead({ queuedAt: 0, acceptedAt: 10_000, repId: "ann", repName: "Ann" }), // within, 10 s
        lead({ queuedAt: 0, acceptedAt: 60_000, repId: "ann", repName: "Ann" }), // within: at the target
        lead({ queuedAt: 0, acceptedAt: 90_000, repId: "bob", repName: "Bob", slaBreachedAt: 60_000 }), // late
        lead({ queuedAt: 0, acceptedAt: 70_000, repId: "bob", repName: "Bob" }), // late by the times (no mark yet)
        lead({ queuedAt: 0, missedHandoff: true }), // late: nobody took it
        lead({ queuedAt: now - 120_000 }), // still waiting, past the target: late
        lead({ queuedAt: now - 5_000 }), // still waiting within the target: undecided
        lead({}), // never asked for a person
      ],
      target,
      now,
    );
    expect(report.targetMs).toBe(target);
    expect(report.all).toEqual({
      key: "all",
      label: "All leads",
      asked: 6,
      within: 2,
      share: 2 / 6,
      // Nearest rank over the four accepted waits: 10, 60, 70, 90 s.
      median: 60_000,
      p90: 90_000,
    });
  });

  it("F15 no decided lead: no share and no times", () => {
    const report = speedToLead([lead({ queuedAt: now - 1_000 }), lead({})], target, now);
    expect(report.all).toMatchObject({ asked: 0, within: 0, share: null, median: null, p90: null });
    expect(report.byRep).toEqual([]);
  });

  it("F16 per rep (who has the chat) and per source, most leads first", () => {
    const report = speedToLead(
      [
        lead({ queuedAt: 0, acceptedAt: 5_000, repId: "bob", repName: "Bob", source: google }),
        lead({ queuedAt: 0, acceptedAt: 80_000, repId: "ann", repName: "Ann", source: google }),
        lead({ queuedAt: 0, acceptedAt: 20_000, repId: "ann", repName: "Ann" }),
        lead({ queuedAt: 0, missedHandoff: true, source: google }),
      ],
      target,
      now,
    );
    expect(report.byRep.map((r) => [r.label, r.asked, r.within, r.median])).toEqual([
      ["Ann", 2, 1, 20_000],
      ["Bob", 1, 1, 5_000],
    ]);
    expect(report.bySource.map((r) => [r.label, r.asked, r.within, r.share])).toEqual([
      ["google", 3, 1, 1 / 3],
      ["direct", 1, 1, 1],
    ]);
  });
});
