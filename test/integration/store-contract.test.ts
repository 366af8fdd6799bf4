// One contract, two stores: every test here runs against the memory store and a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMemoryStore } from "../../server/store/memory-store.ts";
import type { Conversation, MessageDraft, Store, WebhookDelivery, WebhookEndpoint } from "../../server/store/types.ts";
import { defaultPlaybook, start } from "../../shared/engine/index.ts";
import { redisTestStore } from "../support/redis.ts";

const factories: [string, () => Promise<{ store: Store; cleanup(): Promise<void> }>][] = [
  ["memory", async () => ({ store: createMemoryStore(), cleanup: async () => {} })],
  ["redis", redisTestStore],
];

function endpoint(id: string, createdAt = 1): WebhookEndpoint {
  return {
    id,
    siteKey: "site1",
    url: "https://hooks.example/in",
    events: ["lead.qualified"],
    enabled: true,
    secret: "s",
    createdAt,
  };
}

function delivery(id: string, at: number, endpointId = "e1"): WebhookDelivery {
  const base = { id, endpointId, siteKey: "site1", eventId: `ev-${id}`, event: "lead.qualified" as const };
  return { ...base, status: "pending", attempts: 0, createdAt: at, nextAttemptAt: at, body: `{"id":"${id}"}` };
}

// A line of conversation c1.
function line(clientId: string, text: string, author: "visitor" | "bot" = "bot"): MessageDraft {
  return { conversationId: "c1", clientId, author, text, at: 1 };
}

function conversation(id: string, visitorId = `v-${id}`): Conversation {
  return {
    id,
    siteKey: "site1",
    visitorId,
    status: "bot",
    engine: start(defaultPlaybook).state,
    createdAt: 1,
    updatedAt: 1,
    rev: 0,
  };
}

