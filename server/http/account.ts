// Signing in and out of the console. The session token goes only into an httpOnly cookie, never to page script.
import express, { type Request, type Response, Router } from "express";
import { ErrorCode, type LoginResult, type WireError } from "../../shared/protocol/index.ts";
import { hashPassword, verifyPassword } from "../auth/passwords.ts";
import {
  clearSessionCookie,
  cookieValue,
  sessionCookie,
  sessionTtlSeconds,
  setSessionCookie,
} from "../auth/session.ts";
import { newToken, tokenHash } from "../auth/tokens.ts";
import type { Guard } from "../limits/guard.ts";
import type { Rate } from "../limits/rates.ts";
import type { Logger } from "../log.ts";
import { limitKeys } from "../store/keys.ts";
import type { AccountsStore, User } from "../store/types.ts";
import { currentUser, requestToken, requireUser } from "./auth.ts";
import { login } from "./forms.ts";
import { profileRoutes } from "./profile.ts";
import { throttle } from "./throttle.ts";

export interface AccountDeps {
  store: AccountsStore;
  log: Logger;
  guard: Guard;
  trustProxy: boolean;
  // Closes the user's open console sockets, so each must show its session again: after a logout or a password
  // change, one opened with an ended session stops receiving chats.
  reconnect: (userId: string) => void;
}

const dummyHash = hashPassword("not a password anyone has");

function fail(res: Response, status: number, error: WireError) {
  res.status(status).json({ error });
}

export function publicUser(user: User): LoginResult["user"] {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

// Starts a session for `user`: the cookie is Secure when the console is served over https.
export async function startSession(store: AccountsStore, req: Request, res: Response, user: User): Promise<void> {
  // A new login replaces the browser's previous session rather than leaving it alive beside the new one.
  const previous = cookieValue(req.get("cookie"), sessionCookie);
  if (previous && previous.length <= 512) await store.deleteAuthSession(tokenHash(previous));
  const token = newToken();
  await store.putAuthSession(tokenHash(token), user.id, sessionTtlSeconds);
  res.setHeader("Set-Cookie", setSessionCookie(token, req.secure));
}

export function accountRoutes({ store, log, guard, trustProxy, reconnect }: AccountDeps): Router {
  const r = Router();
  const signedIn = requireUser(store);

  const throttled = throttle(guard, trustProxy);

  r.post("/api/login", express.json({ limit: "8kb" }), async (req, res) => {
    const parsed = login.safeParse(req.body);
    if (!parsed.success) {
      fail(res, 400, { code: ErrorCode.BAD_REQUEST, message: "Send an email and a password." });
      return;
    }
    const perEmail: [string, Rate] = [limitKeys.emailLogins(parsed.data.email), guard.limits.loginsPerEmail];
    if (await throttled(req, res, "login", [perEmail])) return;
    const user = await store.getUserByEmail(parsed.data.email);
    // An unknown email costs the same scrypt as a wrong password, so timing does not tell which emails exist.
    const valid = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await dummyHash));
    if (!user || !valid || user.disabled) {
      log.warn("login refused", { reason: !user ? "unknown email" : !valid ? "password" : "disabled" });
      fail(res, 401, { code: ErrorCode.UNAUTHORIZED, message: "Wrong email or password." });
      return;
    }
    await startSession(store, req, res, user);
    const result: LoginResult = { user: publicUser(user) };
    res.json(result);
  });

  r.post("/api/logout", signedIn, async (req, res) => {
    const found = requestToken(req);
    if (found) await store.deleteAuthSession(tokenHash(found.token));
    reconnect(currentUser(res).id);
    res.setHeader("Set-Cookie", clearSessionCookie(req.secure));
    res.status(204).end();
  });

  r.get("/api/me", signedIn, (_req, res) => {
    const result: LoginResult = { user: currentUser(res) };
    res.json(result);
  });

  r.use(profileRoutes(store, throttled, guard.limits.loginsPerEmail, reconnect));
  return r;
}
