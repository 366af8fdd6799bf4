// The owner manages the team: roles, capacity, sites served, disabling and removing accounts. Nobody can lock
// themselves out, and the team always keeps an enabled owner. A disabled or removed account is signed out at
// once: its sessions end, its console sockets close and its live chats go back to the queue (signOut).
import express, { Router } from "express";
import { ErrorCode, type TeamUser } from "../../shared/protocol/index.ts";
import type { AccountsStore, User } from "../store/types.ts";
import { currentUser, requireUser } from "./auth.ts";
import { parseForm, refuse, refuseFields, userChange } from "./forms.ts";

export interface TeamDeps {
  store: AccountsStore;
  // Closes the user's console sockets on every process and drops their presence (app.ts).
  signOut(userId: string): Promise<void>;
  // Closes their sockets only: the console connects again, within seconds, with the new role and sites (app.ts).
  reconnect(userId: string): void;
}

export function teamUser(u: User): TeamUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabled: u.disabled ?? false,
    createdAt: u.createdAt,
    ...(u.capacity !== undefined ? { capacity: u.capacity } : {}),
    ...(u.siteKeys ? { siteKeys: u.siteKeys } : {}),
  };
}

const enabledOwner = (u: User) => u.role === "owner" && !u.disabled;

export function teamRoutes({ store, signOut, reconnect }: TeamDeps): Router {
  const r = Router();
  const owner = requireUser(store, "owner");

  // Whether taking `target` out of the enabled owners would leave none.
  async function lastOwner(target: User): Promise<boolean> {
    if (!enabledOwner(target)) return false;
    return (await store.listUsers()).filter(enabledOwner).length <= 1;
  }

  // Checked again after the write: two owners disabling each other at once both pass the check before it, and
  // the later of the two then finds no owner left and undoes its own write.
  async function ownerLeft(): Promise<boolean> {
    return (await store.listUsers()).some(enabledOwner);
  }
  const needsOwner = (path: string) => [{ path, message: "This is the last enabled owner." }];

  async function end(userId: string): Promise<void> {
    await store.endAuthSessions(userId);
    await signOut(userId);
  }

  r.get("/api/users", owner, async (_req, res) => {
    const users = await store.listUsers();
    res.json({ users: users.sort((a, b) => a.createdAt - b.createdAt).map(teamUser) });
  });

  r.patch("/api/users/:id", owner, express.json({ limit: "16kb" }), async (req, res) => {
    const change = parseForm(userChange, req.body, res);
    if (!change) return;
    const target = await store.getUser(String(req.params.id));
    if (!target) return refuse(res, 404, ErrorCode.NOT_FOUND, "No such teammate.");
    const disabling = change.disabled === true && !target.disabled;
    const demoting = change.role === "rep" && target.role === "owner";
    const path = disabling ? "disabled" : "role";
    if (target.id === currentUser(res).id && (disabling || demoting)) {
      const message = disabling ? "You cannot disable yourself." : "You cannot remove your own owner role.";
      return refuseFields(res, "You cannot lock yourself out.", [{ path, message }]);
    }
    if ((disabling || demoting) && (await lastOwner(target))) {
      return refuseFields(res, "The team needs an owner.", needsOwner(path));
    }
    const next = await store.updateUser(target.id, (u) => ({ ...u, ...change }));
    if (!next) return refuse(res, 404, ErrorCode.NOT_FOUND, "No such teammate.");
    if ((disabling || demoting) && !(await ownerLeft())) {
      await store.updateUser(target.id, (u) => ({ ...u, disabled: target.disabled ?? false, role: target.role }));
      return refuseFields(res, "The team needs an owner.", needsOwner(path));
    }
    if (disabling) await end(target.id);
    // An open socket carries the role and sites it was opened with: a demoted owner must not keep reading every
    // conversation, and a rep given other sites must hear theirs.
    else if (change.role !== undefined || change.siteKeys !== undefined) reconnect(target.id);
    res.json({ user: teamUser(next) });
  });

  r.delete("/api/users/:id", owner, async (req, res) => {
    const target = await store.getUser(String(req.params.id));
    if (!target) return refuse(res, 404, ErrorCode.NOT_FOUND, "No such teammate.");
    if (target.id === currentUser(res).id) {
      return refuseFields(res, "You cannot remove yourself.", [{ path: "id", message: "You cannot remove yourself." }]);
    }
    if (await lastOwner(target)) return refuseFields(res, "The team needs an owner.", needsOwner("id"));
    await store.removeUser(target.id);
    if (!(await ownerLeft())) {
      await store.putUser(target);
      return refuseFields(res, "The team needs an owner.", needsOwner("id"));
    }
    await end(target.id);
    res.status(204).end();
  });

  return r;
}
