// The end of a conversation (L9) and the fallback when nobody takes a lead (L10).
import type { Outcome } from "../protocol/index.ts";
import { changed, type Life, notYours, type Step } from "./life.ts";

// Who ends it: the visitor, the chat's rep (with an outcome or not), or the owner (to erase the visitor's data).
export type ClosedBy = { visitor: true } | { rep: { id: string }; outcome?: Outcome } | { owner: { id: string } };

// L9: the visitor, the owner or the chat's own rep (with an outcome, kept) ends it; another rep may not. A closed
// conversation stays as it was.
export function close<C extends Life>(c: C, by: ClosedBy): Step<C> {
  if ("rep" in by && c.repId !== by.rep.id) return notYours();
  if (c.status === "closed") return null;
  return changed(c, "rep" in by && by.outcome ? { status: "closed", outcome: by.outcome } : { status: "closed" });
}

// L10: a waiting lead nobody can take (nobody online for its site, outside hours, the maximum wait passed) is
// kept, flagged as a missed handoff, its offers forgotten: with a booking link it closes (the link is the way
// on), otherwise it goes back to the bot, which takes a callback number (L11).
export function fallBack<C extends Life>(c: C, to: "booking" | "callback"): C | null {
  if (c.status !== "queued") return null;
  return changed(c, { status: to === "booking" ? "closed" : "bot", missedHandoff: true, offer: { tried: [] } });
}
