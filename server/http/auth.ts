// Console HTTP calls are signed in by the session cookie (the console) or a bearer token (scripts).
import type { NextFunction, Request, Response } from "express";
import { type ApiScope, ErrorCode, type RepUser } from "../../shared/protocol/index.ts";
import { isApiKey } from "../auth/api-keys.ts";
import { sessionToken, sessionUser } from "../auth/session.ts";
import { tokenHash } from "../auth/tokens.ts";
import type { Rate } from "../limits/rates.ts";
import { isSameHost } from "../sites/origins.ts";
import { limitKeys } from "../store/keys.ts";
import type { AccountsStore, ApiKeysStore, LimitsStore } from "../store/types.ts";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export function requestToken(req: Request) {
  return sessionToken({ cookie: req.get("cookie"), authorization: req.get("authorization") });
}

// Every /api request that changes something and could ride on the session cookie (login and invite acceptance
// included, which set it) must come from our own pages: SameSite=Strict already keeps other sites' requests from
// carrying the cookie, and this Origin check is the second lock. Scripts send no Origin.
export function sameOriginChanges(req: Request, res: Response, next: NextFunction) {
  const origin = req.get("origin");
  if (safeMethods.has(req.method) || !origin || isSameHost(origin, req.get("host"))) return next();
  if (requestToken(req)?.viaCookie === false) return next();
  res.status(403).json({ error: { code: ErrorCode.FORBIDDEN_ORIGIN, message: "Not from this console." } });
}

// Ids never contain ":", which separates the parts of store keys: a path that tries is answered as not found
// before it can reach a key of another kind.
export function plainIds(req: Request, res: Response, next: NextFunction) {
  if (!/:|%3a/i.test(req.path)) return next();
  res.status(404).json({ error: { code: ErrorCode.NOT_FOUND, message: "Not found." } });
}

export function requireUser(store: AccountsStore, role?: RepUser["role"]) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const found = requestToken(req);
    // API keys open the public API only (docs/api.md), never the team, sites, keys or the console's own calls.
    if (found && !found.viaCookie && isApiKey(found.token)) {
      const message = "API keys cannot be used here: this route is for the console only.";
      res.status(403).json({ error: { code: ErrorCode.FORBIDDEN, message } });
      return;
    }
    const user = found ? await sessionUser(store, found.token) : null;
    if (!user) {
      res.status(401).json({ error: { code: ErrorCode.UNAUTHORIZED, message: "Log in first." } });
      return;
    }
    if (role && user.role !== role) {
      res.status(403).json({ error: { code: ErrorCode.FORBIDDEN, message: `Only an ${role} can do this.` } });
      return;
    }
    res.locals.user = { id: user.id, email: user.email, name: user.name, role: user.role } satisfies RepUser;
    res.locals.token = found?.token;
    next();
  };
}

// The signed-in user, as requireUser left it.
export function currentUser(res: Response): RepUser {
  return res.locals.user as RepUser;
}

// Last use is written at most this often per key, however busy the integration: one write a minute.
const keyUseEveryMs = 60_000;

export interface ApiAccess {
  store: AccountsStore & ApiKeysStore & LimitsStore;
  rate: Rate;
  now: () => number;
}

// The public API's routes: an API key ("Authorization: Bearer bk_...") of at least `scope`, or else whatever the
// console's session middleware `signedIn` lets through. A key acts as the owner who made it, and only while that
// person is still an enabled owner. Keys are counted per key against `rate`.
export function apiKeyOr({ store, rate, now }: ApiAccess, scope: ApiScope, signedIn: ReturnType<typeof requireUser>) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const found = requestToken(req);
    if (!found || found.viaCookie || !isApiKey(found.token)) return signedIn(req, res, next);
    const key = await store.findApiKey(tokenHash(found.token));
    const user = key ? await store.getUser(key.createdBy) : null;
    if (!key || !user || user.disabled || user.role !== "owner") {
      const message = "Unknown or revoked API key.";
      res.status(401).json({ error: { code: ErrorCode.UNAUTHORIZED, message } });
      return;
    }
    if (scope === "write" && key.scope !== "write") {
      const message = "This API key is read-only: erasing data needs a key with the write scope.";
      res.status(403).json({ error: { code: ErrorCode.FORBIDDEN, message } });
      return;
    }
    const hit = await store.hit(limitKeys.apiKeyRequests(key.id), rate.limit, rate.windowMs);
    if (!hit.allowed) {
      const seconds = Math.max(1, Math.ceil(hit.retryAfterMs / 1000));
      res.setHeader("Retry-After", String(seconds));
      const error = {
        code: ErrorCode.RATE_LIMITED,
        message: `Too many requests with this API key; try again in ${seconds} s.`,
        retryAfterMs: hit.retryAfterMs,
      };
      res.status(429).json({ error });
      return;
    }
    // Best effort, like the widget's install check: a request never fails because its last use was not written.
    await store
      .hit(limitKeys.apiKeyUseWrites(key.id), 1, keyUseEveryMs)
      .then((h) => (h.allowed ? store.touchApiKey(key.id, now()) : undefined))
      .catch(() => undefined);
    res.locals.user = { id: user.id, email: user.email, name: user.name, role: user.role } satisfies RepUser;
    // Which key made the request (its id, never the key), for request logs.
    res.locals.apiKeyId = key.id;
    next();
  };
}
