import type { AccountsStore } from "../contract/accounts.ts";
import { copy, type MemoryState } from "./state.ts";

export function memoryAccounts({ now, users, authSessions, invites, repStatus, offered }: MemoryState): AccountsStore {
  return {
    async putUser(user) {
      if ([...users.values()].some((u) => u.email === user.email && u.id !== user.id)) return false;
      users.set(user.id, copy(user));
      return true;
    },
    async updateUser(id, change) {
      const current = users.get(id);
      const next = current ? change(copy(current)) : null;
      if (!current || !next) return null;
      // The id and email are what the indexes point by: an update never moves them.
      const stored = { ...copy(next), id, email: current.email, rev: (current.rev ?? 0) + 1 };
      users.set(id, stored);
      return copy(stored);
    },
    async getUser(id) {
      const u = users.get(id);
      return u ? copy(u) : null;
    },
    async getUserByEmail(email) {
      const u = [...users.values()].find((x) => x.email === email);
      return u ? copy(u) : null;
    },
    async countUsers() {
      return users.size;
    },
    async listUsers() {
      return [...users.values()].sort((a, b) => a.id.localeCompare(b.id)).map(copy);
    },
    async removeUser(id) {
      users.delete(id);
      repStatus.delete(id);
      offered.delete(id);
    },

    async putAuthSession(tokenHash, userId, ttlSeconds) {
      authSessions.set(tokenHash, { userId, expiresAt: now() + ttlSeconds * 1000 });
    },
    async getAuthSession(tokenHash) {
      const s = authSessions.get(tokenHash);
      if (!s) return null;
      if (s.expiresAt <= now()) {
        authSessions.delete(tokenHash);
        return null;
      }
      return s.userId;
    },
    async deleteAuthSession(tokenHash) {
      authSessions.delete(tokenHash);
    },
    async endAuthSessions(userId, keepTokenHash) {
      for (const [hash, s] of authSessions) {
        if (s.userId === userId && hash !== keepTokenHash) authSessions.delete(hash);
      }
    },

    async putInvite(invite) {
      invites.set(invite.tokenHash, copy(invite));
    },
    async findInvite(tokenHash) {
      const invite = invites.get(tokenHash);
      if (invite && invite.expiresAt <= now()) invites.delete(tokenHash);
      return invite && invite.expiresAt > now() ? copy(invite) : null;
    },
    // No await between the read and the delete: one caller gets it, as with GETDEL.
    async takeInvite(tokenHash) {
      const invite = invites.get(tokenHash);
      invites.delete(tokenHash);
      return invite && invite.expiresAt > now() ? copy(invite) : null;
    },
    async listInvites() {
      for (const [hash, i] of invites) if (i.expiresAt <= now()) invites.delete(hash);
      return [...invites.values()].sort((a, b) => b.createdAt - a.createdAt).map(copy);
    },
    async revokeInvite(id) {
      const invite = [...invites.values()].find((i) => i.id === id);
      return invite ? invites.delete(invite.tokenHash) : false;
    },
  };
}
