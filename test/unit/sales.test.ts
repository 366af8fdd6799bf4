// The lead's owner and sales status (shared/followups/SPEC.md, FU10-FU12), as tables.
import { describe, expect, it } from "vitest";
import { changeStatus, newSales, ownedOnAccept, stageOf, withOwner } from "../../shared/leads/sales.ts";
import { accept } from "../../shared/lifecycle/index.ts";
import { BanterError, type Sales } from "../../shared/protocol/index.ts";

const ann = { id: "ann", name: "Ann" };
const bob = { id: "bob", name: "Bob" };

describe("FU10 owner", () => {
  it("FU10 the accepting rep owns an unowned lead, in the accept's own write", () => {
    const taken = accept({ siteKey: "s", status: "queued" as const }, ann, 5);
    expect(taken).toMatchObject({ status: "live", repId: "ann", sales: { ownerId: "ann", ownerName: "Ann" } });
  });
  it("FU10 an owned lead keeps its owner when another rep accepts", () => {
    const owned = withOwner(undefined, bob);
    expect(ownedOnAccept(owned, ann)).toMatchObject({ ownerId: "bob", ownerName: "Bob" });
  });
  it("FU10 by hand: set, replace, remove", () => {
    expect(withOwner(undefined, ann)).toEqual({ status: "new", history: [], ownerId: "ann", ownerName: "Ann" });
    expect(withOwner(withOwner(undefined, ann), bob)).toMatchObject({ ownerId: "bob" });
    expect(withOwner(withOwner(undefined, ann), null)).toEqual({ status: "new", history: [] });
  });
});

describe("FU11 status", () => {
  const cases: [string, Sales, { status: Sales["status"]; reason?: string }, Sales | "refused" | null][] = [
    [
      "new to working is kept in the history",
      newSales(),
      { status: "working" },
      { status: "working", history: [{ status: "working", at: 9, by: "u1" }] },
    ],
    [
      "sql: accepted by sales",
      newSales(),
      { status: "sql", reason: "ignored" },
      { status: "sql", history: [{ status: "sql", at: 9, by: "u1" }] },
    ],
    [
      "rejected with a reason keeps it",
      newSales(),
      { status: "rejected", reason: " no budget " },
      {
        status: "rejected",
        reason: "no budget",
        history: [{ status: "rejected", at: 9, by: "u1", reason: "no budget" }],
      },
    ],
    ["rejected without a reason is refused", newSales(), { status: "rejected", reason: " " }, "refused"],
    ["lost without a reason is refused", newSales(), { status: "lost" }, "refused"],
    [
      "the same status again is no change",
      { status: "working", history: [{ status: "working", at: 1, by: "u1" }] },
      { status: "working" },
      null,
    ],
    [
      "leaving rejected drops the old reason",
      { status: "rejected", reason: "x", history: [{ status: "rejected", at: 1, by: "u", reason: "x" }] },
      { status: "won" },
      {
        status: "won",
        history: [
          { status: "rejected", at: 1, by: "u", reason: "x" },
          { status: "won", at: 9, by: "u1" },
        ],
      },
    ],
  ];
  it.each(cases)("FU11 %s", (_name, sales, change, expected) => {
    const got = changeStatus(sales, change, "u1", 9);
    if (expected === "refused") expect(got).toBeInstanceOf(BanterError);
    else expect(got).toEqual(expected);
  });
});

describe("FU12 stage", () => {
  const cases: [string, "lead" | "mql" | "sql" | "disqualified", Sales | undefined, string][] = [
    ["an MQL accepted by sales is an SQL", "mql", { status: "sql", history: [] }, "sql"],
    ["an MQL sales works on stays an MQL", "mql", { status: "working", history: [] }, "mql"],
    ["without sales, the bot's stage", "lead", undefined, "lead"],
  ];
  it.each(cases)("FU12 %s", (_name, bot, sales, stage) => {
    expect(stageOf(bot, sales)).toBe(stage);
  });
});
