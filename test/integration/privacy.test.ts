// Privacy requests by email or visitor id across sites: find, export (lead card, transcript, notes) and erase,
// from the console's session or an API key. After an erasure no Redis key names, or holds, the erased
// conversations, visitors or email (webhook deliveries included); another visitor's data is untouched.
import { createHash } from "node:crypto";
import { createClient } from "redis";
import { describe, expect, it, onTestFinished } from "vitest";
import type { ConversationView, SubjectExport } from "../../shared/protocol/index.ts";
import { call, makeKey } from "../support/api.ts";
import {
  appOnRedis,
  connected,
  type Harness,
  next,
  ok,
  ownerOnline,
  qualifyHot,
  type VisitorClient,
} from "../support/app.ts";
import { redisUrl } from "../support/redis.ts";
import { keysMentioning } from "../support/redis-scan.ts";
import { receiverNetwork, webhookReceiver } from "../support/webhook-receiver.ts";

const email = "subject@acme.io";
const ids = (found: { conversations: { conversationId: string }[] }) =>
  found.conversations.map((c) => c.conversationId).sort();

// Ana (visitor A) chats on the demo site and gives her email, then opens a chat on a second site from the same
// browser without giving it; Ben (visitor B, another browser) gives the same email on the second site; Cleo, on
// the demo site, is someone else.
async function subjects(h: Harness, session: string) {
  const site = await h.store.getSite(h.siteKey);
  if (!site) throw new Error("no demo site");
  await h.store.putSite({ ...site, key: "second-site", name: "Second site" });
  const join = async (siteKey: string, visitorToken?: string) => {
    const v: VisitorClient = h.visitor({ siteKey });
    await connected(v);
    const joined = await ok(
      v.emitWithAck("conversation:join", { lastSeq: 0, ...(visitorToken ? { visitorToken } : {}) }),
    );
    return { v, joined, id: joined.conversation.id };
  };
  const ana = await join(h.siteKey);
  await qualifyHot(ana.v, email);
  const anaElsewhere = await join("second-site", ana.joined.visitorToken);
  await ok(anaElsewhere.v.emitWithAck("message:send", { clientId: "s2", text: "hello from the second site" }));
  const ben = await join("second-site");
  await qualifyHot(ben.v, "Subject@ACME.io");
  const cleo = await join(h.siteKey);
  await qualifyHot(cleo.v, "cleo@keep.io");
  const note = await call(h.url, session, "POST", `/api/conversations/${ana.id}/notes`, {
    text: "Ana asked for a demo",
  });
  expect(note.status).toBe(201);
  const visitorOf = async (id: string) => (await h.store.getConversation(id))?.visitorId ?? "";
  return {
    ana,
    anaElsewhere,
    ben,
    cleo,
    anaVisitor: await visitorOf(ana.id),
    benVisitor: await visitorOf(ben.id),
  };
}

