import type { AccountsStore, Invite, User } from "../contract/accounts.ts";
import { lua, parse, type RedisContext } from "./context.ts";

const putUser = lua("put-user-3");
const userByEmail = lua("user-by-email-2");

// Presence lists every user too.
export async function listUsers({ client, k, getMany }: RedisContext): Promise<User[]> {
  return getMany<User>((await client.sMembers(k.users())).sort(), k.user);
}

export function redisAccounts(ctx: RedisContext): AccountsStore {
  const { client, k, run, updateRecord } = ctx;
  const getUser = async (id: string) => parse<User>(await client.get(k.user(id)));
  // The email's user id, moved from its legacy key on the way (keys.ts).
  const userIdByEmail = async (email: string) => {
    const id = await run(userByEmail, [k.userByEmail(email), k.legacyUserByEmail(email)], []);
    return typeof id === "string" ? id : null;
  };

  return {
    async putUser(user: User) {
      // Moved first, so the script sees an email that is still under its legacy key as taken.
      await userIdByEmail(user.email);
      const keyList = [k.user(user.id), k.userByEmail(user.email), k.users()];
      return Number(await run(putUser, keyList, [user.id, JSON.stringify(user)])) === 1;
    },
    async updateUser(id, change) {
      return updateRecord<User>(k.user(id), (user) => {
        const next = change(user);
        // The id and email are what the indexes point by: an update never moves them.
        return next && { ...next, id, email: user.email };
      });
    },
    getUser,
    async getUserByEmail(email) {
      const id = await userIdByEmail(email);
      return id ? getUser(id) : null;
    },
    async countUsers() {
      return client.sCard(k.users());
    },
    listUsers: () => listUsers(ctx),
    async removeUser(id) {
      const user = await getUser(id);
      const multi = client
        .multi()
        .del(k.user(id))
        .sRem(k.users(), id)
        .hDel(k.presenceStatus(), id)
        .hDel(k.presenceOffered(), id);
      if (user) {
        const emailKeys = [k.userByEmail(user.email), k.legacyUserByEmail(user.email)];
        const owners = await client.mGet(emailKeys);
        emailKeys.forEach((key, i) => {
          if (owners[i] === id) multi.del(key);
        });
      }
      await multi.exec();
    },

    // Each user's set of session hashes lets a password change or a disable end them all; the set lives as long
    // as the newest session, and entries of expired sessions only cost a DEL of a missing key.
    async putAuthSession(tokenHash, userId, ttlSeconds) {
      await client
        .multi()
        .set(k.authSession(tokenHash), userId, { expiration: { type: "EX", value: ttlSeconds } })
        .sAdd(k.userSessions(userId), tokenHash)
        .expire(k.userSessions(userId), ttlSeconds)
        .exec();
    },
    async getAuthSession(tokenHash) {
      return client.get(k.authSession(tokenHash));
    },
    async deleteAuthSession(tokenHash) {
      await client.del(k.authSession(tokenHash));
    },
    async endAuthSessions(userId, keepTokenHash) {
      const ending = (await client.sMembers(k.userSessions(userId))).filter((h) => h !== keepTokenHash);
      if (ending.length === 0) return;
      await client.multi().del(ending.map(k.authSession)).sRem(k.userSessions(userId), ending).exec();
    },

    async putInvite(invite: Invite) {
      await client
        .multi()
        .set(k.invite(invite.tokenHash), JSON.stringify(invite), {
          expiration: { type: "PXAT", value: invite.expiresAt },
        })
        .hSet(k.invites(), invite.id, invite.tokenHash)
        .exec();
    },
    async findInvite(tokenHash) {
      return parse<Invite>(await client.get(k.invite(tokenHash)));
    },
    // GETDEL is atomic: of two concurrent takes, only one reads the invite.
    async takeInvite(tokenHash) {
      const invite = parse<Invite>(await client.getDel(k.invite(tokenHash)));
      if (invite) await client.hDel(k.invites(), invite.id);
      return invite;
    },
    async listInvites() {
      const index = await client.hGetAll(k.invites());
      const ids = Object.keys(index);
      if (ids.length === 0) return [];
      const values = await client.mGet(ids.map((id) => k.invite(index[id] ?? "")));
      // The index owns its entries: those whose invite expired are dropped when found.
      const gone = ids.filter((_, i) => values[i] === null);
      if (gone.length > 0) await client.hDel(k.invites(), gone);
      return values
        .map((v) => parse<Invite>(v))
        .filter((v): v is Invite => v !== null)
        .sort((a, b) => b.createdAt - a.createdAt);
    },
    async revokeInvite(id) {
      const tokenHash = await client.hGet(k.invites(), id);
      if (!tokenHash) return false;
      const [deleted] = (await client.multi().del(k.invite(tokenHash)).hDel(k.invites(), id).exec()) as unknown as [
        number,
      ];
      return Number(deleted) > 0;
    },
  };
}
