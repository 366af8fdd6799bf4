import { describe, expect, it } from "vitest";
import {
  defaultPlaybook,
  type EngineState,
  type Input,
  type Playbook,
  start,
  step,
} from "../../shared/engine/index.ts";
import { parsePlaybook } from "../../shared/engine/schema.ts";
import type { FollowUpEmails } from "../../shared/protocol/index.ts";
import {
  consented,
  markSent,
  markStopped,
  nextMove,
  type SequenceSubject,
  sequenceStart,
} from "../../shared/sequences/index.ts";

const now = Date.UTC(2026, 11, 5, 12);
const day = 1000;

function run(inputs: Input[], playbook: Playbook = defaultPlaybook) {
  let t = start(playbook);
  const said: string[] = [];
  for (const input of inputs) {
    t = step(playbook, t.state, input, now);
    for (const e of t.effects) if (e.type === "say") said.push(e.text);
  }
  return { state: t.state, said };
}

// Capture (20) + under $5k (10) + shared (15) + researching (-5) + a work email (5) = 45: warm; browsing, no budget,
// end user, researching: cold.
const warmToEmail: Input[] = [
  { choice: "capture" },
  { choice: "under-5k" },
  { choice: "shared" },
  { choice: "researching" },
];
const coldToEmail: Input[] = [
  { choice: "browsing" },
  { choice: "none" },
  { choice: "user" },
  { choice: "researching" },
];

const closed = (engine: EngineState, extra: Partial<SequenceSubject> = {}): SequenceSubject => ({
  status: "closed",
  engine,
  ...extra,
});
const open = (s: SequenceSubject): SequenceSubject => ({ ...s, status: "bot" });

describe("follow-up emails in the playbook (P6)", () => {
  it("P6 the default playbook is valid, with a warm sequence and none for cold", () => {
    expect(parsePlaybook(defaultPlaybook).ok).toBe(true);
    expect(defaultPlaybook.followUp?.warm?.map((s) => s.afterDays)).toEqual([0, 3]);
    expect(defaultPlaybook.followUp?.cold).toBeUndefined();
  });

  it("P6 errors name the path: at most 3 steps, rising days, limits, an email question", () => {
    const errors = (followUp: unknown, change: (p: Playbook) => void = () => {}) => {
      const p = { ...structuredClone(defaultPlaybook), followUp } as Playbook;
      change(p);
      const r = parsePlaybook(p);
      return r.ok ? [] : r.errors;
    };
    const s = (afterDays: number) => ({ afterDays, subject: "Hi", text: "Hello" });
    expect(errors({ warm: [s(0), s(1), s(2), s(3)] })).toEqual(["followUp.warm: at most 3 steps"]);
    expect(errors({ cold: [s(3), s(3)] })).toEqual(["followUp.cold[1].afterDays: must come after the step before it"]);
    expect(errors({ warm: [{ ...s(0), subject: "x".repeat(121) }] })[0]).toMatch(/^followUp\.warm\[0\]\.subject: /);
    expect(errors({ warm: [s(61)] })[0]).toMatch(/^followUp\.warm\[0\]\.afterDays: /);
    expect(errors({ hot: [s(0)] })[0]).toMatch(/^followUp: /);
    expect(
      errors({ warm: [s(0)] }, (p) => {
        p.questions = p.questions.filter((q) => q.type !== "email");
        p.scoring.rules = p.scoring.rules.filter((r) => r.group !== "email");
      }),
    ).toEqual(["followUp: follow-up emails need a question of type email (P6)"]);
  });

  it("P6 SQ2 the email question tells a warm lead of the follow-up and records it; a cold lead is not told", () => {
    const warm = run(warmToEmail);
    expect(warm.state.asking).toBe("email");
    expect(warm.said.at(-1)).toBe(
      "What's the best email to reach you? If you share it, we may send you a short follow-up; you can unsubscribe with one click.",
    );
    expect(warm.state.followUpNoticed).toBe(true);
    const cold = run(coldToEmail);
    expect(cold.state.asking).toBe("email");
    expect(cold.said.at(-1)).toBe("What's the best email to reach you?");
    expect(cold.state.followUpNoticed).toBeUndefined();
  });
});

