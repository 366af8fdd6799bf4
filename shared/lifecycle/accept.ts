// A rep takes a waiting lead (L5), within their capacity (L6).
import { ownedOnAccept } from "../leads/sales.ts";
import { BanterError, ErrorCode } from "../protocol/index.ts";
import { changed, type Life, type Person, type Step } from "./life.ts";
import { notTheirSite, ringingFor } from "./offer.ts";

// L5: `sites`, the site keys the rep takes leads for (absent: every site). Refusals in this order: not their
// site, ringing for another rep, taken, gone.
export function accept<C extends Life>(c: C, rep: Person, now: number, sites?: readonly string[]): Step<C> {
  const foreign = notTheirSite(c, sites);
  if (foreign) return foreign;
  const ringing = ringingFor(c, now);
  if (c.status === "queued" && ringing && ringing !== rep.id) {
    return new BanterError(ErrorCode.CONFLICT, "This lead is ringing for another rep.");
  }
  if (c.status === "live") return new BanterError(ErrorCode.CONFLICT, "Another rep took this lead.");
  if (c.status !== "queued") return new BanterError(ErrorCode.CLOSED, "This lead is no longer waiting.");
  // FU10 (shared/followups/SPEC.md): the rep who takes the lead owns it, in this same write.
  const sales = ownedOnAccept(c.sales, rep);
  return changed(c, { status: "live", repId: rep.id, repName: rep.name, acceptedAt: now, sales });
}

// L6: the refusal of an accept by a rep whose live chats fill their capacity. The count is the store's, taken in
// the write that would make the chat theirs, so two accepts at once cannot both take the last place.
export function atCapacity(capacity: number): BanterError {
  return new BanterError(
    ErrorCode.CONFLICT,
    `You are at your limit of ${capacity} live chat${capacity === 1 ? "" : "s"}.`,
  );
}
