// Invites: an owner asks a teammate in with a one-time link. The link's token is random and stored only hashed;
// taking it is atomic, so a link opened twice at once makes one account. The invite page works signed out.
import { randomUUID } from "node:crypto";
import express, { type Request, Router } from "express";
import {
  ErrorCode,
  type InviteCreated,
  type InviteInfo,
  type InviteView,
  type LoginResult,
} from "../../shared/protocol/index.ts";
import { hashPassword } from "../auth/passwords.ts";
import { newToken, tokenHash } from "../auth/tokens.ts";
import type { Mailer } from "../email/mailer.ts";
import { inviteEmail } from "../email/templates.ts";
import type { AccountsStore, Invite } from "../store/types.ts";
import { publicUser, startSession } from "./account.ts";
import { currentUser, requireUser } from "./auth.ts";
import { inviteAccept, inviteRequest, parseForm, refuse, refuseFields } from "./forms.ts";
import type { Throttle } from "./throttle.ts";

export const inviteTtlMs = 7 * 24 * 3600 * 1000;

export interface InviteDeps {
  store: AccountsStore;
  throttled: Throttle;
  now?: () => number;
  mailer: Mailer;
  // Where people open Banter (PUBLIC_URL); without it, the address this request came to.
  publicUrl?: string;
}

function view(i: Invite): InviteView {
  return {
    id: i.id,
    email: i.email,
    ...(i.name ? { name: i.name } : {}),
    role: i.role,
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
  };
}

// The token from the path, hashed; an absurd one is treated like an unknown one.
// The invite token travels in request bodies, never in a path: proxies and access logs keep paths, and the token
// is a live credential for a week.
function hashOf(req: Request): string | null {
  const token: unknown = (req.body as { token?: unknown } | undefined)?.token;
  return typeof token === "string" && token.length > 0 && token.length <= 512 ? tokenHash(token) : null;
}

const taken = { path: "email", message: "This email already has an account." };

export function inviteRoutes({ store, throttled, now = Date.now, mailer, publicUrl }: InviteDeps): Router {
  const r = Router();
  const owner = requireUser(store, "owner");
  const body = express.json({ limit: "8kb" });

  r.post("/api/invites", owner, body, async (req, res) => {
    const asked = parseForm(inviteRequest, req.body, res);
    if (!asked) return;
    if (await store.getUserByEmail(asked.email))
      return refuseFields(res, "This person is already on the team.", [taken]);
    // A new invite to the same person replaces the old one: only the newest link works.
    for (const old of await store.listInvites()) if (old.email === asked.email) await store.revokeInvite(old.id);
    const token = newToken();
    const at = now();
    const invite: Invite = {
      id: randomUUID(),
      tokenHash: tokenHash(token),
      email: asked.email,
      ...(asked.name ? { name: asked.name } : {}),
      role: asked.role,
      invitedBy: currentUser(res).id,
      createdAt: at,
      expiresAt: at + inviteTtlMs,
    };
    await store.putInvite(invite);
    const link = `${publicUrl ?? `${req.protocol}://${req.get("host")}`}/console#/invite/${token}`;
    // Enqueued only (the email worker sends it). Kept in the Email page when no SMTP is configured.
    await mailer.enqueue({
      kind: "invite",
      to: invite.email,
      secret: token,
      ...inviteEmail({ inviterName: currentUser(res).name, role: invite.role, link, expiresAt: invite.expiresAt }),
    });
    const created: InviteCreated = {
      invite: view(invite),
      link,
      email: mailer.configured ? "queued" : "not-configured",
    };
    res.status(201).json(created);
  });

  r.get("/api/invites", owner, async (_req, res) => {
    res.json({ invites: (await store.listInvites()).map(view) });
  });

  r.delete("/api/invites/:id", owner, async (req, res) => {
    if (!(await store.revokeInvite(String(req.params.id))))
      return refuse(res, 404, ErrorCode.NOT_FOUND, "No such invite.");
    res.status(204).end();
  });

  const gone = "This invite link has been used, revoked or has expired. Ask for a new one.";

  r.post("/api/invites/lookup", body, async (req, res) => {
    const hash = hashOf(req);
    const invite = hash ? await store.findInvite(hash) : null;
    if (!invite) return refuse(res, 404, ErrorCode.NOT_FOUND, gone);
    const info: InviteInfo = { email: invite.email, ...(invite.name ? { name: invite.name } : {}), role: invite.role };
    res.json(info);
  });

  r.post("/api/invites/accept", body, async (req, res) => {
    // Each accept costs a password hash: throttled like a login.
    if (await throttled(req, res, "invite")) return;
    const form = parseForm(inviteAccept, req.body, res);
    if (!form) return;
    const hash = hashOf(req);
    if (!hash || !(await store.findInvite(hash))) return refuse(res, 404, ErrorCode.NOT_FOUND, gone);
    const passwordHash = await hashPassword(form.password);
    // The slow hash is done before the take, so the link is used up only by an accept that goes through.
    const invite = await store.takeInvite(hash);
    if (!invite) return refuse(res, 404, ErrorCode.NOT_FOUND, gone);
    // An invite is only as good as the owner who sent it: one removed, disabled or demoted since takes it back.
    const inviter = await store.getUser(invite.invitedBy);
    if (!inviter || inviter.disabled || inviter.role !== "owner") return refuse(res, 404, ErrorCode.NOT_FOUND, gone);
    if (await store.getUserByEmail(invite.email)) return refuseFields(res, "You are already on the team.", [taken]);
    const user = {
      id: randomUUID(),
      email: invite.email,
      name: form.name,
      role: invite.role,
      passwordHash,
      createdAt: now(),
    };
    // Claims the email atomically: of two accepts racing for one email, the second is refused here.
    if (!(await store.putUser(user))) return refuseFields(res, "You are already on the team.", [taken]);
    await startSession(store, req, res, user);
    const result: LoginResult = { user: publicUser(user) };
    res.status(201).json(result);
  });

  return r;
}
