import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// Bearer tokens for console logins: random, stored only as a SHA-256 hash.
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

// A visitor token proves a returning visitor without a server-side session: "<visitorId>.<hmac>".
export function signVisitor(secret: string, visitorId: string): string {
  return `${visitorId}.${createHmac("sha256", secret).update(visitorId).digest("base64url")}`;
}

export function verifyVisitor(secret: string, token: string): string | null {
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const visitorId = token.slice(0, dot);
  const expected = Buffer.from(signVisitor(secret, visitorId));
  const actual = Buffer.from(token);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? visitorId : null;
}
