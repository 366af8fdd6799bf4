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

// The id a visitor's next conversation will have once they write (a draft until then, see conversation/service.ts):
// the same for every tab and process that drafts it, so two tabs of one visitor write into one conversation, and
// new after each conversation (`after`: the visitor's latest one). Shaped as a UUID (version 8: derived, not random).
export function draftConversationId(secret: string, siteKey: string, visitorId: string, after = ""): string {
  const h = createHmac("sha256", secret).update(`draft\n${siteKey}\n${visitorId}\n${after}`).digest("hex");
  const variant = ((Number.parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// The link in an email that brings a visitor back into their conversation ("<conversationId>.<expiresAt>.<hmac>"):
// whoever holds it may continue that one conversation until it expires, as the visitor's own browser could.
export function signContinue(secret: string, conversationId: string, expiresAt: number): string {
  const mac = createHmac("sha256", secret).update(`continue\n${conversationId}\n${expiresAt}`).digest("base64url");
  return `${conversationId}.${expiresAt}.${mac}`;
}

// The unsubscribe link of a follow-up email ("<conversationId>.<hmac>"): it only stops emails, so it does not
// expire (an old email's link must still work).
export function signUnsubscribe(secret: string, conversationId: string): string {
  return `${conversationId}.${createHmac("sha256", secret).update(`unsubscribe\n${conversationId}`).digest("base64url")}`;
}

export function verifyUnsubscribe(secret: string, token: string): string | null {
  const m = /^([A-Za-z0-9_-]{1,64})\.[A-Za-z0-9_-]{43}$/.exec(token);
  if (!m) return null;
  const conversationId = m[1] ?? "";
  const expected = Buffer.from(signUnsubscribe(secret, conversationId));
  const actual = Buffer.from(token);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? conversationId : null;
}

export function verifyContinue(secret: string, token: string, now: number): string | null {
  const m = /^([A-Za-z0-9_-]{1,64})\.(\d{1,16})\.[A-Za-z0-9_-]{43}$/.exec(token);
  if (!m) return null;
  const [, conversationId = "", at = "0"] = m;
  const expected = Buffer.from(signContinue(secret, conversationId, Number(at)));
  const actual = Buffer.from(token);
  const valid = expected.length === actual.length && timingSafeEqual(expected, actual);
  return valid && Number(at) > now ? conversationId : null;
}
