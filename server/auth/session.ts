// Who is calling: a console login, carried by the httpOnly session cookie (browsers) or as a bearer token
// (scripts, tests, the /rep handshake of non-browser clients). Both are the same random token, stored hashed.
import type { AccountsStore, User } from "../store/types.ts";
import { tokenHash } from "./tokens.ts";

export const sessionCookie = "banter_session";
export const sessionTtlSeconds = 7 * 24 * 3600;

export interface Credentials {
  cookie?: string | undefined;
  authorization?: string | undefined;
  // The handshake's auth.token (socket clients without cookies).
  token?: unknown;
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

// Which token the request carries, and whether it came in a cookie: only cookies ride along on a request another
// site makes the browser send, so only they need the same-origin check.
export function sessionToken(c: Credentials): { token: string; viaCookie: boolean } | null {
  const bearer = /^Bearer (.{1,512})$/.exec(c.authorization ?? "")?.[1];
  if (bearer) return { token: bearer, viaCookie: false };
  if (typeof c.token === "string" && c.token.length > 0 && c.token.length <= 512)
    return { token: c.token, viaCookie: false };
  const cookie = cookieValue(c.cookie, sessionCookie);
  if (cookie && cookie.length <= 512) return { token: cookie, viaCookie: true };
  return null;
}

// The signed-in user, or null when the token is unknown, expired, or the account is disabled or gone.
export async function sessionUser(store: AccountsStore, token: string): Promise<User | null> {
  const userId = await store.getAuthSession(tokenHash(token));
  const user = userId ? await store.getUser(userId) : null;
  return user && !user.disabled ? user : null;
}

export function setSessionCookie(token: string, secure: boolean): string {
  return [
    `${sessionCookie}=${encodeURIComponent(token)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${sessionTtlSeconds}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export function clearSessionCookie(secure: boolean): string {
  return [
    `${sessionCookie}=`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    "Max-Age=0",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
