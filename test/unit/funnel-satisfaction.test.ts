// Satisfaction by rep (rules F22-F23 in shared/funnel/SPEC.md), computed by hand from small sets of ratings.
import { describe, expect, it } from "vitest";
import { satisfaction } from "../../shared/funnel/index.ts";
import type { RatingScore } from "../../shared/protocol/index.ts";

const rated = (repId: string, repName: string, score: RatingScore, at = 0) => ({
  rating: { score, repId, repName, at },
});

describe("satisfaction", () => {
  it("F22 counts the rated chats only, per rep by id, rows by most rated then name", () => {
    const report = satisfaction([
      rated("ann", "Ann", 5),
      rated("bob", "Bob", 2),
      {},
      rated("ann", "Ann", 4),
      rated("cy", "Cy", 3),
      {},
    ]);
    expect(report.all).toMatchObject({ key: "all", rated: 4 });
    expect(report.byRep.map((r) => [r.label, r.rated])).toEqual([
      ["Ann", 2],
      ["Bob", 1],
      ["Cy", 1],
    ]);
  });

  it("F22 a rep renamed since keeps one row, named as their latest rating names them", () => {
    const report = satisfaction([rated("ann", "Ann", 5, 10), rated("ann", "Ann Lee", 3, 20), rated("ann", "A.", 4, 5)]);
    expect(report.byRep).toHaveLength(1);
    expect(report.byRep[0]).toMatchObject({ key: "ann", label: "Ann Lee", rated: 3 });
  });

  it("F23 the mean score and the share rated 4-5; none rated: null, not zero", () => {
    const report = satisfaction([rated("ann", "Ann", 5), rated("ann", "Ann", 4), rated("ann", "Ann", 1)]);
    expect(report.all).toEqual({
      key: "all",
      label: "All reps",
      rated: 3,
      average: 10 / 3,
      satisfied: 2,
      share: 2 / 3,
    });
    expect(satisfaction([{}, {}])).toEqual({
      all: { key: "all", label: "All reps", rated: 0, average: null, satisfied: 0, share: null },
      byRep: [],
    });
  });
});
