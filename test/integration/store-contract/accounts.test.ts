// The store contract, accounts: users, login sessions, invites: every test runs against the memory store and a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../../server/store/types.ts";
import { storeFactories } from "../../support/store-contract.ts";

describe.each(storeFactories)("store contract, accounts: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  it("keeps users", async () => {
    expect(await store.countUsers()).toBe(0);
    const user = { id: "u1", email: "a@b.co", name: "Ana", role: "owner" as const, passwordHash: "h", createdAt: 1 };
    await store.putUser(user);
    expect(await store.getUserByEmail("a@b.co")).toEqual(user);
    expect(await store.getUser("u1")).toEqual(user);
    expect(await store.countUsers()).toBe(1);
  });

  it("updates users atomically: concurrent edits all land, a removed user stays removed", async () => {
    const user = { id: "u1", email: "a@b.co", name: "Ana", role: "rep" as const, passwordHash: "h", createdAt: 1 };
    await store.putUser(user);
    // Two writers at once, each changing one field of what it read: neither overwrites the other.
    await Promise.all([
      store.updateUser("u1", (u) => ({ ...u, name: "Ana B." })),
      store.updateUser("u1", (u) => ({ ...u, disabled: true })),
      store.updateUser("u1", (u) => ({ ...u, capacity: 5 })),
    ]);
    expect(await store.getUser("u1")).toMatchObject({ name: "Ana B.", disabled: true, capacity: 5, rev: 3 });
    // The id and email never move, and a change that declines writes nothing.
    await store.updateUser("u1", (u) => ({ ...u, id: "u2", email: "x@y.z" }));
    expect(await store.getUserByEmail("a@b.co")).toMatchObject({ id: "u1", email: "a@b.co" });
    expect(await store.updateUser("u1", () => null)).toBeNull();
    expect((await store.getUser("u1"))?.rev).toBe(4);
    // An email is one user's: another id cannot take it, even at the same moment.
    const twins = await Promise.all([
      store.putUser({ ...user, id: "u7", email: "new@b.co" }),
      store.putUser({ ...user, id: "u8", email: "new@b.co" }),
    ]);
    expect(twins.filter(Boolean)).toHaveLength(1);
    expect(await store.putUser({ ...user, id: "u9" })).toBe(false);
    expect((await store.getUserByEmail("a@b.co"))?.id).toBe("u1");
    await store.removeUser("u1");
    expect(await store.updateUser("u1", (u) => ({ ...u, name: "Back?" }))).toBeNull();
    expect(await store.getUser("u1")).toBeNull();
  });

  it("keeps login sessions by token hash", async () => {
    await store.putAuthSession("hash1", "u1", 60);
    expect(await store.getAuthSession("hash1")).toBe("u1");
    expect(await store.getAuthSession("hash2")).toBeNull();
    await store.deleteAuthSession("hash1");
    expect(await store.getAuthSession("hash1")).toBeNull();
  });

  it("ends all of a user's sessions but the one kept, and no one else's", async () => {
    await store.putAuthSession("a1", "u1", 60);
    await store.putAuthSession("a2", "u1", 60);
    await store.putAuthSession("a3", "u1", 60);
    await store.putAuthSession("b1", "u2", 60);
    await store.endAuthSessions("u1", "a2");
    expect(await store.getAuthSession("a1")).toBeNull();
    expect(await store.getAuthSession("a2")).toBe("u1");
    expect(await store.getAuthSession("a3")).toBeNull();
    expect(await store.getAuthSession("b1")).toBe("u2");
    await store.endAuthSessions("u1");
    expect(await store.getAuthSession("a2")).toBeNull();
  });

  it("removes a user: gone by id, by email and from the team", async () => {
    const user = { id: "u1", email: "a@b.co", name: "Ana", role: "rep" as const, passwordHash: "h", createdAt: 1 };
    await store.putUser(user);
    await store.putUser({ ...user, id: "u2", email: "c@d.co" });
    await store.removeUser("u1");
    expect(await store.getUser("u1")).toBeNull();
    expect(await store.getUserByEmail("a@b.co")).toBeNull();
    expect((await store.listUsers()).map((u) => u.id)).toEqual(["u2"]);
    expect(await store.countUsers()).toBe(1);
  });

  const invite = (id: string, expiresAt = Date.now() + 60_000) => ({
    id,
    tokenHash: `t-${id}`,
    email: `${id}@b.co`,
    role: "rep" as const,
    invitedBy: "u1",
    createdAt: Date.now(),
    expiresAt,
  });

  it("keeps invites until taken or revoked; a taken invite is gone", async () => {
    const first = invite("i1");
    await store.putInvite(first);
    await store.putInvite({ ...invite("i2"), name: "Bo" });
    expect((await store.listInvites()).map((i) => i.id).sort()).toEqual(["i1", "i2"]);
    expect(await store.findInvite("t-i1")).toEqual(first);
    expect((await store.takeInvite("t-i1"))?.id).toBe("i1");
    expect(await store.takeInvite("t-i1")).toBeNull();
    expect(await store.findInvite("t-i1")).toBeNull();
    expect(await store.revokeInvite("i2")).toBe(true);
    expect(await store.revokeInvite("i2")).toBe(false);
    expect(await store.findInvite("t-i2")).toBeNull();
    expect(await store.listInvites()).toEqual([]);
  });

  it("hands an invite out once, however many take it at the same time", async () => {
    await store.putInvite(invite("i1"));
    const takes = await Promise.all(Array.from({ length: 8 }, () => store.takeInvite("t-i1")));
    expect(takes.filter((t) => t !== null)).toHaveLength(1);
  });

  it("an invite expires", async () => {
    await store.putInvite(invite("i1", Date.now() + 300));
    expect(await store.findInvite("t-i1")).not.toBeNull();
    await expect.poll(() => store.findInvite("t-i1"), { timeout: 3000 }).toBeNull();
    expect(await store.listInvites()).toEqual([]);
    expect(await store.takeInvite("t-i1")).toBeNull();
  });
});
