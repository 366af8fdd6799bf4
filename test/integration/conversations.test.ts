// The inbox API against a real Redis: views, search by name, email and company, paging, who sees what, and
// internal notes that never reach the visitor.
import { describe, expect, it } from "vitest";
import type { Conversation } from "../../server/store/types.ts";
import type { SlotAnswer } from "../../shared/engine/index.ts";
import { defaultPlaybook, start } from "../../shared/engine/index.ts";
import type { ConversationList, ConversationRecord, LeadCard, Note } from "../../shared/protocol/index.ts";
import { appOnRedis, connected, type Harness, next, ok, ownerOnline, qualifyHot } from "../support/app.ts";

describe("inbox API (Redis)", () => {
  const app = appOnRedis();

  const get = async <T>(h: Harness, token: string, path: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as T };
  };
  const postNote = async (h: Harness, token: string, id: string, body: unknown) => {
    const res = await fetch(`${h.url}/api/conversations/${id}/notes`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Note & { error?: { code: string; fields?: unknown } } };
  };

  const text = (slot: string, value: string, order: number): SlotAnswer => ({
    slot,
    questionId: slot,
    label: slot,
    order,
    value: { kind: "text", text: value },
    display: value,
    words: value,
    at: 1,
  });

  // A conversation as a playbook asking for name and company would leave it (the default playbook asks neither).
  async function stored(
    h: Harness,
    id: string,
    opts: { siteKey?: string; name?: string; company?: string; email?: string; updatedAt?: number } = {},
  ): Promise<Conversation> {
    const engine = start(defaultPlaybook).state;
    let order = 10;
    if (opts.name) engine.slots.name = text("name", opts.name, order++);
    if (opts.company) engine.slots.company = text("company", opts.company, order++);
    if (opts.email) {
      engine.slots.email = { ...text("email", opts.email, order++), value: { kind: "email", email: opts.email } };
    }
    const at = opts.updatedAt ?? 1000;
    return h.store.createConversation({
      id,
      siteKey: opts.siteKey ?? h.siteKey,
      visitorId: `v-${id}`,
      status: "bot",
      engine,
      createdAt: at,
      updatedAt: at,
      rev: 0,
    });
  }

  it("lists the views newest first with counts, and the conversation in full with lead card and page trail", async () => {
    const h = app();
    const owner = await ownerOnline(h);
    const { token } = await h.login();

    // One with the bot, one hot and waiting, one closed with an outcome.
    const bot = h.visitor();
    await connected(bot);
    await ok(bot.emitWithAck("conversation:join", { lastSeq: 0, pageUrl: "https://acme.test/" }));
    await ok(bot.emitWithAck("message:send", { clientId: "b1", choice: "capture" }));

    const closedV = h.visitor();
    await connected(closedV);
    const closedJoin = await ok(closedV.emitWithAck("conversation:join", { lastSeq: 0 }));
    const offer = next<LeadCard>(owner, "offer:created");
    await qualifyHot(closedV, "cleo@closed.co");
    await offer;
    await ok(owner.emitWithAck("offer:accept", { conversationId: closedJoin.conversation.id }));
    await ok(
      owner.emitWithAck("message:send", {
        conversationId: closedJoin.conversation.id,
        clientId: "r1",
        text: "Booked you for Tuesday",
      }),
    );
    await ok(
      owner.emitWithAck("conversation:close", {
        conversationId: closedJoin.conversation.id,
        outcome: "meeting-booked",
      }),
    );

    const hot = h.visitor();
    await connected(hot);
    const hotJoin = await ok(
      hot.emitWithAck("conversation:join", {
        lastSeq: 0,
        pageUrl: "https://acme.test/pricing",
        pagesBefore: ["https://acme.test/", "https://acme.test/features"],
      }),
    );
    const ringing = next<LeadCard>(owner, "offer:created");
    await qualifyHot(hot, "hana@hot.io");
    await ringing;

    const all = (await get<ConversationList>(h, token, "/api/conversations")).body;
    expect(all.conversations.map((c) => c.email ?? "-")).toEqual(["hana@hot.io", "cleo@closed.co", "-"]);
    expect(all.counts).toEqual({ bot: 1, queued: 1, live: 0, closed: 1 });
    expect(all.next).toBeUndefined();

    const queued = (await get<ConversationList>(h, token, "/api/conversations?view=queued")).body.conversations;
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      id: hotJoin.conversation.id,
      status: "queued",
      tier: "hot",
      stage: "sql",
      email: "hana@hot.io",
      company: "hot.io",
      companyGuessed: true,
      siteName: expect.any(String),
    });
    expect(queued[0]?.preview?.text.length).toBeGreaterThan(0);

    const closed = (await get<ConversationList>(h, token, "/api/conversations?view=closed")).body.conversations;
    expect(closed).toEqual([
      expect.objectContaining({
        status: "closed",
        outcome: "meeting-booked",
        repName: "Owner",
        preview: expect.objectContaining({ author: expect.any(String) }),
      }),
    ]);
    const botView = (await get<ConversationList>(h, token, "/api/conversations?view=bot")).body.conversations;
    expect(botView.map((c) => c.status)).toEqual(["bot"]);
    expect(botView[0]?.email).toBeUndefined();
    expect((await get<ConversationList>(h, token, "/api/conversations?view=live")).body.conversations).toEqual([]);

    const record = await get<ConversationRecord>(h, token, `/api/conversations/${closedJoin.conversation.id}`);
    expect(record.status).toBe(200);
    expect(record.body.lead.qualification.reasons.length).toBeGreaterThan(0);
    expect(record.body.messages.map((m) => m.text)).toContain("Booked you for Tuesday");
    expect(record.body.messages.map((m) => m.seq)).toEqual(record.body.messages.map((_, i) => i + 1));
    expect(record.body.notes).toEqual([]);
    const trail = await get<ConversationRecord>(h, token, `/api/conversations/${hotJoin.conversation.id}`);
    expect(trail.body.lead.pageTrail).toEqual([
      "https://acme.test/",
      "https://acme.test/features",
      "https://acme.test/pricing",
    ]);

    const bad = await get<{ error: { code: string } }>(h, token, "/api/conversations?view=open");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("BAD_REQUEST");
    expect((await get(h, token, "/api/conversations?cursor=junk")).status).toBe(400);
    expect((await fetch(`${h.url}/api/conversations`)).status).toBe(401);
  });

  it("searches by name, email and company, case-insensitively, and pages without repeats", async () => {
    const h = app();
    const { token } = await h.login();
    await stored(h, "c-ana", { name: "Ana Lima", company: "Globex", email: "ana@gmail.com", updatedAt: 5000 });
    await stored(h, "c-bo", { email: "bo@Initech.com", updatedAt: 4000 });
    await stored(h, "c-cy", { name: "Cy Twombly", updatedAt: 3000 });
    await stored(h, "c-di", { updatedAt: 2000 });
    await stored(h, "c-ed", { email: "ed@umbrella.org", updatedAt: 1000 });

    const ids = async (q: string) =>
      (await get<ConversationList>(h, token, `/api/conversations?q=${encodeURIComponent(q)}`)).body.conversations.map(
        (c) => c.id,
      );
    expect(await ids("LIMA")).toEqual(["c-ana"]);
    expect(await ids("globex")).toEqual(["c-ana"]);
    expect(await ids("gmail")).toEqual(["c-ana"]);
    expect(await ids("initech")).toEqual(["c-bo"]);
    expect(await ids("bo@init")).toEqual(["c-bo"]);
    expect(await ids("twombly")).toEqual(["c-cy"]);
    expect(await ids("nobody")).toEqual([]);
    const named = (await get<ConversationList>(h, token, "/api/conversations?q=ana")).body;
    expect(named.conversations[0]).toMatchObject({ name: "Ana Lima", company: "Globex", email: "ana@gmail.com" });
    expect(named.conversations[0]?.companyGuessed).toBeUndefined();
    expect(named.counts).toEqual({ bot: 1, queued: 0, live: 0, closed: 0 });

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const path = `/api/conversations?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = (await get<ConversationList>(h, token, path)).body;
      expect(page.conversations.length).toBeLessThanOrEqual(2);
      seen.push(...page.conversations.map((c) => c.id));
      cursor = page.next;
      if (!cursor) break;
    }
    expect(seen).toEqual(["c-ana", "c-bo", "c-cy", "c-di", "c-ed"]);
    expect(cursor).toBeUndefined();
  });

  it("a rep sees only the sites they serve; others' conversations and unknown ids are 404", async () => {
    const h = app();
    const demo = await h.store.getSite(h.siteKey);
    if (!demo) throw new Error("no demo site");
    await h.store.putSite({ ...demo, key: "other-site", name: "Other Site" });
    await stored(h, "c-demo", { email: "d@demo.co" });
    await stored(h, "c-other", { email: "o@other.co", siteKey: "other-site" });
    await h.addRep("rita@test.local", "Rita");
    const rita = await h.store.getUserByEmail("rita@test.local");
    if (!rita) throw new Error("no rep");
    await h.store.putUser({ ...rita, siteKeys: ["other-site"] });
    await h.addRep("sam@test.local", "Sam");
    const owner = await h.login();
    const ritaLogin = await h.login("rita@test.local");
    const sam = await h.login("sam@test.local");

    const idsFor = async (token: string, query = "") =>
      (await get<ConversationList>(h, token, `/api/conversations${query}`)).body.conversations.map((c) => c.id).sort();
    expect(await idsFor(owner.token)).toEqual(["c-demo", "c-other"]);
    expect(await idsFor(sam.token)).toEqual(["c-demo", "c-other"]);
    expect(await idsFor(ritaLogin.token)).toEqual(["c-other"]);
    expect(await idsFor(owner.token, "?site=other-site")).toEqual(["c-other"]);
    expect((await get(h, ritaLogin.token, `/api/conversations?site=${h.siteKey}`)).status).toBe(404);

    expect((await get(h, ritaLogin.token, "/api/conversations/c-other")).status).toBe(200);
    const hidden = await get<{ error: { code: string } }>(h, ritaLogin.token, "/api/conversations/c-demo");
    const unknown = await get<{ error: { code: string } }>(h, ritaLogin.token, "/api/conversations/c-nope");
    expect([hidden.status, unknown.status]).toEqual([404, 404]);
    expect(hidden.body).toEqual(unknown.body);
    expect((await get(h, owner.token, "/api/conversations/not%20an%20id")).status).toBe(404);
    expect((await postNote(h, ritaLogin.token, "c-demo", { text: "peek" })).status).toBe(404);
    expect(await h.store.listNotes("c-demo")).toEqual([]);
  });

  it("notes: validated, stored with their author, shown with the conversation, never sent to the visitor", async () => {
    const h = app();
    const { token, user } = await h.login();
    const v = h.visitor();
    await connected(v);
    const joined = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const id = joined.conversation.id;
    // Stored once the visitor writes (engine rule H3).
    await ok(v.emitWithAck("message:send", { clientId: "hello", text: "hello" }));
    const heard: string[] = [];
    v.onAny((event: string, payload: unknown) => heard.push(`${event} ${JSON.stringify(payload)}`));

    for (const body of [{ text: "   " }, { text: "x".repeat(2001) }, {}, { text: 42 }]) {
      const refused = await postNote(h, token, id, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: "BAD_REQUEST", fields: [{ path: "text" }] });
    }
    expect(await h.store.listNotes(id)).toEqual([]);

    const added = await postNote(h, token, id, { text: "  Secret: CFO is the real buyer  " });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      conversationId: id,
      authorId: user.id,
      authorName: "Owner",
      text: "Secret: CFO is the real buyer",
    });
    const longest = await postNote(h, token, id, { text: "y".repeat(2000) });
    expect(longest.status).toBe(201);

    const record = await get<ConversationRecord>(h, token, `/api/conversations/${id}`);
    expect(record.body.notes.map((n) => n.text)).toEqual(["Secret: CFO is the real buyer", "y".repeat(2000)]);

    // The visitor keeps chatting: what reaches them (broadcasts, a rejoin's catch-up) never carries a note.
    await ok(v.emitWithAck("message:send", { clientId: "after-note", choice: "capture" }));
    await expect.poll(() => heard.some((e) => /^messages?:created/.test(e))).toBe(true);
    const rejoined = await ok(v.emitWithAck("conversation:join", { lastSeq: 0, visitorToken: joined.visitorToken }));
    expect(rejoined.conversation.id).toBe(id);
    const everything = JSON.stringify([heard, rejoined]);
    expect(everything).not.toContain("CFO");
    expect(everything).not.toContain("y".repeat(50));
    expect(rejoined.messages.length).toBeGreaterThan(0);
  });
});
