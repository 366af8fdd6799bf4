// The bot's part: how its turn ends (L1), and the callback it takes after a missed handoff (L11).
import type { BotOutcome, Route } from "../engine/index.ts";
import { changed, type Life, type Step } from "./life.ts";

// L1: a turn that finishes with a handoff queues the conversation for a rep (a hot lead, or one asking for a
// person); any other finish closes it; a turn that does not finish leaves the status alone. A handoff the bot
// already knew nobody could take (`route` "fallback", engine rule H1) is not queued: it is the fallback at once
// (L10), with the site's `fallback`.
export function botFinished<C extends Life>(
  c: C,
  outcome: BotOutcome | undefined,
  now: number,
  route: Route = "ring",
  fallback: "booking" | "callback" = "callback",
): C {
  if (outcome === "handoff" && route === "fallback") {
    return changed(c, {
      status: fallback === "booking" ? "closed" : "bot",
      queuedAt: now,
      missedHandoff: true,
      offer: { tried: [] },
    });
  }
  if (outcome === "handoff") return changed(c, { status: "queued", queuedAt: now });
  return outcome ? changed(c, { status: "closed" }) : c;
}

// L11: the bot waits for a callback number after a fallback (L10) sent the lead back to it, until one is kept.
export function awaitsCallback(c: Life): boolean {
  return c.status === "bot" && c.missedHandoff === true && !c.callback?.phone;
}

// L11: the visitor's message to a bot awaiting a callback. With a phone number the conversation closes with it
// (and `when`, the rest of the message, as the time to call); without one the number is asked for once
// (callback.when is ""), and the next message closes it, number or not.
export function callbackLeft<C extends Life>(c: C, phone: string | undefined, when: string): Step<C> {
  if (!awaitsCallback(c)) return null;
  if (!phone && c.callback?.when !== "") return changed(c, { callback: { when: "" } });
  const callback = phone ? { phone, ...(when ? { when } : {}) } : {};
  return changed(c, { status: "closed", callback });
}
