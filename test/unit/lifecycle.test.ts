// The conversation lifecycle's transitions (shared/lifecycle/SPEC.md), on records with only the fields they govern
// and one of their own, which every transition must carry through.
import { describe, expect, it } from "vitest";
import {
  accept,
  atCapacity,
  awaitsCallback,
  backToQueue,
  botFinished,
  breach,
  callbackLeft,
  cannotTake,
  close,
  decline,
  fallBack,
  type Life,
  rate,
  ring,
  ringingFor,
  ringTimedOut,
  type Step,
  transfer,
} from "../../shared/lifecycle/index.ts";
import { BanterError, ratingChangeMs } from "../../shared/protocol/index.ts";

type Record = Life & { id: string };

const now = 1_000;
const ann = { id: "ann", name: "Ann" };
const bob = { id: "bob", name: "Bob" };
const bot: Record = { id: "c1", siteKey: "s1", status: "bot" };
const queued: Record = { ...bot, status: "queued", queuedAt: 500 };
const live: Record = { ...bot, status: "live", queuedAt: 500, repId: "ann", repName: "Ann", repReadSeq: 4 };
const closed: Record = { ...bot, status: "closed" };

// A refusal as the caller answers it: its code and message.
function refusal(step: Step<Record>) {
  expect(step).toBeInstanceOf(BanterError);
  const { code, message } = step as BanterError;
  return { code, message };
}

