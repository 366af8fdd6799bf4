// Offer bookkeeping while a lead waits: ringing one rep at a time (L2), a ring that times out (L3), a decline
// (L4). Which rep rings is routing's choice (shared/routing); these only record it.
import { BanterError, ErrorCode } from "../protocol/index.ts";
import { changed, type Life, type Step } from "./life.ts";

// The rep a lead is ringing for right now (one at a time, until the ring expires), if any.
export function ringingFor(c: Life, now: number): string | undefined {
  return c.offer?.repId && (c.offer.expiresAt ?? 0) > now ? c.offer.repId : undefined;
}

// L2: a waiting lead rings `repId` until `expiresAt`, who joins the reps tried for this wait. Nothing while it
// rings for someone (two processes must not ring twice) or once it no longer waits.
export function ring<C extends Life>(c: C, repId: string, expiresAt: number, now: number): C | null {
  if (c.status !== "queued" || ringingFor(c, now)) return null;
  return changed(c, { offer: { repId, expiresAt, tried: [...new Set([...(c.offer?.tried ?? []), repId])] } });
}

// L3: the ring for `repId` timed out: it stops, and the rep stays tried. A ring that moved on to another rep
// meanwhile is not this one's to stop.
export function ringTimedOut<C extends Life>(c: C, repId: string): C | null {
  return c.offer?.repId === repId ? changed(c, { offer: { tried: c.offer?.tried ?? [] } }) : null;
}

// The first refusal of an accept and of a decline (L4, L5): a rep acts only on the leads of the sites they serve.
export function notTheirSite(c: Life, sites: readonly string[] | undefined): BanterError | null {
  return sites && !sites.includes(c.siteKey)
    ? new BanterError(ErrorCode.FORBIDDEN, "You do not take leads for this site.")
    : null;
}

// L12: the lead passed its speed-to-lead target still waiting for its first person: breached, once, and no longer
// ringing one rep only.
export function breach<C extends Life>(c: C, now: number): C | null {
  if (c.status !== "queued" || c.acceptedAt !== undefined || c.slaBreachedAt !== undefined) return null;
  return changed(c, { slaBreachedAt: now, offer: { tried: c.offer?.tried ?? [] } });
}

// L4: a rep declined a waiting lead: they are tried (not offered it again during this wait), and the ring stops
// if it was theirs; a ring for another rep goes on. `sites` as for an accept (L5): a lead of a site the rep does not
// serve is refused, so nobody outside its team can push it along the ring.
export function decline<C extends Life>(c: C, repId: string, sites?: readonly string[]): Step<C> {
  const foreign = notTheirSite(c, sites);
  if (foreign) return foreign;
  if (c.status !== "queued") return null;
  const tried = [...new Set([...(c.offer?.tried ?? []), repId])];
  const ringing = c.offer?.repId === repId ? {} : { repId: c.offer?.repId, expiresAt: c.offer?.expiresAt };
  return changed(c, { offer: { ...ringing, tried } });
}
