// The public API with API keys: made by an owner and shown once, stored only hashed, listed with their last use,
// revoked; read and write scopes; use from any origin without a cookie; console-only routes refuse keys; bad,
// revoked and orphaned keys; the per-key rate limit; cursor paging of leads; keys never reach the logs.
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../../server/log.ts";
import type { Conversation } from "../../server/store/types.ts";
import { defaultPlaybook, start } from "../../shared/engine/index.ts";
import { call, makeKey } from "../support/api.ts";
import { appOnRedis, type Harness, startApp } from "../support/app.ts";
import { redisTestStore, redisUrl } from "../support/redis.ts";
import { keysMentioning } from "../support/redis-scan.ts";

const crm = { origin: "https://crm.example" };

async function seed(h: Harness, id: string, createdAt: number, email = `${id}@acme.io`) {
  const engine = start(defaultPlaybook).state;
  engine.slots.email = {
    slot: "email",
    questionId: "email",
    label: "Email",
    order: 9,
    value: { kind: "email", email },
    display: email,
    words: email,
    at: createdAt,
  };
  const c: Conversation = {
    id,
    siteKey: h.siteKey,
    visitorId: `visitor-${id}`,
    status: "closed",
    engine,
    createdAt,
    updatedAt: createdAt,
    rev: 0,
  };
  await h.store.createConversation(c);
}