describe.each(factories)("store contract: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  it("keeps sites, playbooks and users", async () => {
    const site = {
      key: "k1",
      name: "Acme",
      allowedOrigins: ["https://acme.com"],
      greeting: "Hi",
      accentColor: "#123456",
      playbookId: "p",
      playbookVersion: 1,
      createdAt: 5,
    };
    await store.putSite(site);
    expect(await store.getSite("k1")).toEqual(site);
    expect(await store.getSite("nope")).toBeNull();
    expect(await store.listSites()).toEqual([site]);
    await store.putPlaybook(defaultPlaybook);
    expect(await store.getPlaybook(defaultPlaybook.id, 1)).toEqual(defaultPlaybook);
    expect(await store.getPlaybook(defaultPlaybook.id, 2)).toBeNull();
    expect(await store.nextPlaybookVersion(defaultPlaybook.id)).toBe(2);
    expect(await store.nextPlaybookVersion(defaultPlaybook.id)).toBe(3);
    expect(await store.nextPlaybookVersion("other")).toBe(1);
    // Publish times: the first store of a version is its time; newest version first.
    await store.putPlaybook(defaultPlaybook, 999);
    await store.putPlaybook({ ...defaultPlaybook, version: 2 }, 2000);
    const first = (await store.listPlaybookVersions(defaultPlaybook.id)).at(-1);
    expect(first?.version).toBe(1);
    expect(first?.publishedAt).not.toBe(999);
    expect((await store.listPlaybookVersions(defaultPlaybook.id))[0]).toEqual({ version: 2, publishedAt: 2000 });
    expect(await store.listPlaybookVersions("other")).toEqual([]);
    expect(await store.countUsers()).toBe(0);
    const user = { id: "u1", email: "a@b.co", name: "Ana", role: "owner" as const, passwordHash: "h", createdAt: 1 };
    await store.putUser(user);
    expect(await store.getUserByEmail("a@b.co")).toEqual(user);
    expect(await store.getUser("u1")).toEqual(user);
    expect(await store.countUsers()).toBe(1);
  });

  it("updates users and sites atomically: concurrent edits all land, a removed user stays removed", async () => {
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

    const site = {
      key: "k1",
      name: "Acme",
      allowedOrigins: [],
      greeting: "Hi",
      accentColor: "#123456",
      playbookId: "p",
      playbookVersion: 1,
      createdAt: 5,
    };
    await store.putSite(site);
    await Promise.all([
      store.updateSite("k1", (s) => ({ ...s, playbookVersion: 2 })),
      store.updateSite("k1", (s) => ({ ...s, allowedOrigins: ["https://acme.com"] })),
    ]);
    expect(await store.getSite("k1")).toMatchObject({ playbookVersion: 2, allowedOrigins: ["https://acme.com"] });
    expect(await store.updateSite("nope", (s) => s)).toBeNull();
  });

  it("counts rate limits in order: the first over its limit refuses, and the limits after it do not count", async () => {
    const checks = (n: number) => [
      { key: "own", limit: n, windowMs: 60_000 },
      { key: "shared", limit: 100, windowMs: 60_000 },
    ];
    expect(await store.hits(checks(2))).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(await store.hits(checks(2))).toEqual({ allowed: true, retryAfterMs: 0 });
    const refused = await store.hits(checks(2));
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    // "shared" counted the two allowed events only: 98 more fit, the 99th does not.
    for (let i = 0; i < 98; i++) expect((await store.hit("shared", 100, 60_000)).allowed).toBe(true);
    expect((await store.hit("shared", 100, 60_000)).allowed).toBe(false);
    expect(await store.hits([])).toEqual({ allowed: true, retryAfterMs: 0 });
  });

  it("keeps each site's latest widget load (the install check)", async () => {
    expect(await store.lastWidgetLoad("k1")).toBeNull();
    await store.recordWidgetLoad("k1", { at: 10, page: "https://acme.com/pricing" });
    await store.recordWidgetLoad("k1", { at: 20, page: "https://acme.com/" });
    await store.recordWidgetLoad("k2", { at: 15, page: "https://beta.io/" });
    expect(await store.lastWidgetLoad("k1")).toEqual({ at: 20, page: "https://acme.com/" });
    expect(await store.lastWidgetLoad("k2")).toEqual({ at: 15, page: "https://beta.io/" });
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

  it("creates one conversation per visitor: the second create returns the first", async () => {
    const first = await store.createConversation(conversation("c1", "v1"));
    expect(first.rev).toBe(1);
    const second = await store.createConversation(conversation("c2", "v1"));
    expect(second.id).toBe("c1");
    expect(await store.findVisitorConversation("site1", "v1")).toBe("c1");
    expect(await store.getConversation("c2")).toBeNull();
  });

  it("lists a site's conversations newest first", async () => {
    await store.createConversation({ ...conversation("old", "v1"), createdAt: 1 });
    await store.createConversation({ ...conversation("new", "v2"), createdAt: 3 });
    await store.createConversation({ ...conversation("mid", "v3"), createdAt: 2 });
    await store.createConversation({ ...conversation("elsewhere", "v4"), siteKey: "site2", createdAt: 4 });
    expect((await store.listConversations("site1", 10)).map((c) => c.id)).toEqual(["new", "mid", "old"]);
    expect((await store.listConversations("site1", 2)).map((c) => c.id)).toEqual(["new", "mid"]);
  });

  it("concurrent creates for one visitor end in one conversation", async () => {
    const ids = await Promise.all(
      ["a", "b", "c", "d", "e"].map((id) => store.createConversation(conversation(id, "v1"))),
    );
    expect(new Set(ids.map((c) => c.id)).size).toBe(1);
    expect(await store.findVisitorConversation("site1", "v1")).toBe(ids[0]?.id);
  });

  it("a closed conversation is replaced by a new one when the visitor comes back", async () => {
    const first = await store.createConversation(conversation("c1", "v1"));
    await store.updateConversation({ ...first, status: "closed" });
    const second = await store.createConversation(conversation("c2", "v1"));
    expect(second.id).toBe("c2");
    expect((await store.getConversation("c1"))?.status).toBe("closed");
    expect(await store.findVisitorConversation("site1", "v1")).toBe("c2");
  });

  it("erases a visitor: every conversation they had, with messages and index entries; others untouched", async () => {
    const first = await store.createConversation(conversation("c1", "v1"));
    await store.appendMessage({ conversationId: "c1", clientId: "m1", author: "visitor", text: "hi", at: 1 });
    await store.updateConversation({ ...first, status: "closed" });
    const second = await store.createConversation({ ...conversation("c2", "v1"), createdAt: 2 });
    const queued = (await store.updateConversation({ ...second, status: "queued", queuedAt: 2 })) as Conversation;
    await store.updateConversation({ ...queued, status: "live", repId: "r1" });
    await store.scheduleDue("wait", "c2", 100);
    const note = { id: "n1", conversationId: "c2", authorId: "r1", authorName: "Rita", text: "call back", at: 2 };
    expect(await store.addNote(note, 500)).toBe("added");
    expect(await store.addNote({ ...note, id: "n2", conversationId: "c3" }, 500)).toBe("missing");
    const other = await store.createConversation(conversation("c3", "v2"));
    expect(await store.addNote({ ...note, id: "n3", conversationId: "c3" }, 500)).toBe("added");
    await store.updateConversation({ ...other, status: "queued", queuedAt: 3 });
    await store.appendMessage({ conversationId: "c3", clientId: "m1", author: "visitor", text: "hello", at: 3 });
    await store.scheduleDue("wait", "c3", 100);
    await store.enqueueDelivery({ ...delivery("d1", 5), conversationId: "c1" }, 100);
    await store.enqueueDelivery({ ...delivery("d2", 5), conversationId: "c2" }, 100);
    await store.enqueueDelivery({ ...delivery("d3", 5), conversationId: "c3" }, 100);

    expect(await store.eraseVisitor("site1", "v1")).toEqual(["c1", "c2"]);
    expect((await store.listDeliveries("site1", "e1", 10)).map((d) => d.id)).toEqual(["d3"]);
    expect(await store.deliveryBacklog()).toBe(1);
    // An event racing the erasure cannot bring the lead card back: nothing is enqueued about a conversation gone.
    expect(await store.enqueueDelivery({ ...delivery("d4", 5), conversationId: "c2" }, 100)).toBe(false);
    expect(await store.getDelivery("d4")).toBeNull();
    expect([await store.getConversation("c1"), await store.getConversation("c2")]).toEqual([null, null]);
    expect(await store.listMessages("c1", 0)).toEqual([]);
    expect(await store.listNotes("c2")).toEqual([]);
    expect((await store.listNotes("c3")).map((n) => n.id)).toEqual(["n3"]);
    expect(await store.findMessage("c1", "m1")).toBeNull();
    expect(await store.lastSeq("c1")).toBe(0);
    expect(await store.findVisitorConversation("site1", "v1")).toBeNull();
    expect(await store.listRepConversations("r1")).toEqual([]);
    expect((await store.listConversations("site1", 10)).map((c) => c.id)).toEqual(["c3"]);
    expect(await store.listQueue("site1")).toEqual(["c3"]);
    expect(await store.takeDue(200, 10)).toEqual([{ kind: "wait", conversationId: "c3" }]);
    expect((await store.listMessages("c3", 0)).map((m) => m.text)).toEqual(["hello"]);
    expect(await store.eraseVisitor("site1", "v1")).toEqual([]);
    // A returning visitor after an erasure starts afresh.
    expect((await store.createConversation(conversation("c4", "v1"))).id).toBe("c4");
  });

  it("indexes a data subject's conversations by email (captured or identified) and by visitor; erasure unindexes", async () => {
    const withEmail = (c: Conversation, email: string): Conversation => ({
      ...c,
      engine: {
        ...c.engine,
        slots: {
          ...c.engine.slots,
          email: {
            slot: "email",
            questionId: "email",
            label: "Email",
            order: 9,
            value: { kind: "email", email },
            display: email,
            words: email,
            at: 1,
          },
        },
      },
    });
    // Known at creation (identify), then later (the bot collects it), in any case.
    await store.createConversation({ ...conversation("c1", "v1"), identity: { email: "Ana@X.co", verified: false } });
    const second = await store.createConversation(conversation("c2", "v2"));
    expect(await store.listEmailConversations("ana@x.co")).toEqual(["c1"]);
    await store.updateConversation(withEmail(second, "ana@x.co"));
    expect(await store.listEmailConversations(" ANA@x.co ")).toEqual(["c1", "c2"]);
    expect(await store.listEmailConversations("bo@x.co")).toEqual([]);
    // Another email of the same visitor, on a later conversation.
    const c2 = (await store.getConversation("c2")) as Conversation;
    await store.updateConversation({ ...c2, status: "closed" });
    await store.createConversation(withEmail({ ...conversation("c3", "v2"), createdAt: 2 }, "bo@x.co"));
    expect(await store.listVisitorConversations("site1", "v2")).toEqual(["c2", "c3"]);
    expect(await store.listVisitorConversations("site2", "v2")).toEqual([]);

    expect(await store.eraseVisitor("site1", "v2")).toEqual(["c2", "c3"]);
    expect(await store.listEmailConversations("ana@x.co")).toEqual(["c1"]);
    expect(await store.listEmailConversations("bo@x.co")).toEqual([]);
    expect(await store.listVisitorConversations("site1", "v2")).toEqual([]);
    expect(await store.listVisitorConversations("site1", "v1")).toEqual(["c1"]);
  });

  it("erasure unindexes a conversation from an email it no longer has (a replaced identify)", async () => {
    const created = await store.createConversation({
      ...conversation("c1", "v1"),
      identity: { email: "a@x.co", verified: false },
    });
    // A verified identify replaces the unverified one: the conversation now knows b@y.co only.
    const changed = await store.updateConversation({
      ...created,
      identity: { userId: "u-1", email: "b@y.co", verified: true },
    });
    expect(changed?.identity?.email).toBe("b@y.co");
    // Someone else keeps a@x.co's index alive.
    await store.createConversation({ ...conversation("c2", "v2"), identity: { email: "a@x.co", verified: false } });
    // Found by the new email, and by the old one until erased.
    expect(await store.listEmailConversations("b@y.co")).toEqual(["c1"]);
    expect(await store.listEmailConversations("a@x.co")).toEqual(["c1", "c2"]);

    expect(await store.eraseVisitor("site1", "v1")).toEqual(["c1"]);
    expect(await store.listEmailConversations("a@x.co")).toEqual(["c2"]);
    expect(await store.listEmailConversations("b@y.co")).toEqual([]);
    // A conversation under the same id again (never in practice: ids are random) knows no email, and no index still
    // names the erased one, so neither email finds it.
    await store.createConversation(conversation("c1", "v3"));
    expect(await store.listEmailConversations("a@x.co")).toEqual(["c2"]);
    expect(await store.listEmailConversations("b@y.co")).toEqual([]);
  });

  it("keeps API keys by hash: listed newest first, last use recorded, revoked at once", async () => {
    const key = (id: string, createdAt: number) => ({
      id,
      name: `Key ${id}`,
      scope: "read" as const,
      hash: `h-${id}`,
      prefix: "bk_abc",
      createdBy: "u1",
      createdAt,
    });
    await store.putApiKey(key("k1", 1));
    await store.putApiKey({ ...key("k2", 2), scope: "write" });
    expect(await store.findApiKey("h-k1")).toEqual(key("k1", 1));
    expect(await store.findApiKey("nope")).toBeNull();
    expect((await store.listApiKeys()).map((k) => k.id)).toEqual(["k2", "k1"]);
    await store.touchApiKey("k1", 50);
    expect((await store.findApiKey("h-k1"))?.lastUsedAt).toBe(50);
    expect((await store.listApiKeys()).find((k) => k.id === "k1")?.lastUsedAt).toBe(50);
    expect(await store.revokeApiKey("k1")).toBe(true);
    expect(await store.revokeApiKey("k1")).toBe(false);
    expect(await store.findApiKey("h-k1")).toBeNull();
    // A use racing the revoke brings nothing back.
    await store.touchApiKey("k1", 60);
    expect(await store.findApiKey("h-k1")).toBeNull();
    expect((await store.listApiKeys()).map((k) => k.id)).toEqual(["k2"]);
  });

  it("updates conversations by compare-and-set on rev", async () => {
    const c = await store.createConversation(conversation("c1"));
    const a = await store.updateConversation({ ...c, status: "queued", queuedAt: 10 });
    expect(a?.rev).toBe(2);
    // A writer holding the old rev loses and changes nothing.
    expect(await store.updateConversation({ ...c, status: "closed" })).toBeNull();
    expect((await store.getConversation("c1"))?.status).toBe("queued");
  });

  it("keeps the site queue and the rep's live set in step with status", async () => {
    const c1 = await store.createConversation(conversation("c1"));
    const c2 = await store.createConversation(conversation("c2"));
    await store.updateConversation({ ...c2, status: "queued", queuedAt: 20 });
    const q1 = await store.updateConversation({ ...c1, status: "queued", queuedAt: 10 });
    expect(await store.listQueue("site1")).toEqual(["c1", "c2"]);
    const live = await store.updateConversation({ ...(q1 as Conversation), status: "live", repId: "r1" });
    expect(await store.listQueue("site1")).toEqual(["c2"]);
    expect(await store.listRepConversations("r1")).toEqual(["c1"]);
    await store.updateConversation({ ...(live as Conversation), status: "closed" });
    expect(await store.listRepConversations("r1")).toEqual([]);
    // Moving a live chat to another rep (a transfer) or off any rep takes it off the previous rep's set.
    const c3 = await store.createConversation(conversation("c3"));
    const r1 = (await store.updateConversation({ ...c3, status: "live", repId: "r1" })) as Conversation;
    const r2 = (await store.updateConversation({ ...r1, repId: "r2" }, "r1")) as Conversation;
    expect([await store.listRepConversations("r1"), await store.listRepConversations("r2")]).toEqual([[], ["c3"]]);
    const { repId: _gone, ...requeued } = r2;
    await store.updateConversation({ ...requeued, status: "queued", queuedAt: 5 }, "r2");
    expect(await store.listRepConversations("r2")).toEqual([]);
  });

  it("two accepts of one queued lead: exactly one wins", async () => {
    const c = await store.createConversation(conversation("c1"));
    const queued = (await store.updateConversation({ ...c, status: "queued", queuedAt: 1 })) as Conversation;
    const results = await Promise.all(
      ["r1", "r2", "r3"].map((repId) => store.updateConversation({ ...queued, status: "live", repId })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("appends a turn's messages in one step, in order, each deduplicated by clientId", async () => {
    await store.appendMessage(line("v1", "hello", "visitor"));
    const first = await store.appendMessages([line("b:0", "one"), line("b:1", "two")]);
    expect(first.map((r) => [r.message.seq, r.message.text, r.duplicate])).toEqual([
      [2, "one", false],
      [3, "two", false],
    ]);
    // A retried turn: what was stored comes back as it was, a new line gets the next seq.
    const retried = await store.appendMessages([line("b:0", "changed"), line("b:2", "three")]);
    expect(retried.map((r) => [r.message.seq, r.message.text, r.duplicate])).toEqual([
      [2, "one", true],
      [4, "three", false],
    ]);
    expect(await store.appendMessages([])).toEqual([]);
    expect((await store.listMessages("c1", 0)).map((m) => m.text)).toEqual(["hello", "one", "two", "three"]);
  });

  it("stores a bot turn's state and its lines in one step: a write that loses its compare-and-set says nothing", async () => {
    const c = await store.createConversation(conversation("c1"));
    const won = await store.updateConversationSaying({ ...c, status: "queued", queuedAt: 5 }, undefined, [
      line("b:1:0", "one"),
      line("b:1:1", "two"),
    ]);
    expect(won?.conversation.rev).toBe(2);
    expect(won?.said.map((r) => [r.message.seq, r.message.text, r.duplicate])).toEqual([
      [1, "one", false],
      [2, "two", false],
    ]);
    expect(await store.listQueue(c.siteKey)).toEqual(["c1"]);
    // A writer holding the old rev loses: neither its state nor its lines are stored.
    expect(
      await store.updateConversationSaying({ ...c, status: "closed" }, undefined, [line("b:9:0", "lost")]),
    ).toBeNull();
    expect((await store.getConversation("c1"))?.status).toBe("queued");
    expect((await store.listMessages("c1", 0)).map((m) => m.text)).toEqual(["one", "two"]);
    // A retried turn's lines come back as stored; a write with no lines says nothing.
    const again = await store.updateConversationSaying(won?.conversation as Conversation, undefined, [
      line("b:1:0", "x"),
    ]);
    expect(again?.said.map((r) => [r.message.seq, r.message.text, r.duplicate])).toEqual([[1, "one", true]]);
    expect((await store.updateConversationSaying(again?.conversation as Conversation, undefined, []))?.said).toEqual(
      [],
    );
    expect(await store.lastSeq("c1")).toBe(2);
  });

  it("writes a visitor's line with its bot turn only if the line gets the seq the turn was computed for", async () => {
    const c = await store.createConversation(conversation("c1"));
    const turn = [line("v1", "v1", "visitor"), line("bot:1:0", "bot:1:0")];
    // Another line came first: the turn was computed for seq 1, which is taken now.
    await store.appendMessage(line("other", "other", "visitor"));
    expect(
      await store.updateConversationSaying({ ...c, status: "queued", queuedAt: 1 }, undefined, turn, 1),
    ).toBeNull();
    expect((await store.getConversation("c1"))?.rev).toBe(c.rev);
    expect((await store.listMessages("c1", 0)).map((m) => m.clientId)).toEqual(["other"]);
    // For the right seq, the line, the state and the bot's lines land together.
    const won = await store.updateConversationSaying({ ...c, status: "queued", queuedAt: 1 }, undefined, turn, 2);
    expect(won?.said.map((r) => [r.message.seq, r.message.clientId, r.duplicate])).toEqual([
      [2, "v1", false],
      [3, "bot:1:0", false],
    ]);
    // A resend of a stored line writes nothing, whatever seq it names.
    const again = [line("v1", "v1", "visitor")];
    expect(await store.updateConversationSaying(won?.conversation as Conversation, undefined, again, 4)).toBeNull();
    expect((await store.getConversation("c1"))?.rev).toBe(won?.conversation.rev);
    expect(await store.lastSeq("c1")).toBe(3);
  });

  it("appends messages with per-conversation seq and deduplicates by clientId", async () => {
    const draft = { conversationId: "c1", clientId: "m1", author: "visitor" as const, text: "hi", at: 1 };
    const a = await store.appendMessage(draft);
    expect(a).toEqual({ message: { ...draft, seq: 1 }, duplicate: false });
    const again = await store.appendMessage({ ...draft, text: "changed" });
    expect(again).toEqual({ message: { ...draft, seq: 1 }, duplicate: true });
    await store.appendMessage({ ...draft, clientId: "m2", text: "two" });
    await store.appendMessage({ ...draft, conversationId: "c2", clientId: "m1" });
    expect((await store.listMessages("c1", 0)).map((m) => [m.seq, m.text])).toEqual([
      [1, "hi"],
      [2, "two"],
    ]);
    expect((await store.listMessages("c1", 1)).map((m) => m.seq)).toEqual([2]);
    expect(await store.lastSeq("c1")).toBe(2);
    expect(await store.findMessage("c1", "m2")).toMatchObject({ seq: 2, text: "two" });
    expect(await store.findMessage("c1", "nope")).toBeNull();
    expect(await store.lastSeq("c2")).toBe(1);
  });

  it("keeps a conversation's notes oldest first, apart from its messages; none for a missing conversation", async () => {
    await store.createConversation(conversation("c1"));
    await store.createConversation(conversation("c2"));
    const note = (id: string, conversationId: string, at: number) => ({
      id,
      conversationId,
      authorId: "r1",
      authorName: "Rita",
      text: `note ${id}`,
      at,
    });
    expect(await store.addNote(note("n1", "c1", 1), 500)).toBe("added");
    expect(await store.addNote(note("n2", "c1", 2), 500)).toBe("added");
    expect(await store.addNote(note("n3", "c2", 3), 500)).toBe("added");
    expect(await store.addNote(note("n4", "gone", 4), 500)).toBe("missing");
    expect(await store.listNotes("c1")).toEqual([note("n1", "c1", 1), note("n2", "c1", 2)]);
    expect((await store.listNotes("c2")).map((n) => n.id)).toEqual(["n3"]);
    expect(await store.listNotes("gone")).toEqual([]);
    // The cap holds however many notes arrive at once.
    const burst = await Promise.all([5, 6, 7, 8, 9].map((i) => store.addNote(note(`n${i}`, "c2", i), 3)));
    expect(burst.filter((r) => r === "added")).toHaveLength(2);
    expect(burst.filter((r) => r === "full")).toHaveLength(3);
    expect(await store.listNotes("c2")).toHaveLength(3);
    expect(await store.listMessages("c1", 0)).toEqual([]);
  });

  it("concurrent appends get distinct, gapless seqs", async () => {
    const drafts = Array.from({ length: 50 }, (_, i) => ({
      conversationId: "c1",
      clientId: `m${i}`,
      author: "visitor" as const,
      text: String(i),
      at: i,
    }));
    const results = await Promise.all(drafts.map((d) => store.appendMessage(d)));
    expect(results.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual(drafts.map((_, i) => i + 1));
  });

  it("keeps presence: several tabs count once, a rep is offline when the last tab expires", async () => {
    const user = (id: string) => ({
      id,
      email: `${id}@x.co`,
      name: id,
      role: "rep" as const,
      passwordHash: "h",
      createdAt: 1,
    });
    await store.putUser(user("r1"));
    await store.putUser(user("r2"));
    await store.setRepStatus("r1", "available");
    await store.touchRepTab("r1", "tab-a", 100);
    await store.touchRepTab("r1", "tab-b", 200);
    await store.touchRepTab("r2", "tab-c", 100);
    expect(await store.presence(50)).toEqual([
      { repId: "r1", status: "available", online: true, lastOfferedAt: 0 },
      // Never chose: available while a console tab is open.
      { repId: "r2", status: "available", online: true, lastOfferedAt: 0 },
    ]);
    // At 150 tab-a and tab-c expired: r1 still has tab-b, r2 has nothing left and is reported once.
    expect(await store.expireRepTabs(150)).toEqual(["r2"]);
    expect(await store.expireRepTabs(150)).toEqual([]);
    const p = await store.presence(150);
    expect(p.map((r) => [r.repId, r.online])).toEqual([
      ["r1", true],
      ["r2", false],
    ]);
    await store.dropRepTab("r1", "tab-b");
    await store.markOffered("r1", 42);
    expect((await store.presence(150))[0]).toEqual({
      repId: "r1",
      status: "available",
      online: false,
      lastOfferedAt: 42,
    });
  });

  it("fires each due timer once, however many take at the same time", async () => {
    await store.scheduleDue("offer", "c1", 10);
    await store.scheduleDue("wait", "c1", 20);
    await store.scheduleDue("offer", "c2", 30);
    await store.scheduleDue("offer", "c3", 5);
    await store.cancelDue("offer", "c3");
    const takers = await Promise.all([store.takeDue(25, 10), store.takeDue(25, 10), store.takeDue(25, 10)]);
    expect(takers.flat()).toEqual([
      { kind: "offer", conversationId: "c1" },
      { kind: "wait", conversationId: "c1" },
    ]);
    expect(await store.takeDue(100, 10)).toEqual([{ kind: "offer", conversationId: "c2" }]);
  });

  it("connection slots: held per holder, freed on release or expiry, a refusal extends nothing", async () => {
    expect(await store.acquireSlot("ip", "a", 2, 0, 100)).toBe(true);
    expect(await store.acquireSlot("ip", "b", 2, 0, 200)).toBe(true);
    expect(await store.acquireSlot("ip", "c", 2, 50, 1000)).toBe(false);
    await store.releaseSlot("ip", "a");
    expect(await store.acquireSlot("ip", "c", 2, 50, 1000)).toBe(true);
    // b expires at 200 whatever was refused meanwhile: a crashed process's slots free themselves.
    expect(await store.acquireSlot("ip", "d", 2, 150, 1000)).toBe(false);
    expect(await store.acquireSlot("ip", "d", 2, 250, 1000)).toBe(true);
  });

  it("averages accept times", async () => {
    expect(await store.averageAccept("s")).toBeNull();
    await store.recordAccept("s", 10_000);
    await store.recordAccept("s", 20_000);
    expect(await store.averageAccept("s")).toBe(12_000);
  });

  it("shares one secret: the first value wins", async () => {
    expect(await store.getOrCreateSecret("s", () => "one")).toBe("one");
    expect(await store.getOrCreateSecret("s", () => "two")).toBe("one");
  });

  it("keeps a site's webhook endpoints, at most `max`, edited by compare-and-set; removal takes their deliveries", async () => {
    expect(await store.addWebhook(endpoint("e1", 1), 2)).toBe(true);
    expect(await store.addWebhook(endpoint("e2", 2), 2)).toBe(true);
    expect(await store.addWebhook(endpoint("e3", 3), 2)).toBe(false);
    expect((await store.listWebhooks("site1")).map((e) => e.id)).toEqual(["e1", "e2"]);
    expect(await store.listWebhooks("other")).toEqual([]);
    await Promise.all([
      store.updateWebhook("site1", "e1", (e) => ({ ...e, enabled: false })),
      store.updateWebhook("site1", "e1", (e) => ({ ...e, url: "https://hooks.example/two" })),
    ]);
    expect(await store.getWebhook("site1", "e1")).toMatchObject({
      enabled: false,
      url: "https://hooks.example/two",
      rev: 2,
    });
    await store.enqueueDelivery(delivery("d1", 10), 100);
    expect(await store.removeWebhook("site1", "e1")).toBe(true);
    expect(await store.removeWebhook("site1", "e1")).toBe(false);
    expect(await store.updateWebhook("site1", "e1", (e) => e)).toBeNull();
    expect(await store.getWebhook("site1", "e1")).toBeNull();
    expect(await store.getDelivery("d1")).toBeNull();
    expect(await store.deliveryBacklog()).toBe(0);
    expect(await store.addWebhook(endpoint("e3", 3), 2)).toBe(true);
  });

  it("enqueues a delivery once; each due delivery is claimed by one taker; a lapsed claim is retried", async () => {
    expect(await store.enqueueDelivery(delivery("d1", 10), 100)).toBe(true);
    expect(await store.enqueueDelivery({ ...delivery("d1", 10), body: "other" }, 100)).toBe(false);
    expect(await store.enqueueDelivery(delivery("d2", 50), 100)).toBe(true);
    expect(await store.deliveryBacklog()).toBe(2);
    const takers = await Promise.all([1, 2, 3].map(() => store.claimDeliveries(20, 1000, 10)));
    const taken = takers.flat();
    expect(taken.map((t) => t.delivery.id)).toEqual(["d1"]);
    expect(taken[0]?.delivery.body).toBe('{"id":"d1"}');
    // The taker dies: nobody else gets d1 before the lease ends, then someone does.
    expect((await store.claimDeliveries(999, 2000, 10)).map((t) => t.delivery.id)).toEqual(["d2"]);
    const retaken = await store.claimDeliveries(1000, 3000, 10);
    expect(retaken.map((t) => t.delivery.id)).toEqual(["d1"]);
    // The first taker's late result is dropped; the current holder's is kept.
    const done = { ...delivery("d1", 10), status: "succeeded" as const, attempts: 1, responseCode: 200 };
    expect(await store.finishDelivery(done, 1000)).toBe(false);
    expect(await store.finishDelivery(done, 3000)).toBe(true);
    expect(await store.getDelivery("d1")).toMatchObject({ status: "succeeded", attempts: 1, responseCode: 200 });
    // A failed attempt with a retry is due again at its next attempt.
    const retry = { ...delivery("d2", 50), attempts: 1, nextAttemptAt: 5000, lastError: "HTTP 500" };
    expect(await store.finishDelivery(retry, 2000)).toBe(true);
    expect(await store.claimDeliveries(4999, 9000, 10)).toEqual([]);
    expect((await store.claimDeliveries(5000, 9000, 10)).map((t) => t.delivery.id)).toEqual(["d2"]);
    expect(await store.deliveryBacklog()).toBe(1);
  });

  it("an endpoint's delivery log is newest first and keeps the newest `keep`", async () => {
    for (let i = 1; i <= 4; i++) await store.enqueueDelivery(delivery(`d${i}`, i * 10), 3);
    expect((await store.listDeliveries("site1", "e1", 10)).map((d) => d.id)).toEqual(["d4", "d3", "d2"]);
    expect((await store.listDeliveries("site1", "e1", 2)).map((d) => d.id)).toEqual(["d4", "d3"]);
    expect(await store.getDelivery("d1")).toBeNull();
    expect(await store.deliveryBacklog()).toBe(3);
    expect(await store.listDeliveries("site1", "e2", 10)).toEqual([]);
  });
});
