// What only Redis has: expiry. Every key has a TTL or an owner that deletes it, and a live chat keeps its
// conversation alive as long as it is talking.
import { createClient } from "redis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { keys, limitKeys } from "../../server/store/keys.ts";
import { createRedisStore } from "../../server/store/redis-store.ts";
import { type Conversation, conversationTtlSeconds, type Store } from "../../server/store/types.ts";
import { defaultPlaybook, start } from "../../shared/engine/index.ts";
import { redisUrl, uniquePrefix } from "../support/redis.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";

describe("redis store", () => {
  let prefix: string;
  let store: Store;
  let raw: ReturnType<typeof createClient>;
  beforeEach(async () => {
    prefix = uniquePrefix();
    store = await createRedisStore(redisUrl(), prefix);
    raw = createClient({ url: redisUrl() });
    await raw.connect();
  });
  afterEach(async () => {
    await store.close();
    await raw.close();
    await deleteKeysAt(redisUrl(), prefix);
  });

  const k = () => keys(prefix);
  const draft = (id: string): Conversation => ({
    id,
    siteKey: "s",
    visitorId: "v",
    status: "bot",
    engine: start(defaultPlaybook).state,
    createdAt: 1,
    updatedAt: 1,
    rev: 0,
  });

  it("conversation data keys all expire; messages keep the conversation alive", async () => {
    const c = await store.createConversation(draft("c1"));
    await store.appendMessage({ conversationId: "c1", clientId: "m1", author: "visitor", text: "hi", at: 1 });
    await store.updateConversation({ ...c, status: "queued", queuedAt: 1 });
    for (const key of [
      k().conversation("c1"),
      k().messages("c1"),
      k().clientIds("c1"),
      k().seq("c1"),
      k().visitorConversation("s", "v"),
    ]) {
      expect(await raw.ttl(key), key).toBeGreaterThan(0);
    }
    await raw.expire(k().conversation("c1"), 5);
    await store.appendMessage({ conversationId: "c1", clientId: "m2", author: "visitor", text: "still here", at: 2 });
    expect(await raw.ttl(k().conversation("c1"))).toBeGreaterThan(1000);
  });

  it("notes expire with the conversation's TTL", async () => {
    await store.createConversation(draft("c1"));
    const note = { id: "n1", conversationId: "c1", authorId: "r", authorName: "R", text: "call Fri", at: 1 };
    expect(await store.addNote(note, 500)).toBe("added");
    expect(await raw.ttl(k().notes("c1"))).toBeGreaterThan(1000);
    expect(await raw.ttl(k().notes("c1"))).toBeLessThanOrEqual(conversationTtlSeconds);
  });

  it("a conversation's writes keep its notes and the visitor's erasure index alive as long as itself", async () => {
    const c1 = await store.createConversation(draft("c1"));
    await store.addNote(
      { id: "n1", conversationId: "c1", authorId: "r", authorName: "R", text: "call Fri", at: 1 },
      500,
    );
    const all = k().visitorConversations(c1.siteKey, c1.visitorId);
    await raw.expire(k().notes("c1"), 10);
    await raw.expire(all, 10);
    await store.updateConversation({ ...c1, status: "queued", queuedAt: 1 });
    expect(await raw.ttl(k().notes("c1"))).toBeGreaterThan(1000);
    expect(await raw.ttl(all)).toBeGreaterThan(1000);
  });

  it("keeps conversations, messages, notes and the visitor's indexes for the retention period it is given", async () => {
    const hour = await createRedisStore(redisUrl(), prefix, undefined, 3600);
    try {
      const c1 = await hour.createConversation(draft("c1"));
      await hour.appendMessage({ conversationId: "c1", clientId: "m1", author: "visitor", text: "hi", at: 1 });
      await hour.addNote({ id: "n1", conversationId: "c1", authorId: "r", authorName: "R", text: "call", at: 1 }, 500);
      await hour.updateConversation({ ...c1, status: "queued", queuedAt: 1 });
      const kept = [
        k().conversation("c1"),
        k().messages("c1"),
        k().notes("c1"),
        k().visitorConversation(c1.siteKey, c1.visitorId),
        k().visitorConversations(c1.siteKey, c1.visitorId),
      ];
      for (const key of kept) {
        const ttl = await raw.ttl(key);
        expect(ttl, key).toBeGreaterThan(3000);
        expect(ttl, key).toBeLessThanOrEqual(3600);
      }
    } finally {
      await hour.close();
    }
  });

  it("a day's teaser counts are kept for the retention period from its last count", async () => {
    const hour = await createRedisStore(redisUrl(), prefix, undefined, 3600);
    try {
      await hour.countEngageEvent("s", "2026-12-05", "pricing00001", "shown");
      await raw.expire(k().engageDay("s", "2026-12-05"), 10);
      await hour.countEngageEvent("s", "2026-12-05", "pricing00001", "opened");
      const ttl = await raw.ttl(k().engageDay("s", "2026-12-05"));
      expect(ttl).toBeGreaterThan(3000);
      expect(ttl).toBeLessThanOrEqual(3600);
    } finally {
      await hour.close();
    }
  });

  it("queue and rep indexes drop conversations that expired", async () => {
    const c1 = await store.createConversation(draft("c1"));
    await store.updateConversation({ ...c1, status: "queued", queuedAt: 1 });
    const c2 = await store.createConversation({ ...draft("c2"), visitorId: "v2" });
    await store.updateConversation({ ...c2, status: "live", repId: "r1" });
    await raw.del([k().conversation("c1"), k().conversation("c2")]);
    expect(await store.listQueue("s")).toEqual([]);
    expect(await store.listRepConversations("r1")).toEqual([]);
    expect(await raw.exists([k().queue("s"), k().repConversations("r1")])).toBe(0);
  });

  it("a page of a site's list whose conversations expired reads on: a short page only at the end", async () => {
    for (let i = 0; i < 6; i++)
      await store.createConversation({ ...draft(`c${i}`), visitorId: `v${i}`, createdAt: 10 + i });
    // The newest three expired: the first page of three is the next three, not an empty page that ends the list.
    await raw.del([k().conversation("c5"), k().conversation("c4"), k().conversation("c3")]);
    expect((await store.listConversations("s", 3)).map((c) => c.id)).toEqual(["c2", "c1", "c0"]);
    expect(await raw.zCard(k().siteConversations("s"))).toBe(3);
  });

  it("an index naming an expired conversation opens a new one", async () => {
    await store.createConversation(draft("c1"));
    await raw.del(k().conversation("c1"));
    expect((await store.createConversation(draft("c2"))).id).toBe("c2");
  });

  // A deployment from before emails were hashed in key names: its users' email keys name the email in clear.
  const legacyUser = async (id: string, email: string) => {
    const user = { id, email, name: "Ana", role: "owner" as const, passwordHash: "h", createdAt: 1 };
    await raw.set(k().user(id), JSON.stringify(user));
    await raw.sAdd(k().users(), id);
    await raw.set(`${prefix}user-email:${email}`, id);
    return user;
  };

  it("finds a user under the legacy email key and moves the key to the hashed name, once, however many look", async () => {
    const user = await legacyUser("u1", "ana@b.co");
    const other = await createRedisStore(redisUrl(), prefix);
    try {
      const found = await Promise.all([
        store.getUserByEmail("ana@b.co"),
        other.getUserByEmail("ana@b.co"),
        store.getUserByEmail("ana@b.co"),
      ]);
      expect(found).toEqual([user, user, user]);
    } finally {
      await other.close();
    }
    expect(await raw.exists(`${prefix}user-email:ana@b.co`)).toBe(0);
    expect(await raw.get(k().userByEmail("ana@b.co"))).toBe("u1");
    expect(await store.getUserByEmail("ana@b.co")).toEqual(user);
    expect(await store.getUserByEmail("bo@b.co")).toBeNull();
  });

  it("a legacy user's email stays theirs, and removing them removes its legacy key", async () => {
    const user = await legacyUser("u1", "ana@b.co");
    // No lookup first: storing another user with the email is refused all the same.
    expect(await store.putUser({ ...user, id: "u2" })).toBe(false);
    expect((await store.getUserByEmail("ana@b.co"))?.id).toBe("u1");
    expect(await store.putUser({ ...user, name: "Ana B." })).toBe(true);
    expect(await store.getUserByEmail("ana@b.co")).toMatchObject({ id: "u1", name: "Ana B." });

    await legacyUser("u3", "cy@b.co");
    await store.removeUser("u3");
    expect(await raw.exists(`${prefix}user-email:cy@b.co`)).toBe(0);
    expect(await store.getUserByEmail("cy@b.co")).toBeNull();
    expect(await store.putUser({ ...user, id: "u4", email: "cy@b.co" })).toBe(true);
  });

  it("no key names an email in clear: users, the login throttle, a data subject's index", async () => {
    const email = "ana@b.co";
    await store.putUser({ id: "u1", email, name: "Ana", role: "rep", passwordHash: "h", createdAt: 1 });
    await store.hit(limitKeys.emailLogins(email), 10, 60_000);
    await store.createConversation({ ...draft("c1"), identity: { email, verified: false } });
    const names: string[] = [];
    for await (const batch of raw.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) names.push(...batch);
    expect(names.length).toBeGreaterThan(3);
    expect(names.filter((name) => name.includes("@"))).toEqual([]);
  });
});
