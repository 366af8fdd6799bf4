// A live chat changes hands: a transfer (L7), or its rep leaving (L8).
import { BanterError, ErrorCode } from "../protocol/index.ts";
import { changed, hasEnded, type Life, notYours, type Person, type Step } from "./life.ts";

// L7: only the chat's rep hands it on, and only while it is live; the new rep has read nothing yet.
export function transfer<C extends Life>(c: C, from: { id: string }, to: Person): Step<C> {
  if (c.repId !== from.id) return notYours();
  if (c.status !== "live") return hasEnded();
  return changed(c, { repId: to.id, repName: to.name, repReadSeq: 0 });
}

// L6, L7: the refusal of a transfer to a rep who cannot take it: away, offline, or (counted in the write, as for
// an accept) full.
export const cannotTake = () =>
  new BanterError(ErrorCode.CONFLICT, "That rep cannot take this chat now (away, offline or full).");

// L8: a rep went offline or was signed out: their live chat waits in the queue again, from now, without a rep,
// and is not offered to them again during this wait. The lead is never dropped.
export function backToQueue<C extends Life>(c: C, repId: string, now: number): C | null {
  if (c.status !== "live" || c.repId !== repId) return null;
  return changed(c, {
    status: "queued",
    queuedAt: now,
    repId: undefined,
    repName: undefined,
    offer: { tried: [repId] },
  });
}