describe("follow-up email rules (SQ)", () => {
  const warm = run([...warmToEmail, { text: "ana@acme.io" }]).state;
  const cold = run([...coldToEmail, { text: "bo@acme.io" }]).state;
  const skipped = run([...warmToEmail, { choice: "__skip" }]).state;
  const withCold: Playbook = {
    ...defaultPlaybook,
    followUp: { ...defaultPlaybook.followUp, cold: [{ afterDays: 1, subject: "Hi", text: "Hello" }] },
  };

  it.each([
    ["SQ1 a warm lead who consented starts at the close", warm, {}, defaultPlaybook, { sent: 0, steps: 2 }],
    ["SQ1 a cold lead: no steps for cold in the default", cold, {}, defaultPlaybook, null],
    ["SQ2 a cold lead never told of emails gives no consent", cold, {}, withCold, null],
    ["SQ2 no email given: no consent", skipped, {}, defaultPlaybook, null],
    ["SQ1 a lead a rep took: none", warm, { acceptedAt: now - 5 }, defaultPlaybook, null],
    ["SQ1 a lead with a sales owner: none", warm, { sales: { ownerId: "u1" } }, defaultPlaybook, null],
  ] as const)("%s", (_name, engine, extra, playbook, expected) => {
    const after = closed(engine, extra);
    const got = sequenceStart(playbook, open(after), after, now, day);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toMatchObject({ tier: "warm", startedAt: now, nextAt: now, ...expected });
  });

  it("SQ2 consent needs the notice and an email", () => {
    expect(consented(warm)).toBe(true);
    expect(consented({ ...warm, followUpNoticed: undefined })).toBe(false);
    expect(consented(skipped)).toBe(false);
  });

  it("SQ1 only the closing write starts, and only once", () => {
    const after = closed(warm);
    expect(sequenceStart(defaultPlaybook, after, after, now, day)).toBeNull();
    const seq = sequenceStart(defaultPlaybook, open(after), after, now, day);
    expect(seq).not.toBeNull();
    const again = { ...after, followUpEmails: seq ?? undefined };
    expect(sequenceStart(defaultPlaybook, open(again), again, now, day)).toBeNull();
  });

  const steps = defaultPlaybook.followUp?.warm ?? [];
  const seq: FollowUpEmails = { tier: "warm", startedAt: now, steps: 2, sent: 0, nextAt: now };
  const lead = closed(warm);
  const quiet = { unsubscribed: false };
  const hot = { ...warm, qualification: { ...warm.qualification, tier: "hot" as const } };

  it.each([
    ["SQ4 step 1 due at once", lead, seq, quiet, now, { kind: "send", index: 0 }],
    ["SQ4 step 2 waits for its day", lead, { ...seq, sent: 1 }, quiet, now + day, { kind: "wait", at: now + 3 * day }],
    ["SQ4 step 2 due on its day", lead, { ...seq, sent: 1 }, quiet, now + 3 * day, { kind: "send", index: 1 }],
    ["SQ4 all sent: done", lead, { ...seq, sent: 2 }, quiet, now + 9 * day, { kind: "done" }],
    ["SQ3 unsubscribed", lead, seq, { unsubscribed: true }, now, { kind: "stop", reason: "unsubscribed" }],
    [
      "SQ3 visitor wrote after the start",
      lead,
      seq,
      { ...quiet, visitorWroteAt: now + 1 },
      now,
      { kind: "stop", reason: "replied" },
    ],
    [
      "SQ3 a line before the start is no reply",
      lead,
      seq,
      { ...quiet, visitorWroteAt: now - 1 },
      now,
      { kind: "send", index: 0 },
    ],
    [
      "SQ3 a rep took the lead",
      closed(warm, { acceptedAt: now + 1 }),
      seq,
      quiet,
      now,
      { kind: "stop", reason: "taken" },
    ],
    [
      "SQ3 an owner was set",
      closed(warm, { sales: { ownerId: "u" } }),
      seq,
      quiet,
      now,
      { kind: "stop", reason: "taken" },
    ],
    ["SQ3 the lead turned hot", closed(hot), seq, quiet, now, { kind: "stop", reason: "hot" }],
    [
      "SQ3 stopped before: done",
      lead,
      { ...seq, stopped: { reason: "replied", at: now } },
      quiet,
      now,
      { kind: "done" },
    ],
  ] as const)("%s", (_name, c, s, facts, at, expected) => {
    expect(nextMove(c, s, steps, facts, at, day)).toMatchObject(expected);
  });

  it("SQ5 a step is recorded once, with the next step's time; a stop once", () => {
    const one = markSent(seq, 0, steps, day);
    expect(one).toEqual({ tier: "warm", startedAt: now, steps: 2, sent: 1, nextAt: now + 3 * day });
    expect(one && markSent(one, 0, steps, day)).toBeNull();
    const two = one && markSent(one, 1, steps, day);
    expect(two).toEqual({ tier: "warm", startedAt: now, steps: 2, sent: 2 });
    const stopped = markStopped(seq, "unsubscribed", now + 5);
    expect(stopped).toEqual({
      tier: "warm",
      startedAt: now,
      steps: 2,
      sent: 0,
      stopped: { reason: "unsubscribed", at: now + 5 },
    });
    expect(stopped && markStopped(stopped, "replied", now + 6)).toBeNull();
    expect(stopped && markSent(stopped, 0, steps, day)).toBeNull();
  });
});
