// Who the host page says a visitor is, kept on the conversation (docs/security.md, "Identity verification").
// Pure: the server decides `verified` (an HMAC check against the site's secret) and then merges here.
import type { VisitorIdentity } from "../protocol/index.ts";

// The identity to store after a new claim, or null to keep the stored one. A verified identity replaces any
// earlier one (the site's server vouched for it); an unverified claim replaces only another unverified one, so a
// visitor cannot talk over an identity the site vouched for by calling identify() with someone else's details.
export function mergeIdentity(stored: VisitorIdentity | undefined, claim: VisitorIdentity): VisitorIdentity | null {
  if (stored?.verified && !claim.verified) return null;
  if (stored && sameIdentity(stored, claim)) return null;
  return claim;
}

function sameIdentity(a: VisitorIdentity, b: VisitorIdentity): boolean {
  return a.verified === b.verified && a.userId === b.userId && a.email === b.email && a.name === b.name;
}
