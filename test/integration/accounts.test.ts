// Accounts and the team over real HTTP, sockets and Redis: password and name change, login throttling per email,
// invites (single use under concurrency), disabling and removing teammates, and the rules that keep an owner.
import { describe, expect, it } from "vitest";
import { createRedisStore } from "../../server/store/redis-store.ts";
import type { InviteCreated, InviteView, LeadCard, Message, TeamUser } from "../../shared/protocol/index.ts";
import {
  appOnRedis,
  connected,
  next,
  ok,
  onMessage,
  ownerEmail,
  ownerPassword,
  qualifyHot,
  startApp,
} from "../support/app.ts";
import { redisTestStore, redisUrl } from "../support/redis.ts";

type Call = (method: string, path: string, token?: string, body?: unknown) => Promise<Response>;

function caller(url: () => string): Call {
  return (method, path, token, body) =>
    fetch(`${url()}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

const newPassword = "a brand new passphrase";

describe("accounts (Redis)", () => {
  const app = appOnRedis();
  const call = caller(() => app().url);

  async function invite(
    email: string,
    role: "rep" | "owner" = "rep",
  ): Promise<{ token: string; created: InviteCreated }> {
    const { token: owner } = await app().login();
    const res = await call("POST", "/api/invites", owner, { email, name: "Invited", role });
    expect(res.status).toBe(201);
    const created = (await res.json()) as InviteCreated;
    const token = /#\/invite\/(.+)$/.exec(created.link)?.[1];
    if (!token) throw new Error(`no token in ${created.link}`);
    return { token, created };
  }

  const accept = (token: string, password = newPassword, name = "Nia") =>
    call("POST", "/api/invites/accept", undefined, { token, name, password });

  async function users(): Promise<TeamUser[]> {
    const { token } = await app().login();
    return ((await (await call("GET", "/api/users", token)).json()) as { users: TeamUser[] }).users;
  }

  it("a password change needs the current password, ends the other sessions and keeps this one", async () => {
    const here = await app().login();
    const elsewhere = await app().login();
    const wrong = await call("POST", "/api/me/password", here.token, { current: "not it at all", next: newPassword });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.fields).toEqual([{ path: "current", message: expect.any(String) }]);
    const short = await call("POST", "/api/me/password", here.token, { current: ownerPassword, next: "short" });
    expect(short.status).toBe(400);
    expect((await short.json()).error.fields).toEqual([{ path: "next", message: expect.any(String) }]);
    expect((await call("GET", "/api/me", elsewhere.token)).status).toBe(200);
    // A console opened elsewhere (say, with a stolen session) is closed by the change, not left receiving chats.
    const socket = app().rep(elsewhere.token);
    await connected(socket);
    const closed = next(socket, "disconnect");

    const changed = await call("POST", "/api/me/password", here.token, { current: ownerPassword, next: newPassword });
    expect(changed.status).toBe(204);
    await closed;
    expect((await call("GET", "/api/me", here.token)).status).toBe(200);
    expect((await call("GET", "/api/me", elsewhere.token)).status).toBe(401);
    await expect(app().login(ownerEmail, ownerPassword)).rejects.toThrow("401");
    expect((await app().login(ownerEmail, newPassword)).user.email).toBe(ownerEmail);
  });

  it("a user changes their display name", async () => {
    const { token } = await app().login();
    const res = await call("PATCH", "/api/me", token, { name: "  Olive Owner " });
    expect(await res.json()).toMatchObject({ user: { name: "Olive Owner", email: ownerEmail } });
    expect(await (await call("GET", "/api/me", token)).json()).toMatchObject({ user: { name: "Olive Owner" } });
    const empty = await call("PATCH", "/api/me", token, { name: " " });
    expect((await empty.json()).error.fields).toEqual([{ path: "name", message: expect.any(String) }]);
  });

  it("an invite: created with a one-time link, listed without its token, shown to the invite page, revoked", async () => {
    const { token, created } = await invite("nia@test.local");
    expect(created.link).toBe(`${app().url}/console#/invite/${token}`);
    expect(created.invite).toMatchObject({ email: "nia@test.local", role: "rep", name: "Invited" });
    const { token: owner } = await app().login();
    const listed = await (await call("GET", "/api/invites", owner)).text();
    expect(listed).not.toContain(token);
    expect((JSON.parse(listed) as { invites: InviteView[] }).invites.map((i) => i.email)).toEqual(["nia@test.local"]);

    const shown = await call("POST", "/api/invites/lookup", undefined, { token });
    expect(await shown.json()).toEqual({ email: "nia@test.local", name: "Invited", role: "rep" });
    expect((await call("POST", "/api/invites/lookup", undefined, { token: "not-a-token" })).status).toBe(404);

    expect((await call("DELETE", `/api/invites/${created.invite.id}`, owner)).status).toBe(204);
    expect((await call("DELETE", `/api/invites/${created.invite.id}`, owner)).status).toBe(404);
    expect((await call("POST", "/api/invites/lookup", undefined, { token })).status).toBe(404);
    expect((await accept(token)).status).toBe(404);
    expect((await users()).map((u) => u.email)).toEqual([ownerEmail]);
  });

  it("an invite to someone already on the team is refused on the email field", async () => {
    const { token } = await app().login();
    const res = await call("POST", "/api/invites", token, { email: ` ${ownerEmail.toUpperCase()} `, role: "rep" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toEqual([{ path: "email", message: expect.any(String) }]);
    const bad = await call("POST", "/api/invites", token, { email: "nope", role: "boss" });
    expect((await bad.json()).error.fields.map((f: { path: string }) => f.path).sort()).toEqual(["email", "role"]);
  });

  it("accepting an invite makes the account and signs in; the link works once, even for two at once", async () => {
    const { token } = await invite("nia@test.local");
    // A refused form does not use the link up.
    const weak = await accept(token, "short");
    expect((await weak.json()).error.fields).toEqual([{ path: "password", message: expect.any(String) }]);

    const both = await Promise.all([accept(token), accept(token, newPassword, "Other")]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 404]);
    const won = both.find((r) => r.status === 201) as Response;
    expect(await won.json()).toMatchObject({ user: { email: "nia@test.local", role: "rep" } });
    const cookie = won.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    const session = decodeURIComponent(/banter_session=([^;]+)/.exec(cookie)?.[1] ?? "");
    expect(await (await call("GET", "/api/me", session)).json()).toMatchObject({ user: { email: "nia@test.local" } });

    expect((await users()).filter((u) => u.email === "nia@test.local")).toHaveLength(1);
    expect((await accept(token)).status).toBe(404);
    expect((await call("POST", "/api/invites/lookup", undefined, { token })).status).toBe(404);
    expect((await app().login("nia@test.local", newPassword)).user.role).toBe("rep");
  });

  it("an invite from an owner who has since been disabled cannot be accepted", async () => {
    const { token: owner } = await app().login();
    await app().addRep("second@test.local", "Second owner");
    const second = await app().store.getUserByEmail("second@test.local");
    if (!second) throw new Error("no second user");
    await app().store.putUser({ ...second, role: "owner" });
    const { token: secondToken } = await app().login("second@test.local");
    const res = await call("POST", "/api/invites", secondToken, {
      email: "pal@test.local",
      name: "Pal",
      role: "owner",
    });
    const link = ((await res.json()) as InviteCreated).link;
    const inviteToken = /#\/invite\/(.+)$/.exec(link)?.[1] ?? "";
    expect((await call("PATCH", `/api/users/${second.id}`, owner, { disabled: true })).status).toBe(200);
    const accept = await call("POST", "/api/invites/accept", undefined, {
      token: inviteToken,
      name: "Pal",
      password: "long enough password",
    });
    expect(accept.status).toBe(404);
    expect(await app().store.getUserByEmail("pal@test.local")).toBeNull();
  });

  it("an expired invite cannot be opened or accepted", async () => {
    const { token, created } = await invite("late@test.local");
    const store = app().store;
    const [stored] = await store.listInvites();
    if (!stored) throw new Error("invite not stored");
    await store.revokeInvite(created.invite.id);
    await store.putInvite({ ...stored, expiresAt: Date.now() + 200 });
    await expect
      .poll(async () => (await call("POST", "/api/invites/lookup", undefined, { token })).status, { timeout: 3000 })
      .toBe(404);
    expect((await accept(token)).status).toBe(404);
  });

  it("the team list never shows password hashes", async () => {
    await app().addRep("rep@test.local", "Rey");
    const { token } = await app().login();
    const text = await (await call("GET", "/api/users", token)).text();
    expect(text).not.toContain("scrypt");
    expect(text).not.toContain("passwordHash");
    const list = (JSON.parse(text) as { users: TeamUser[] }).users;
    expect(list.map((u) => [u.email, u.role, u.disabled])).toEqual([
      [ownerEmail, "owner", false],
      ["rep@test.local", "rep", false],
    ]);
  });

  it("disabling a rep closes their console at once, ends their sessions and re-queues their live chat", async () => {
    await app().addRep("rep@test.local", "Rey");
    const rep = await app().login("rep@test.local");
    const socket = app().rep(rep.token);
    await connected(socket);
    await ok(socket.emitWithAck("presence:set", { status: "available" }));
    const ring = next<LeadCard>(socket, "offer:created");
    const v = app().visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const said: Message[] = [];
    onMessage(v, (m) => said.push(m));
    await qualifyHot(v, "lead@big.co");
    const { conversationId } = await ring;
    await ok(socket.emitWithAck("offer:accept", { conversationId }));

    const closed = next<string>(socket, "disconnect");
    const { token: owner } = await app().login();
    const res = await call("PATCH", `/api/users/${rep.user.id}`, owner, { disabled: true });
    expect(await res.json()).toMatchObject({ user: { id: rep.user.id, disabled: true } });
    expect(await closed).toBe("io server disconnect");
    expect((await call("GET", "/api/me", rep.token)).status).toBe(401);
    await expect(app().login("rep@test.local")).rejects.toThrow("401");
    const again = app().rep(rep.token);
    await expect(connected(again)).rejects.toThrow();
    await expect.poll(() => said.some((m) => m.author === "system" && m.text.includes("left the chat"))).toBe(true);
    const after = await app().store.getConversation(conversationId);
    expect(after?.repId).toBeUndefined();
    expect(["queued", "bot", "closed"]).toContain(after?.status);

    // Enabled again: a fresh login works (the old sessions stay ended).
    await call("PATCH", `/api/users/${rep.user.id}`, owner, { disabled: false });
    expect((await call("GET", "/api/me", rep.token)).status).toBe(401);
    expect((await app().login("rep@test.local")).user.id).toBe(rep.user.id);
  });

  it("removing a rep closes their console and ends their sessions; the email can be invited again", async () => {
    await app().addRep("rep@test.local", "Rey");
    const rep = await app().login("rep@test.local");
    const socket = app().rep(rep.token);
    await connected(socket);
    const closed = next<string>(socket, "disconnect");
    const { token: owner } = await app().login();
    expect((await call("DELETE", `/api/users/${rep.user.id}`, owner)).status).toBe(204);
    expect(await closed).toBe("io server disconnect");
    expect((await call("GET", "/api/me", rep.token)).status).toBe(401);
    expect((await users()).map((u) => u.email)).toEqual([ownerEmail]);
    expect((await call("DELETE", `/api/users/${rep.user.id}`, owner)).status).toBe(404);
    await invite("rep@test.local");
  });

  it("nobody disables, demotes or removes themselves; two owners disabling each other leave one enabled", async () => {
    const me = await app().login();
    const self = `/api/users/${me.user.id}`;
    for (const [method, body, path] of [
      ["PATCH", { disabled: true }, "disabled"],
      ["PATCH", { role: "rep" }, "role"],
      ["DELETE", undefined, "id"],
    ] as const) {
      const res = await call(method, self, me.token, body);
      expect(res.status).toBe(400);
      expect((await res.json()).error.fields).toEqual([{ path, message: expect.any(String) }]);
    }
    // A name or capacity change of oneself is fine.
    expect((await call("PATCH", self, me.token, { capacity: 5 })).status).toBe(200);

    const { token } = await invite("second@test.local", "owner");
    expect((await accept(token)).status).toBe(201);
    const second = await app().login("second@test.local", newPassword);
    const both = await Promise.all([
      call("PATCH", `/api/users/${second.user.id}`, me.token, { disabled: true }),
      call("PATCH", self, second.token, { disabled: true }),
    ]);
    expect(both.map((r) => r.status)).toContain(400);
    const owners = (await app().store.listUsers()).filter((u) => u.role === "owner" && !u.disabled);
    expect(owners.length).toBeGreaterThanOrEqual(1);
  });

  it("a demoted owner's open console is closed, so it cannot keep an owner's reach; sessions stay", async () => {
    const { token } = await invite("second@test.local", "owner");
    expect((await accept(token)).status).toBe(201);
    const second = await app().login("second@test.local", newPassword);
    const socket = app().rep(second.token);
    await connected(socket);
    const closed = next<string>(socket, "disconnect");
    const { token: owner } = await app().login();
    const res = await call("PATCH", `/api/users/${second.user.id}`, owner, { role: "rep", capacity: 2 });
    expect(await res.json()).toMatchObject({ user: { role: "rep", capacity: 2, disabled: false } });
    expect(await closed).toBe("io server disconnect");
    expect(await (await call("GET", "/api/me", second.token)).json()).toMatchObject({ user: { role: "rep" } });
    expect((await call("GET", "/api/users", second.token)).status).toBe(403);
    await connected(app().rep(second.token));
  });

  it("a rep gets 403 on every owner route", async () => {
    await app().addRep("rep@test.local", "Rey");
    const { token, user } = await app().login("rep@test.local");
    const routes: [string, string, unknown?][] = [
      ["GET", "/api/users"],
      ["PATCH", `/api/users/${user.id}`, { capacity: 9 }],
      ["DELETE", `/api/users/${user.id}`],
      ["GET", "/api/invites"],
      ["POST", "/api/invites", { email: "x@y.co", role: "owner" }],
      ["DELETE", "/api/invites/some-id"],
    ];
    for (const [method, path, body] of routes) {
      const res = await call(method, path, token, body);
      expect([method, path, res.status]).toEqual([method, path, 403]);
    }
    expect((await app().store.getUser(user.id))?.capacity).toBeUndefined();
  });
});

