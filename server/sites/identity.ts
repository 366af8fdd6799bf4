// Identity verification (docs/security.md): each site has a secret its own server uses to sign a logged-in
// visitor's userId, userHash = HMAC-SHA256(secret, userId) in hex. The secret lives on the site record, is shown
// only to owners (GET /api/sites/:key/identity-secret) and never leaves the server otherwise.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { IdentifyRequest, VisitorIdentity } from "../../shared/protocol/index.ts";
import type { SitesStore } from "../store/types.ts";

export const newIdentitySecret = () => randomBytes(32).toString("hex");

export function userHash(secret: string, userId: string): string {
  return createHmac("sha256", secret).update(userId, "utf8").digest("hex");
}

// Verified only when the hash is the one the site's secret gives for this userId, compared in constant time. A
// site without a secret yet (stored before secrets existed, never opened by its owner) verifies nobody: nobody
// can have signed with a secret that does not exist.
export function verifyIdentity(secret: string | undefined, claim: IdentifyRequest): VisitorIdentity {
  const identity: VisitorIdentity = { verified: false };
  if (claim.email) identity.email = claim.email;
  if (claim.name) identity.name = claim.name;
  if (claim.userId) identity.userId = claim.userId;
  if (secret && claim.userId && claim.userHash) {
    const expected = Buffer.from(userHash(secret, claim.userId), "hex");
    const given = Buffer.from(claim.userHash, "hex");
    identity.verified = given.length === expected.length && timingSafeEqual(given, expected);
  }
  return identity;
}

// The site's secret, created on first use for a site stored before secrets existed (atomically: of two owners
// opening it at once, both get the one stored). Null when the site is gone.
export async function identitySecretOf(store: SitesStore, key: string): Promise<string | null> {
  const site = await store.getSite(key);
  if (!site || site.identitySecret) return site?.identitySecret ?? null;
  // updateSite answers null when `change` writes nothing: then another owner's secret was stored first.
  const created = await store.updateSite(key, (s) =>
    s.identitySecret ? null : { ...s, identitySecret: newIdentitySecret() },
  );
  return created?.identitySecret ?? (await store.getSite(key))?.identitySecret ?? null;
}

// A new secret: every userHash signed with the old one stops verifying at once (identities already stored keep
// the verdict they had when they were checked).
export async function rotateIdentitySecret(store: SitesStore, key: string): Promise<string | null> {
  const site = await store.updateSite(key, (s) => ({ ...s, identitySecret: newIdentitySecret() }));
  return site?.identitySecret ?? null;
}
