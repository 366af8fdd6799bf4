// The visitor rates a chat with a rep once it ended (L13).
import { BanterError, ErrorCode, type RateRequest, ratingChangeMs } from "../protocol/index.ts";
import { changed, type Life, type Step } from "./life.ts";

// A conversation without a person in it (the bot's alone, or one nobody took) has nothing to rate, now or later.
export const notRatable = () => new BanterError(ErrorCode.FORBIDDEN, "Only a chat with a person can be rated.");

const notYet = () => new BanterError(ErrorCode.CONFLICT, "A chat can be rated once it has ended.");

// L13: only a closed conversation that a rep had when it ended; the rating keeps that rep. Within ratingChangeMs of
// the first rating, a repeat changes the score, and the comment when it brings one (an omitted comment keeps the
// one stored). A repeat that changes nothing writes nothing, whenever it comes (a retry is answered as done); a
// change after the window is refused.
export function rate<C extends Life>(c: C, req: RateRequest, now: number): Step<C> {
  if (c.status !== "closed") return notYet();
  if (!c.repId || !c.repName) return notRatable();
  const before = c.rating;
  const comment = req.comment ?? before?.comment;
  if (before && before.score === req.score && before.comment === comment) return null;
  if (before && now - before.at > ratingChangeMs) {
    return new BanterError(ErrorCode.CONFLICT, "This chat has been rated already.");
  }
  const rating = { score: req.score, repId: c.repId, repName: c.repName, at: before?.at ?? now };
  return changed(c, { rating: comment === undefined ? rating : { ...rating, comment } });
}