describe("lifecycle", () => {
  it("L1 a handoff queues the conversation from now; any other finish closes it; an unfinished turn leaves it", () => {
    expect(botFinished(bot, "handoff", now)).toEqual({ ...bot, status: "queued", queuedAt: now });
    for (const outcome of ["warm", "cold", "disqualified"] as const) {
      expect(botFinished(bot, outcome, now)).toEqual({ ...bot, status: "closed" });
    }
    expect(botFinished(bot, undefined, now)).toBe(bot);
  });

  it("L1 a handoff nobody can take now is the fallback at once: back to the bot for a callback, or closed", () => {
    const missed = { queuedAt: now, missedHandoff: true, offer: { tried: [] } };
    expect(botFinished(bot, "handoff", now, "fallback")).toEqual({ ...bot, status: "bot", ...missed });
    expect(awaitsCallback(botFinished(bot, "handoff", now, "fallback"))).toBe(true);
    expect(botFinished(bot, "handoff", now, "fallback", "booking")).toEqual({ ...bot, status: "closed", ...missed });
    expect(botFinished(bot, "handoff", now, "ring")).toEqual({ ...bot, status: "queued", queuedAt: now });
  });

  it("L2 a waiting lead rings one rep until the ring expires; nothing while a ring is current or once it left", () => {
    const rung = ring({ ...queued, offer: { tried: ["bob"] } }, "ann", now + 20, now);
    expect(rung?.offer).toEqual({ repId: "ann", expiresAt: now + 20, tried: ["bob", "ann"] });
    expect(ringingFor(rung as Record, now)).toBe("ann");
    expect(ring(rung as Record, "bob", now + 40, now)).toBeNull();
    // Expired: the next ring may go out, and a rep tried again is not listed twice.
    expect(ringingFor(rung as Record, now + 20)).toBeUndefined();
    expect(ring(rung as Record, "ann", now + 40, now + 20)?.offer).toEqual({
      repId: "ann",
      expiresAt: now + 40,
      tried: ["bob", "ann"],
    });
    expect(ring(live, "bob", now + 20, now)).toBeNull();
    expect(ring(closed, "bob", now + 20, now)).toBeNull();
  });

  it("L3 a ring that timed out stops and its rep stays tried; a ring that moved on is not stopped", () => {
    const rung: Record = { ...queued, offer: { repId: "ann", expiresAt: now, tried: ["ann"] } };
    expect(ringTimedOut(rung, "ann")).toEqual({ ...queued, offer: { tried: ["ann"] } });
    expect(ringTimedOut(rung, "bob")).toBeNull();
  });

  it("L4 a decline marks the rep tried; their ring stops, another rep's goes on; a lead gone is left alone", () => {
    const rungAnn: Record = { ...queued, offer: { repId: "ann", expiresAt: now + 20, tried: ["ann"] } };
    const offerOf = (step: Step<Record>) => (step instanceof BanterError ? step : step?.offer);
    expect(offerOf(decline(rungAnn, "ann"))).toEqual({ tried: ["ann"] });
    expect(offerOf(decline(rungAnn, "bob"))).toEqual({ repId: "ann", expiresAt: now + 20, tried: ["ann", "bob"] });
    expect(offerOf(decline(queued, "bob", ["s1"]))).toEqual({ tried: ["bob"] });
    expect(decline(live, "bob")).toBeNull();
  });

  it("L4 a rep who does not serve the lead's site cannot decline it: refused as an accept would be", () => {
    const rungAnn: Record = { ...queued, offer: { repId: "ann", expiresAt: now + 20, tried: ["ann"] } };
    const notOurs = { code: "FORBIDDEN", message: "You do not take leads for this site." };
    expect(refusal(decline(rungAnn, "bob", ["s2"]))).toEqual(notOurs);
    expect(refusal(decline(queued, "bob", []))).toEqual(notOurs);
    expect(refusal(decline(live, "bob", ["s2"]))).toEqual(notOurs);
  });

  it("L12 a lead waiting past its target for its first person is breached once; its one-rep ring stops", () => {
    const rungAnn: Record = { ...queued, offer: { repId: "ann", expiresAt: now + 20, tried: ["ann", "bob"] } };
    expect(breach(rungAnn, now)).toEqual({ ...rungAnn, slaBreachedAt: now, offer: { tried: ["ann", "bob"] } });
    expect(breach(queued, now)).toEqual({ ...queued, slaBreachedAt: now, offer: { tried: [] } });
    expect(breach({ ...queued, slaBreachedAt: 10 }, now)).toBeNull();
    // Back in the queue after its rep left: it had a person.
    expect(breach({ ...queued, acceptedAt: 700 }, now)).toBeNull();
    expect(breach(live, now)).toBeNull();
    expect(breach(closed, now)).toBeNull();
    expect(breach(bot, now)).toBeNull();
  });

  it("L5 an accept makes a waiting lead live with the rep; refusals by site, ringing, taken, gone, in that order", () => {
    expect(accept(queued, ann, now)).toEqual({
      ...queued,
      status: "live",
      repId: "ann",
      repName: "Ann",
      acceptedAt: now,
      // FU10: the rep who takes the lead owns it (shared/followups/SPEC.md).
      sales: { status: "new", history: [], ownerId: "ann", ownerName: "Ann" },
    });
    expect(accept(queued, ann, now, ["s1", "s2"])).toMatchObject({ status: "live" });
    const notOurs = { code: "FORBIDDEN", message: "You do not take leads for this site." };
    expect(refusal(accept(queued, ann, now, ["s2"]))).toEqual(notOurs);
    expect(refusal(accept(live, bob, now, ["s2"]))).toEqual(notOurs);
    const ringingBob: Record = { ...queued, offer: { repId: "bob", expiresAt: now + 1, tried: ["bob"] } };
    expect(refusal(accept(ringingBob, ann, now))).toEqual({
      code: "CONFLICT",
      message: "This lead is ringing for another rep.",
    });
    // The rep it rings for may take it, and anyone once the ring expired.
    expect(accept(ringingBob, bob, now)).toMatchObject({ status: "live", repId: "bob" });
    expect(accept(ringingBob, ann, now + 1)).toMatchObject({ status: "live", repId: "ann" });
    expect(refusal(accept(live, bob, now))).toEqual({ code: "CONFLICT", message: "Another rep took this lead." });
    for (const gone of [bot, closed]) {
      expect(refusal(accept(gone, ann, now))).toEqual({ code: "CLOSED", message: "This lead is no longer waiting." });
    }
  });

  it("L6 a rep at capacity is refused with their limit (an accept) or as unable to take it (a transfer)", () => {
    expect(refusal(atCapacity(1))).toEqual({ code: "CONFLICT", message: "You are at your limit of 1 live chat." });
    expect(refusal(atCapacity(3))).toEqual({ code: "CONFLICT", message: "You are at your limit of 3 live chats." });
    expect(refusal(cannotTake())).toEqual({
      code: "CONFLICT",
      message: "That rep cannot take this chat now (away, offline or full).",
    });
  });

  it("L7 only the chat's rep transfers it, only while live; the new rep has read nothing yet", () => {
    expect(transfer(live, ann, bob)).toEqual({ ...live, repId: "bob", repName: "Bob", repReadSeq: 0 });
    expect(refusal(transfer(live, bob, ann))).toEqual({
      code: "FORBIDDEN",
      message: "This conversation is not yours.",
    });
    expect(refusal(transfer({ ...live, status: "closed" }, ann, bob))).toEqual({
      code: "CLOSED",
      message: "This conversation has ended.",
    });
  });

  it("L8 a rep who left: their live chat waits again from now, without a rep, with them tried; others are left", () => {
    const back = backToQueue({ ...live, offer: { tried: ["bob"] } }, "ann", now);
    expect(back).toMatchObject({ id: "c1", status: "queued", queuedAt: now, offer: { tried: ["ann"] } });
    expect(back?.repId).toBeUndefined();
    expect(back?.repName).toBeUndefined();
    expect(backToQueue(live, "bob", now)).toBeNull();
    expect(backToQueue({ ...live, status: "closed" }, "ann", now)).toBeNull();
  });

  it("L9 the visitor, the owner or the chat's rep closes it, the rep with an outcome; another rep may not", () => {
    expect(close(queued, { visitor: true })).toEqual({ ...queued, status: "closed" });
    expect(close(live, { owner: bob })).toEqual({ ...live, status: "closed" });
    expect(close(live, { rep: ann })).toEqual({ ...live, status: "closed" });
    expect(close(live, { rep: ann, outcome: "meeting-booked" })).toEqual({
      ...live,
      status: "closed",
      outcome: "meeting-booked",
    });
    // Another rep is refused whatever the status, before anything else.
    expect(refusal(close(live, { rep: bob }))).toEqual({
      code: "FORBIDDEN",
      message: "This conversation is not yours.",
    });
    expect(refusal(close(closed, { rep: bob }))).toMatchObject({ code: "FORBIDDEN" });
    expect(close(closed, { visitor: true })).toBeNull();
  });

  it("L10 the fallback keeps the lead, flagged, offers forgotten: closed with a booking link, else back to the bot", () => {
    const waiting: Record = { ...queued, offer: { repId: "ann", expiresAt: now, tried: ["ann"] } };
    const missed = { missedHandoff: true, offer: { tried: [] } };
    expect(fallBack(waiting, "booking")).toEqual({ ...waiting, ...missed, status: "closed" });
    expect(fallBack(waiting, "callback")).toEqual({ ...waiting, ...missed, status: "bot" });
    expect(fallBack(live, "callback")).toBeNull();
    expect(fallBack(bot, "booking")).toBeNull();
  });

  it("L11 after the fallback the visitor leaves a number and when to call; without one, asked once, then closed", () => {
    const waiting: Record = { ...bot, missedHandoff: true };
    expect(awaitsCallback(waiting)).toBe(true);
    expect(awaitsCallback(bot)).toBe(false);
    expect(callbackLeft(waiting, "+1 555 0100", "after 3pm")).toEqual({
      ...waiting,
      status: "closed",
      callback: { phone: "+1 555 0100", when: "after 3pm" },
    });
    expect(callbackLeft(waiting, "+1 555 0100", "")).toEqual({
      ...waiting,
      status: "closed",
      callback: { phone: "+1 555 0100" },
    });
    const asked = callbackLeft(waiting, undefined, "whenever") as Record;
    expect(asked).toEqual({ ...waiting, callback: { when: "" } });
    expect(awaitsCallback(asked)).toBe(true);
    expect(callbackLeft(asked, undefined, "still no")).toEqual({ ...waiting, status: "closed", callback: {} });
    // Once a number is kept, or outside the bot's callback, a message leaves nothing.
    const kept: Record = { ...waiting, callback: { phone: "+1 555 0100" } };
    expect(awaitsCallback(kept)).toBe(false);
    expect(callbackLeft(kept, "+1 555 0199", "")).toBeNull();
    expect(callbackLeft(queued, "+1 555 0199", "")).toBeNull();
  });

  it("L13 the visitor rates a chat with a rep once it ended; the rating keeps that rep and its first time", () => {
    const ended: Record = { ...live, status: "closed" };
    const rated = rate(ended, { score: 4 }, now) as Record;
    expect(rated).toEqual({ ...ended, rating: { score: 4, repId: "ann", repName: "Ann", at: now } });
    for (const open of [live, bot, queued]) {
      expect(refusal(rate(open, { score: 4 }, now))).toEqual({
        code: "CONFLICT",
        message: "A chat can be rated once it has ended.",
      });
    }
    // The bot's alone, or a lead nobody took.
    for (const none of [closed, { ...closed, missedHandoff: true }]) {
      expect(refusal(rate(none, { score: 4 }, now))).toEqual({
        code: "FORBIDDEN",
        message: "Only a chat with a person can be rated.",
      });
    }
  });

  it("L13 within the window a repeat changes the score or adds the comment; after it only a repeat that changes nothing passes", () => {
    const ended: Record = { ...live, status: "closed" };
    const rated = rate(ended, { score: 4 }, now) as Record;
    const later = now + ratingChangeMs;
    const commented = rate(rated, { score: 4, comment: "Quick" }, later) as Record;
    expect(commented.rating).toEqual({ score: 4, comment: "Quick", repId: "ann", repName: "Ann", at: now });
    // An omitted comment keeps the stored one; a new score replaces the old.
    expect((rate(commented, { score: 5 }, later) as Record).rating).toMatchObject({ score: 5, comment: "Quick" });
    expect(rate(commented, { score: 4 }, later)).toBeNull();
    expect(rate(commented, { score: 4, comment: "Quick" }, later + 1)).toBeNull();
    expect(refusal(rate(commented, { score: 5 }, later + 1))).toEqual({
      code: "CONFLICT",
      message: "This chat has been rated already.",
    });
    expect(refusal(rate(commented, { score: 4, comment: "Slow" }, later + 1)).code).toBe("CONFLICT");
  });
});