describe("API keys (Redis)", () => {
  const app = appOnRedis();

  it("shown once, stored hashed, listed with prefix, creator and last use; revoked at once", async () => {
    const h = app();
    const { token: session } = await h.login();
    const made = await makeKey(h, session, "read", "CRM sync");
    expect(made.key).toMatch(/^bk_[A-Za-z0-9_-]{43}$/);
    expect(made.apiKey).toMatchObject({ name: "CRM sync", scope: "read", createdBy: "Owner" });
    expect(made.key.startsWith(made.apiKey.prefix)).toBe(true);
    expect(made.apiKey.prefix.length).toBeLessThan(12);
    expect(made.apiKey.lastUsedAt).toBeUndefined();

    // Only the hash is kept: no key or value in Redis holds the key itself.
    const prefix = h.redis?.prefix ?? "";
    expect(await keysMentioning(redisUrl(), prefix, [made.key])).toEqual([]);
    const hash = createHash("sha256").update(made.key).digest("base64url");
    expect(await keysMentioning(redisUrl(), prefix, [hash])).toEqual([`${prefix}api-key:${hash}`, `${prefix}api-keys`]);

    // The list never shows the key again.
    const listed = await call(h.url, session, "GET", "/api/api-keys");
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(made.key);
    expect(listed.body.apiKeys).toEqual([made.apiKey]);

    // A use from another origin, without a cookie, works and is recorded as the last use.
    const before = Date.now();
    const used = await call(h.url, made.key, "GET", "/api/leads", undefined, crm);
    expect(used.status).toBe(200);
    const after = (await call(h.url, session, "GET", "/api/api-keys")).body.apiKeys[0];
    expect(after.lastUsedAt).toBeGreaterThanOrEqual(before);

    expect((await call(h.url, session, "DELETE", `/api/api-keys/${made.apiKey.id}`)).status).toBe(204);
    expect((await call(h.url, session, "DELETE", `/api/api-keys/${made.apiKey.id}`)).status).toBe(404);
    const revoked = await call(h.url, made.key, "GET", "/api/leads");
    expect(revoked.status).toBe(401);
    expect(revoked.body.error).toEqual({ code: "UNAUTHORIZED", message: "Unknown or revoked API key." });
    expect((await call(h.url, session, "GET", "/api/api-keys")).body.apiKeys).toEqual([]);
  });

  it("refuses a bad request to make a key, and anyone but an owner", async () => {
    const h = app();
    const { token: session } = await h.login();
    const bad = await call(h.url, session, "POST", "/api/api-keys", { name: "", scope: "admin" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(["name", "scope"]);
    await h.addRep("rita@test.local", "Rita");
    const rep = await h.login("rita@test.local");
    expect((await call(h.url, rep.token, "POST", "/api/api-keys", { name: "x", scope: "read" })).status).toBe(403);
    expect((await call(h.url, rep.token, "GET", "/api/api-keys")).status).toBe(403);
    expect((await call(h.url, "", "GET", "/api/api-keys")).status).toBe(401);
  });

  it("scopes: a read key reads everything and erases nothing; a write key erases, from any origin", async () => {
    const h = app();
    await seed(h, "c1", 1000);
    await seed(h, "c2", 2000);
    const { token: session } = await h.login();
    const read = (await makeKey(h, session, "read")).key;
    const write = (await makeKey(h, session, "write")).key;

    for (const path of ["/api/leads", "/api/leads.csv", "/api/leads.json", "/api/leads/c1", "/api/conversations"]) {
      expect((await call(h.url, read, "GET", path, undefined, crm)).status, path).toBe(200);
    }
    expect((await call(h.url, read, "GET", "/api/conversations/c1")).body.lead.conversationId).toBe("c1");
    expect((await call(h.url, read, "GET", "/api/leads/c1")).body.visitorId).toBe("visitor-c1");
    const found = await call(h.url, read, "POST", "/api/privacy/find", { email: "c1@acme.io" }, crm);
    expect(found.body.conversations.map((c: { conversationId: string }) => c.conversationId)).toEqual(["c1"]);

    const refused = await call(h.url, read, "DELETE", "/api/leads/c1/visitor", undefined, crm);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({
      code: "FORBIDDEN",
      message: "This API key is read-only: erasing data needs a key with the write scope.",
    });
    expect((await call(h.url, read, "POST", "/api/privacy/erase", { email: "c1@acme.io" })).status).toBe(403);
    expect(await h.store.getConversation("c1")).not.toBeNull();

    // No cookie, another origin: the same-origin check is for cookies only.
    const erased = await call(h.url, write, "DELETE", "/api/leads/c1/visitor", undefined, crm);
    expect(erased).toMatchObject({ status: 200, body: { erased: ["c1"] } });
    const byEmail = await call(h.url, write, "POST", "/api/privacy/erase", { email: "C2@acme.io" }, crm);
    expect(byEmail).toMatchObject({ status: 200, body: { erased: ["c2"] } });
    // A write key reads too.
    expect((await call(h.url, write, "GET", "/api/leads")).body.total).toBe(0);
  });

  it("console-only routes refuse keys, whatever their scope", async () => {
    const h = app();
    await seed(h, "c1", 1000);
    const { token: session } = await h.login();
    const write = (await makeKey(h, session, "write")).key;
    const routes: [string, string, unknown?][] = [
      ["GET", "/api/me"],
      ["GET", "/api/users"],
      ["GET", "/api/sites"],
      ["POST", "/api/sites", { name: "Evil", allowedOrigins: [] }],
      ["GET", `/api/sites/${h.siteKey}`],
      ["GET", "/api/invites"],
      ["POST", "/api/invites", { email: "x@y.co", role: "owner" }],
      ["GET", "/api/api-keys"],
      ["POST", "/api/api-keys", { name: "another", scope: "write" }],
      ["GET", "/api/playbooks"],
      ["GET", "/api/funnel"],
      ["POST", "/api/conversations/c1/notes", { text: "hi" }],
      ["GET", `/api/sites/${h.siteKey}/leads`],
      ["POST", "/api/logout"],
    ];
    for (const [method, path, body] of routes) {
      const res = await call(h.url, write, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.message, `${method} ${path}`).toBe(
        "API keys cannot be used here: this route is for the console only.",
      );
    }
    expect((await h.store.listSites()).length).toBe(1);
    expect((await h.store.listApiKeys()).length).toBe(1);
    expect(await h.store.listNotes("c1")).toEqual([]);
  });

  it("bad keys: unknown, malformed, or made by someone who is no longer an enabled owner", async () => {
    const h = app();
    const { token: session } = await h.login();
    const unknown = `bk_${"A".repeat(43)}`;
    expect((await call(h.url, unknown, "GET", "/api/leads")).body.error.code).toBe("UNAUTHORIZED");
    // Not a key's shape: read as a session token, which it is not either.
    expect((await call(h.url, "bk_short", "GET", "/api/leads")).status).toBe(401);
    expect((await call(h.url, "", "GET", "/api/leads")).status).toBe(401);

    // A second owner makes a key, then is made a rep: the key stops working with their rights.
    await h.addRep("olga@test.local", "Olga");
    const olga = (await h.store.getUserByEmail("olga@test.local"))?.id ?? "";
    await h.store.updateUser(olga, (u) => ({ ...u, role: "owner" }));
    const key = (await makeKey(h, (await h.login("olga@test.local")).token, "write")).key;
    expect((await call(h.url, key, "GET", "/api/leads")).status).toBe(200);
    await h.store.updateUser(olga, (u) => ({ ...u, role: "rep" }));
    expect((await call(h.url, key, "GET", "/api/leads")).status).toBe(401);
    await h.store.updateUser(olga, (u) => ({ ...u, role: "owner", disabled: true }));
    expect((await call(h.url, key, "GET", "/api/leads")).status).toBe(401);
    // The listing still names its maker.
    expect((await call(h.url, session, "GET", "/api/api-keys")).body.apiKeys[0].createdBy).toBe("Olga");
  });

  it("pages leads by cursor in creation order: every lead once, none repeated when new ones arrive", async () => {
    const h = app();
    for (let i = 1; i <= 5; i++) await seed(h, `c${i}`, i * 1000);
    const { token: session } = await h.login();
    const key = (await makeKey(h, session, "read")).key;
    const seen: string[] = [];
    let cursor = "";
    for (let round = 0; round < 5; round++) {
      const page = await call(h.url, key, "GET", `/api/leads?pageSize=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(5 + (round > 0 ? 1 : 0));
      seen.push(...page.body.leads.map((l: { conversationId: string }) => l.conversationId));
      // A lead arriving after the first page does not shift the later ones.
      if (round === 0) await seed(h, "c6", 6000);
      if (!page.body.next) break;
      cursor = page.body.next;
    }
    expect(seen).toEqual(["c5", "c4", "c3", "c2", "c1"]);
    const asc = await call(h.url, key, "GET", "/api/leads?pageSize=2&dir=asc&cursor=2000.c2");
    expect(asc.body.leads.map((l: { conversationId: string }) => l.conversationId)).toEqual(["c3", "c4"]);
    const bad = await call(h.url, key, "GET", "/api/leads?sort=score&cursor=2000.c2");
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe("cursor");
    expect((await call(h.url, key, "GET", "/api/leads?cursor=nonsense")).body.error.fields[0].path).toBe("cursor");
  });
});

describe("API key rate limit and logs (Redis)", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  it("counts requests per key (429 with Retry-After), and never writes a key to the log", async () => {
    const t = await redisTestStore();
    const lines: string[] = [];
    const log: Logger = {
      info: (msg, fields) => lines.push(JSON.stringify({ msg, ...fields })),
      warn: (msg, fields) => lines.push(JSON.stringify({ msg, ...fields })),
      error: (msg, fields) => lines.push(JSON.stringify({ msg, ...fields })),
    };
    const h = await startApp(t.store, { limits: { apiRequestsPerKey: { limit: 3, windowMs: 60_000 } }, log });
    close = async () => {
      await h.close();
      await t.cleanup();
    };
    await seed(h, "c1", 1000);
    const { token: session } = await h.login();
    const busy = (await makeKey(h, session, "write")).key;
    const other = (await makeKey(h, session, "read")).key;
    for (let i = 0; i < 3; i++) expect((await call(h.url, busy, "GET", "/api/leads")).status).toBe(200);
    const limited = await call(h.url, busy, "GET", "/api/leads");
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another key has its own count.
    expect((await call(h.url, other, "GET", "/api/leads")).status).toBe(200);
    // An erasure is logged (ids only), a failed request too; no line holds a key.
    const eraser = (await makeKey(h, session, "write")).key;
    expect((await call(h.url, eraser, "DELETE", "/api/leads/c1/visitor")).status).toBe(200);
    expect((await call(h.url, `bk_${"x".repeat(43)}`, "GET", "/api/leads")).status).toBe(401);
    expect(lines.some((l) => l.includes("visitor data erased"))).toBe(true);
    // The request log names the key by its id, so an owner can tell which integration made a request.
    const keys = (await call(h.url, session, "GET", "/api/api-keys")).body.apiKeys as { id: string; name: string }[];
    expect(keys.length).toBe(3);
    const requests = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === "request");
    for (const k of keys) expect(requests.some((r) => r.apiKeyId === k.id)).toBe(true);
    expect(limited.headers.get("cache-control")).toBe("no-store");
    expect(lines.filter((l) => [busy, other, eraser].some((k) => l.includes(k)) || l.includes("bk_"))).toEqual([]);
  });
});
