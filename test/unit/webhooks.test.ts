// Webhook pure parts: the retry schedule, the signature, which events a conversation write causes.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { backoffMs, baseWaitMs, maxAttempts } from "../../server/backoff.ts";
import type { Conversation } from "../../server/store/types.ts";
import { eventsOf } from "../../server/webhooks/events.ts";
import { signature } from "../../server/webhooks/sign.ts";
import { defaultPlaybook, start } from "../../shared/engine/index.ts";

describe("webhook retry schedule", () => {
  it("waits 30 s, then three times longer each time, at most 8 h; 10 attempts span about a day", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => baseWaitMs(n) / 1000)).toEqual([
      30, 90, 270, 810, 2430, 7290, 21870, 28800, 28800,
    ]);
    const total = Array.from({ length: maxAttempts - 1 }, (_, i) => baseWaitMs(i + 1)).reduce((a, b) => a + b, 0);
    expect(total / 3600_000).toBeGreaterThan(24);
    expect(total / 3600_000).toBeLessThan(26);
  });

  it("jitters each wait by at most 20% either way", () => {
    expect(backoffMs(1, () => 0)).toBe(24_000);
    expect(backoffMs(1, () => 1)).toBe(36_000);
    expect(backoffMs(9, () => 0.5)).toBe(28_800_000);
  });
});

describe("webhook signature", () => {
  it("is t=<seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'>", () => {
    const body = '{"id":"e1"}';
    const v1 = createHmac("sha256", "whsec_x").update(`1700000000.${body}`).digest("hex");
    expect(signature("whsec_x", 1700000000, body)).toBe(`t=1700000000,v1=${v1}`);
    expect(signature("whsec_y", 1700000000, body)).not.toBe(`t=1700000000,v1=${v1}`);
  });
});

describe("webhook events of a write", () => {
  const base: Conversation = {
    id: "c",
    siteKey: "s",
    visitorId: "v",
    status: "bot",
    engine: start(defaultPlaybook).state,
    createdAt: 1,
    updatedAt: 1,
    rev: 1,
  };

  it("names each change once, and nothing for a write that changes none of them", () => {
    expect(eventsOf(base, { ...base, rev: 2, pageTrail: ["/x"] })).toEqual([]);
    expect(eventsOf(base, { ...base, qualifiedAt: 5 })).toEqual(["lead.qualified"]);
    expect(eventsOf({ ...base, qualifiedAt: 5 }, { ...base, qualifiedAt: 5, status: "queued" })).toEqual([
      "handoff.requested",
    ]);
    expect(eventsOf({ ...base, status: "queued" }, { ...base, status: "live" })).toEqual(["handoff.accepted"]);
    // A rep left: the lead goes back to the queue, a new request for a person.
    expect(eventsOf({ ...base, status: "live" }, { ...base, status: "queued" })).toEqual(["handoff.requested"]);
    expect(eventsOf({ ...base, status: "queued" }, { ...base, status: "closed", missedHandoff: true })).toEqual([
      "handoff.missed",
      "conversation.closed",
    ]);
    expect(eventsOf({ ...base, status: "closed" }, { ...base, status: "closed", outcome: "qualified" })).toEqual([]);
  });

  it("FU11 a sales status change (one more history entry) is lead.status_changed; an owner change is not", () => {
    const working = { status: "working" as const, history: [{ status: "working" as const, at: 1, by: "u" }] };
    expect(eventsOf(base, { ...base, sales: working })).toEqual(["lead.status_changed"]);
    const owned = { ...working, ownerId: "ann", ownerName: "Ann" };
    expect(eventsOf({ ...base, sales: working }, { ...base, sales: owned })).toEqual([]);
  });

  it("each rating given or changed (a comment added later too) is conversation.rated; the same rating is not", () => {
    const closed = { ...base, status: "closed" as const };
    const rating = { score: 4 as const, repId: "ann", repName: "Ann", at: 5 };
    expect(eventsOf(closed, { ...closed, rating })).toEqual(["conversation.rated"]);
    const commented = { ...closed, rating: { ...rating, comment: "Quick" } };
    expect(eventsOf({ ...closed, rating }, commented)).toEqual(["conversation.rated"]);
    expect(eventsOf(commented, { ...commented, rating: { ...commented.rating, score: 5 as const } })).toEqual([
      "conversation.rated",
    ]);
    expect(eventsOf(commented, { ...commented, rev: 2 })).toEqual([]);
  });
});
