// Proactive messages in the funnel (rules F24-F25 in shared/funnel/SPEC.md), computed by hand from small sets.
import { describe, expect, it } from "vitest";
import { defaultPlaybook, type EngineState, start } from "../../shared/engine/index.ts";
import { byTrigger, type TriggeredConversation } from "../../shared/funnel/index.ts";
import type { Stage } from "../../shared/protocol/index.ts";

const base = start(defaultPlaybook).state;
const conv = (trigger: string | undefined, stage: Stage = "lead"): TriggeredConversation => {
  const engine: EngineState = { ...base, qualification: { ...base.qualification, stage } };
  return { createdAt: 1, engine, ...(trigger ? { trigger } : {}) };
};
const count = (trigger: string, shown: number, opened = 0, dismissed = 0) => ({ trigger, shown, opened, dismissed });
const site = [
  { id: "pricing00001", name: "Pricing page, 30 s" },
  { id: "exit00000001", name: "Exit intent" },
];

describe("funnel by trigger", () => {
  it("F24 sums each trigger's counts over the range's days; opened rate = opened / shown", () => {
    const rows = byTrigger(site, [count("pricing00001", 10, 2, 3), count("pricing00001", 30, 8, 1)], []);
    expect(rows[0]).toMatchObject({ id: "pricing00001", name: "Pricing page, 30 s", shown: 40, opened: 10 });
    expect(rows[0]?.dismissed).toBe(4);
    expect(rows[0]?.openedRate).toBe(0.25);
  });

  it("F24 a trigger never shown has zeros and no rates (null), and is listed", () => {
    const rows = byTrigger(site, [], []);
    expect(rows.map((r) => r.id)).toEqual(["pricing00001", "exit00000001"]);
    expect(rows[1]).toEqual({
      id: "exit00000001",
      name: "Exit intent",
      shown: 0,
      opened: 0,
      dismissed: 0,
      openedRate: null,
      conversations: 0,
      qualified: 0,
      qualifiedRate: null,
    });
  });

  it("F25 counts the conversations started from each trigger, qualified when MQL or SQL", () => {
    const rows = byTrigger(
      site,
      [count("exit00000001", 8, 4)],
      [
        conv("exit00000001", "mql"),
        conv("exit00000001", "sql"),
        conv("exit00000001", "lead"),
        conv("exit00000001", "disqualified"),
        conv(undefined, "sql"),
        conv("pricing00001", "lead"),
      ],
    );
    expect(rows.find((r) => r.id === "exit00000001")).toMatchObject({
      conversations: 4,
      qualified: 2,
      qualifiedRate: 0.5,
      openedRate: 0.5,
    });
    expect(rows.find((r) => r.id === "pricing00001")).toMatchObject({
      conversations: 1,
      qualified: 0,
      qualifiedRate: 0,
    });
  });

  it("F25 a deleted trigger with figures in the range is listed after the site's, by id, without a name", () => {
    const rows = byTrigger(
      site,
      [count("zzgone000001", 5, 1), count("aagone000001", 2)],
      [conv("aagone000001", "mql"), conv("mmgone000001")],
    );
    expect(rows.map((r) => [r.id, r.name])).toEqual([
      ["pricing00001", "Pricing page, 30 s"],
      ["exit00000001", "Exit intent"],
      ["aagone000001", undefined],
      ["mmgone000001", undefined],
      ["zzgone000001", undefined],
    ]);
    expect(rows[2]).toMatchObject({ shown: 2, conversations: 1, qualified: 1 });
    expect(rows[2]).not.toHaveProperty("name");
  });

  it("F25 keeps the owner's order of the site's triggers, whatever their figures", () => {
    const rows = byTrigger(site, [count("exit00000001", 100)], []);
    expect(rows.map((r) => r.id)).toEqual(["pricing00001", "exit00000001"]);
  });
});
