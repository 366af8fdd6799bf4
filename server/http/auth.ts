// Console HTTP calls are signed in by the session cookie (the console) or a bearer token (scripts).
import type { NextFunction, Request, Response } from "express";
import { ErrorCode, type RepUser } from "../../shared/protocol/index.ts";
import { sessionToken, sessionUser } from "../auth/session.ts";
import { isSameHost } from "../sites/origins.ts";
import type { Store } from "../store/types.ts";

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

export function requireUser(store: Store, role?: RepUser["role"]) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const found = requestToken(req);
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