describe("privacy requests (Redis)", () => {
  // The erasure test posts webhooks to a local receiver, on loopback.
  const app = appOnRedis({ webhookAllowNetworks: receiverNetwork });

  it("finds and exports a data subject by email and by visitor id, on every site", { timeout: 30_000 }, async () => {
    const h = app();
    const { token: session } = await h.login();
    const s = await subjects(h, session);
    expect(s.anaVisitor).not.toBe(s.benVisitor);
    expect((await h.store.getConversation(s.anaElsewhere.id))?.visitorId).toBe(s.anaVisitor);

    // The email index lives as long as the conversations it names (RETENTION_DAYS), not forever.
    const client = createClient({ url: redisUrl() });
    await client.connect();
    const prefix = h.redis?.prefix ?? "";
    const hash = createHash("sha256").update(email).digest("base64url");
    const [indexTtl, conversationTtl] = [
      await client.ttl(`${prefix}email:${hash}`),
      await client.ttl(`${prefix}conv:${s.ben.id}`),
    ];
    await client.close();
    expect(indexTtl).toBeGreaterThan(0);
    expect(indexTtl).toBeGreaterThanOrEqual(conversationTtl - 1);
    expect(indexTtl).toBeLessThanOrEqual(90 * 24 * 3600);

    // By email (any case): both people who gave it, with Ana's other conversation from the same browser.
    const byEmail = await call(h.url, session, "POST", "/api/privacy/find", { email: " SUBJECT@acme.io " });
    expect(byEmail.status).toBe(200);
    expect(ids(byEmail.body)).toEqual([s.ana.id, s.anaElsewhere.id, s.ben.id].sort());
    expect(
      byEmail.body.conversations.find((c: { conversationId: string }) => c.conversationId === s.ben.id),
    ).toMatchObject({
      siteKey: "second-site",
      siteName: "Second site",
      visitorId: s.benVisitor,
      email,
    });
    // By visitor id: Ana on both sites, not Ben.
    const byVisitor = await call(h.url, session, "POST", "/api/privacy/find", { visitorId: s.anaVisitor });
    expect(ids(byVisitor.body)).toEqual([s.ana.id, s.anaElsewhere.id].sort());
    expect((await call(h.url, session, "POST", "/api/privacy/find", { email: "nobody@acme.io" })).body).toEqual({
      conversations: [],
    });

    // The export, with an API key from another origin: lead cards, transcripts and notes.
    const key = (await makeKey(h, session, "read")).key;
    const exported = await call(
      h.url,
      key,
      "POST",
      "/api/privacy/export",
      { visitorId: s.anaVisitor },
      {
        origin: "https://crm.example",
      },
    );
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toContain("attachment");
    const doc = exported.body as SubjectExport;
    expect(doc.subject).toEqual({ visitorId: s.anaVisitor });
    const demo = doc.conversations.find((c) => c.lead.conversationId === s.ana.id);
    expect(demo?.lead).toMatchObject({ email, siteKey: h.siteKey, qualification: { tier: "hot" } });
    expect(demo?.messages.map((m) => m.text)).toContain(email);
    expect(demo?.notes.map((n) => n.text)).toEqual(["Ana asked for a demo"]);
    const second = doc.conversations.find((c) => c.lead.conversationId === s.anaElsewhere.id);
    expect(second?.messages.map((m) => m.text)).toContain("hello from the second site");
    const byEmailDoc = (await call(h.url, key, "POST", "/api/privacy/export", { email })).body as SubjectExport;
    expect(byEmailDoc.conversations.map((c) => c.lead.conversationId).sort()).toEqual(ids(byEmail.body));
    expect(byEmailDoc.conversations.every((c) => c.visitorId)).toBe(true);
  });

  it("refuses a request naming nobody, or both, or something that is not an email or visitor id", async () => {
    const h = app();
    const { token: session } = await h.login();
    for (const body of [{}, { email, visitorId: "abc" }, { email: "not an email" }, { visitorId: "a:b" }, { who: 1 }]) {
      const res = await call(h.url, session, "POST", "/api/privacy/find", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("BAD_REQUEST");
      expect(res.body.error.fields.length).toBeGreaterThan(0);
    }
    const broken = await fetch(`${h.url}/api/privacy/export`, {
      method: "POST",
      headers: { authorization: `Bearer ${session}`, "content-type": "application/json" },
      body: "{",
    });
    expect(broken.status).toBe(400);
    await h.addRep("rita@test.local", "Rita");
    const rep = await h.login("rita@test.local");
    for (const path of ["/api/privacy/find", "/api/privacy/export", "/api/privacy/erase"]) {
      expect((await call(h.url, rep.token, "POST", path, { email })).status).toBe(403);
    }
    expect((await call(h.url, "", "POST", "/api/privacy/find", { email })).status).toBe(401);
  });

  it("erases by email: every conversation of both people on both sites, the live chat ended first; no key left", {
    timeout: 30_000,
  }, async () => {
    const h = app();
    const owner = await ownerOnline(h);
    const offered: string[] = [];
    owner.on("offer:created", (o: { conversationId: string }) => offered.push(o.conversationId));
    const { token: session } = await h.login();
    // Webhook deliveries carry lead cards: they are kept in Redis too, and must go with the erasure.
    const receiver = await webhookReceiver();
    onTestFinished(() => receiver.close());
    const hook = await call(h.url, session, "POST", `/api/sites/${h.siteKey}/webhooks`, { url: receiver.url });
    expect(hook.status).toBe(201);
    const s = await subjects(h, session);
    await expect.poll(() => receiver.received.some((r) => r.body.includes(email))).toBe(true);
    // Ana's lead is live with the owner when the request comes.
    await expect.poll(() => offered).toContain(s.ana.id);
    await ok(owner.emitWithAck("offer:accept", { conversationId: s.ana.id }));
    const anaHears = next<ConversationView>(s.ana.v, "conversation:updated");

    const prefix = h.redis?.prefix ?? "";
    const hash = createHash("sha256").update(email).digest("base64url");
    const erased = [s.ana.id, s.anaElsewhere.id, s.ben.id].sort();
    const needles = [...erased, s.anaVisitor, s.benVisitor, email, hash];
    // The scan sees them before: conversations, transcripts, notes, indexes, the email index.
    expect((await keysMentioning(redisUrl(), prefix, needles)).length).toBeGreaterThan(10);

    const key = (await makeKey(h, session, "write")).key;
    const res = await call(
      h.url,
      key,
      "POST",
      "/api/privacy/erase",
      { email: "Subject@acme.io" },
      {
        origin: "https://crm.example",
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.erased).toEqual(erased);
    expect(await anaHears).toMatchObject({ id: s.ana.id, status: "closed" });
    expect(await keysMentioning(redisUrl(), prefix, needles)).toEqual([]);
    // Cleo is untouched: her lead, transcript, indexes.
    expect((await h.store.getConversation(s.cleo.id))?.visitorId).toBeTruthy();
    expect((await h.store.listMessages(s.cleo.id, 0)).map((m) => m.text)).toContain("cleo@keep.io");
    expect(await h.store.listEmailConversations("cleo@keep.io")).toEqual([s.cleo.id]);
    expect((await call(h.url, key, "POST", "/api/privacy/find", { email })).body).toEqual({ conversations: [] });
    expect((await call(h.url, key, "POST", "/api/privacy/erase", { email })).body).toEqual({ erased: [] });
  });

  it("erases by email a conversation whose identify email changed: no key names the old email or it", {
    timeout: 30_000,
  }, async () => {
    const h = app();
    const { token: session } = await h.login();
    const v: VisitorClient = h.visitor();
    await connected(v);
    const joined = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const id = joined.conversation.id;
    // Stored once the visitor writes (engine rule H3).
    await ok(v.emitWithAck("message:send", { clientId: "hello", text: "hello" }));
    // An unverified identify, replaced by another: the conversation no longer knows the first email.
    const [old, current] = ["first@old.io", "second@new.io"];
    await ok(v.emitWithAck("visitor:identify", { email: old }));
    await ok(v.emitWithAck("visitor:identify", { email: current }));
    expect((await h.store.getConversation(id))?.identity?.email).toBe(current);
    const visitorId = (await h.store.getConversation(id))?.visitorId ?? "";
    // Found by either email until erased.
    for (const email of [old, current]) {
      expect(ids((await call(h.url, session, "POST", "/api/privacy/find", { email })).body), email).toEqual([id]);
    }
    const prefix = h.redis?.prefix ?? "";
    const hash = (email: string) => createHash("sha256").update(email).digest("base64url");
    const needles = [id, visitorId, old, hash(old), current, hash(current)];
    expect(await keysMentioning(redisUrl(), prefix, [hash(old)])).not.toEqual([]);

    const res = await call(h.url, session, "POST", "/api/privacy/erase", { email: current });
    expect(res.body.erased).toEqual([id]);
    expect(await keysMentioning(redisUrl(), prefix, needles)).toEqual([]);
    expect((await call(h.url, session, "POST", "/api/privacy/find", { email: old })).body).toEqual({
      conversations: [],
    });
  });

  it("erases by visitor id on every site, and only that visitor", { timeout: 30_000 }, async () => {
    const h = app();
    const { token: session } = await h.login();
    const s = await subjects(h, session);
    const res = await call(h.url, session, "POST", "/api/privacy/erase", { visitorId: s.anaVisitor });
    expect(res.body.erased).toEqual([s.ana.id, s.anaElsewhere.id].sort());
    const prefix = h.redis?.prefix ?? "";
    expect(await keysMentioning(redisUrl(), prefix, [s.ana.id, s.anaElsewhere.id, s.anaVisitor])).toEqual([]);
    // Ben gave the same email and keeps his conversation, still found by it.
    expect(ids((await call(h.url, session, "POST", "/api/privacy/find", { email })).body)).toEqual([s.ben.id]);
  });
});
