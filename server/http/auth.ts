// Console HTTP calls carry the login token as "Authorization: Bearer <token>", like the /rep handshake.
import type { NextFunction, Request, Response } from "express";
import { ErrorCode, type RepUser } from "../../shared/protocol/index.ts";
import { tokenHash } from "../auth/tokens.ts";
import type { Store } from "../store/types.ts";

export function requireUser(store: Store, role?: RepUser["role"]) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = /^Bearer (.{1,512})$/.exec(req.get("authorization") ?? "")?.[1];
    const userId = token ? await store.getAuthSession(tokenHash(token)) : null;
    const user = userId ? await store.getUser(userId) : null;
    if (!user) {
      res.status(401).json({ error: { code: ErrorCode.UNAUTHORIZED, message: "Log in first." } });
      return;
    }
    if (role && user.role !== role) {
      res.status(403).json({ error: { code: ErrorCode.FORBIDDEN, message: `Only an ${role} can do this.` } });
      return;
    }
    res.locals.user = { id: user.id, email: user.email, name: user.name, role: user.role } satisfies RepUser;
    next();
  };
}