describe("login throttling per email (Redis)", () => {
  it("a guess at one account is slowed whatever the address; other accounts are not", async () => {
    const t = await redisTestStore();
    const h = await startApp(t.store, {
      limits: { loginsPerIp: { limit: 100, windowMs: 60_000 }, loginsPerEmail: { limit: 3, windowMs: 60_000 } },
    });
    try {
      const call = caller(() => h.url);
      const attempt = (email: string, password: string) => call("POST", "/api/login", undefined, { email, password });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await attempt(ownerEmail, "a wrong guess")).status);
      expect(statuses).toEqual([401, 401, 401]);
      // Even the right password waits now, and the email's case does not make it another account.
      const limited = await attempt(ownerEmail.toUpperCase(), ownerPassword);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await limited.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
      expect((await attempt("someone@else.co", "a wrong guess")).status).toBe(401);

      // The password change's current password is throttled the same way, per account.
      await h.addRep("rep@test.local", "Rey");
      const { token } = await h.login("rep@test.local");
      const change = () => call("POST", "/api/me/password", token, { current: "wrong guess", next: newPassword });
      const tries = [];
      for (let i = 0; i < 4; i++) tries.push((await change()).status);
      expect(tries).toEqual([400, 400, 400, 429]);
    } finally {
      await h.close();
      await t.cleanup();
    }
  });
});

describe("signing out across processes (Redis adapter)", () => {
  it("disabling a rep on one process closes their console socket on another", async () => {
    const t = await redisTestStore();
    const shared = { url: redisUrl(), prefix: t.prefix };
    const a = await startApp(t.store, { redis: shared });
    // A second process: its own store connection and adapter, the same Redis and prefix.
    const b = await startApp(await createRedisStore(redisUrl(), t.prefix), { redis: shared });
    try {
      await a.addRep("rep@test.local", "Rey");
      const rep = await b.login("rep@test.local");
      const socket = b.rep(rep.token);
      await connected(socket);
      const closed = next<string>(socket, "disconnect");
      const { token } = await a.login();
      const res = await caller(() => a.url)("PATCH", `/api/users/${rep.user.id}`, token, { disabled: true });
      expect(res.status).toBe(200);
      expect(await closed).toBe("io server disconnect");
      expect((await caller(() => b.url)("GET", "/api/me", rep.token)).status).toBe(401);
    } finally {
      await b.close();
      await b.store.close();
      await a.close();
      await t.cleanup();
    }
  });
});
