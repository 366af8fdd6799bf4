// A signed-in user's own account: their display name, and their password. A password change ends every other
// session of the account (a stolen session does not outlive the change) and keeps the one that made it.
import express, { Router } from "express";
import { ErrorCode, type LoginResult, type NotificationSettings } from "../../shared/protocol/index.ts";
import { hashPassword, verifyPassword } from "../auth/passwords.ts";
import { tokenHash } from "../auth/tokens.ts";
import type { Rate } from "../limits/rates.ts";
import { settingsOf } from "../notify/recipients.ts";
import { limitKeys } from "../store/keys.ts";
import type { AccountsStore } from "../store/types.ts";
import { currentUser, requireUser } from "./auth.ts";
import { notificationsChange, parseForm, passwordChange, profileChange, refuse, refuseFields } from "./forms.ts";
import type { Throttle } from "./throttle.ts";

export function profileRoutes(
  store: AccountsStore,
  throttled: Throttle,
  perAccount: Rate,
  reconnect: (userId: string) => void,
): Router {
  const r = Router();
  const signedIn = requireUser(store);
  const body = express.json({ limit: "8kb" });

  r.patch("/api/me", signedIn, body, async (req, res) => {
    const change = parseForm(profileChange, req.body, res);
    if (!change) return;
    const user = await store.updateUser(currentUser(res).id, (u) => ({ ...u, name: change.name }));
    if (!user) return refuse(res, 404, ErrorCode.NOT_FOUND, "No such account.");
    const result: LoginResult = { user: { id: user.id, email: user.email, name: change.name, role: user.role } };
    res.json(result);
  });

  r.get("/api/me/notifications", signedIn, async (_req, res) => {
    const user = await store.getUser(currentUser(res).id);
    if (!user) return refuse(res, 404, ErrorCode.NOT_FOUND, "No such account.");
    const settings: NotificationSettings = settingsOf(user);
    res.json(settings);
  });

  r.put("/api/me/notifications", signedIn, body, async (req, res) => {
    const change = parseForm(notificationsChange, req.body, res);
    if (!change) return;
    const user = await store.updateUser(currentUser(res).id, (u) => ({
      ...u,
      notifications: { ...settingsOf(u), ...change },
    }));
    if (!user) return refuse(res, 404, ErrorCode.NOT_FOUND, "No such account.");
    res.json(settingsOf(user));
  });

  r.post("/api/me/password", signedIn, body, async (req, res) => {
    const me = currentUser(res);
    // The current password is a guess like a login's: throttled per address and per account.
    if (await throttled(req, res, "password", [[limitKeys.userPasswordChanges(me.id), perAccount]])) return;
    const change = parseForm(passwordChange, req.body, res);
    if (!change) return;
    const found = await store.getUser(me.id);
    if (!found) return refuse(res, 404, ErrorCode.NOT_FOUND, "No such account.");
    if (!(await verifyPassword(change.current, found.passwordHash))) {
      refuseFields(res, "Your current password is not right.", [
        { path: "current", message: "This is not your current password." },
      ]);
      return;
    }
    const passwordHash = await hashPassword(change.next);
    // Atomic against the owner's edits: a disable (or removal) meanwhile wins, and is not written over.
    const user = await store.updateUser(me.id, (u) => (u.disabled ? null : { ...u, passwordHash }));
    if (!user) return refuse(res, 401, ErrorCode.UNAUTHORIZED, "Log in first.");
    const token = res.locals.token as string;
    await store.endAuthSessions(user.id, tokenHash(token));
    reconnect(user.id);
    res.status(204).end();
  });

  return r;
}
