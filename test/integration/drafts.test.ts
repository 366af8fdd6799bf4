// Engine rule H3 over real sockets and Redis: a conversation is stored, counted and listed as a lead only once the
// visitor has said something. Opening the chat shows the greeting and the first question and stores nothing, so
// a flood of opens leaves no empty "Visitor, Cold, 0" leads and no keys behind.
import { describe, expect, it } from "vitest";
import type { ConversationList, ConversationView, FunnelReport, Message } from "../../shared/protocol/index.ts";
import { appOnRedis, connected, type Harness, ok, onMessage, qualifyHot } from "../support/app.ts";
import { redisUrl } from "../support/redis.ts";
import { keysMentioning } from "../support/redis-scan.ts";

async function owner<T>(h: Harness, path: string): Promise<T> {
  const res = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${(await h.login()).token}` } });
  return (await res.json()) as T;
}

async function opened(h: Harness, token?: string) {
  const v = h.visitor();
  await connected(v);
  const joined = await ok(
    v.emitWithAck("conversation:join", { lastSeq: 0, ...(token ? { visitorToken: token } : {}) }),
  );
  return { v, joined };
}

describe("drafts (H3, Redis)", () => {
  const app = appOnRedis();

  it("H3 opening the chat shows the greeting and first question and stores nothing; the first message stores all", async () => {
    const h = app();
    const { v, joined } = await opened(h);
    expect(joined.conversation).toMatchObject({ status: "bot", lastSeq: 2 });
    expect(joined.messages.map((m) => [m.seq, m.author, m.text])).toEqual([
      [1, "bot", "Hi! I'm the Banter assistant. A few quick questions and I'll get you to the right person."],
      [2, "bot", "What brings you here today?"],
    ]);
    const id = joined.conversation.id;
    expect(await h.store.getConversation(id)).toBeNull();
    expect(await h.store.listMessages(id, 0)).toEqual([]);
    expect(await keysMentioning(redisUrl(), h.redis?.prefix ?? "", [id])).toEqual([]);

    // The first thing said stores the conversation under the same id, with the greeting the visitor saw.
    const heard: Message[] = [];
    onMessage(v, (m) => heard.push(m));
    const sent = await ok(v.emitWithAck("message:send", { clientId: "m1", choice: "capture" }));
    expect(sent.message).toMatchObject({ conversationId: id, seq: 3, author: "visitor" });
    const stored = await h.store.listMessages(id, 0);
    expect(stored.slice(0, 2)).toEqual(joined.messages);
    expect(stored.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect((await h.store.getConversation(id))?.engine.slots.need).toBeTruthy();
  });

  it("H3 an opened chat is no lead: not listed, not exported, not in the funnel, whatever the number of opens", async () => {
    const h = app();
    for (let i = 0; i < 12; i++) (await opened(h)).v.disconnect();
    const talker = await opened(h);
    await ok(talker.v.emitWithAck("message:send", { clientId: "m1", text: "hello" }));

    const list = await owner<ConversationList>(h, "/api/conversations?view=bot");
    expect(list.conversations.map((c) => c.id)).toEqual([talker.joined.conversation.id]);
    const funnel = await owner<FunnelReport>(h, `/api/funnel?site=${h.siteKey}`);
    expect(funnel.funnel.stages[0]).toMatchObject({ id: "opened", count: 1 });
    const csv = await fetch(`${h.url}/api/leads.csv?site=${h.siteKey}`, {
      headers: { authorization: `Bearer ${(await h.login()).token}` },
    });
    expect((await csv.text()).trim().split("\r\n")).toHaveLength(2);
  });

  it("H3 two tabs of one visitor draft the same conversation and write into it; a reload shows it", async () => {
    const h = app();
    const first = await opened(h);
    const second = await opened(h, first.joined.visitorToken);
    expect(second.joined.conversation.id).toBe(first.joined.conversation.id);
    await ok(first.v.emitWithAck("message:send", { clientId: "a", choice: "capture" }));
    const fromSecond = await ok(second.v.emitWithAck("message:send", { clientId: "b", text: "about 40k" }));
    expect(fromSecond.message.conversationId).toBe(first.joined.conversation.id);
    const again = await opened(h, first.joined.visitorToken);
    expect(again.joined.conversation.id).toBe(first.joined.conversation.id);
    expect(again.joined.messages.map((m) => m.clientId)).toEqual(expect.arrayContaining(["a", "b"]));
  });

  it("H3 pages and identity before the first message are kept with it; closing an unused chat leaves nothing", async () => {
    const h = app();
    const { v, joined } = await opened(h);
    await ok(v.emitWithAck("page:view", { pageUrl: "https://acme.com/pricing" }));
    await ok(v.emitWithAck("visitor:identify", { email: "ivy@acme.io", name: "Ivy" }));
    await ok(v.emitWithAck("typing:set", { typing: true }));
    expect(await h.store.getConversation(joined.conversation.id)).toBeNull();
    await ok(v.emitWithAck("message:send", { clientId: "m1", text: "hello" }));
    expect(await h.store.getConversation(joined.conversation.id)).toMatchObject({
      pageTrail: ["https://acme.com/pricing"],
      identity: { email: "ivy@acme.io", name: "Ivy", verified: false },
    });

    const other = await opened(h);
    const closed = await ok(other.v.emitWithAck("conversation:close", {}));
    expect(closed.conversation.status).toBe("closed");
    expect(await h.store.getConversation(other.joined.conversation.id)).toBeNull();
  });

  it("H3 a visitor who comes back after a chat ended starts a new draft with a new id", async () => {
    const h = app();
    const { v, joined } = await opened(h);
    await qualifyHot(v, "vic@big.co");
    await ok(v.emitWithAck("conversation:close", {}));
    const again = await ok(
      v.emitWithAck("conversation:join", { lastSeq: 0, visitorToken: joined.visitorToken, startNew: true }),
    );
    expect(again.conversation.id).not.toBe(joined.conversation.id);
    expect(again.conversation.status).toBe("bot");
    expect(await h.store.getConversation(again.conversation.id)).toBeNull();
  });

  it("H3 a tab whose draft another tab stored and closed cannot bring it back: its message is refused, nothing lost", async () => {
    const h = app();
    const first = await opened(h);
    const second = await opened(h, first.joined.visitorToken);
    await ok(first.v.emitWithAck("message:send", { clientId: "a", choice: "capture" }));
    await ok(first.v.emitWithAck("message:send", { clientId: "b", text: "about 40k" }));
    await ok(first.v.emitWithAck("conversation:close", {}));
    const id = first.joined.conversation.id;
    const before = await h.store.getConversation(id);
    const late = await second.v.emitWithAck("message:send", { clientId: "c", text: "hello again" });
    expect(late).toMatchObject({ ok: false, error: { code: "CLOSED" } });
    expect(await h.store.getConversation(id)).toEqual(before);
    expect(before).toMatchObject({ status: "closed", engine: { slots: { budget: { value: { amount: 40_000 } } } } });
  });

  it("H3 a tab that still holds a draft another tab stored closes the stored conversation, not a draft", async () => {
    const h = app();
    const first = await opened(h);
    const second = await opened(h, first.joined.visitorToken);
    await ok(first.v.emitWithAck("message:send", { clientId: "a", choice: "capture" }));
    await ok(second.v.emitWithAck("page:view", { pageUrl: "https://acme.com/pricing" }));
    const closed = await ok(second.v.emitWithAck("conversation:close", {}));
    expect(closed.conversation.status).toBe("closed");
    expect(await h.store.getConversation(first.joined.conversation.id)).toMatchObject({
      status: "closed",
      pageTrail: ["https://acme.com/pricing"],
    });
  });

  it("H3 a refused first quick reply starts nothing; a chat closed unused refuses a message as ended", async () => {
    const h = app();
    const { v, joined } = await opened(h);
    const bogus = await v.emitWithAck("message:send", { clientId: "a", choice: "not-an-option" });
    expect(bogus).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    expect(await h.store.getConversation(joined.conversation.id)).toBeNull();
    await ok(v.emitWithAck("conversation:close", {}));
    const after = await v.emitWithAck("message:send", { clientId: "b", text: "hello" });
    expect(after).toMatchObject({ ok: false, error: { code: "CLOSED" } });
    expect(await h.store.getConversation(joined.conversation.id)).toBeNull();
  });

  it("H1 a hot lead nobody can take is told at once, and its widget hears the conversation's new state", async () => {
    const h = app();
    const { v } = await opened(h);
    const views: ConversationView[] = [];
    v.on("conversation:updated", (c) => views.push(c));
    await qualifyHot(v, "ned@big.co");
    await expect.poll(() => views.at(-1)?.qualification?.tier).toBe("hot");
    expect(views.at(-1)?.status).toBe("bot");
  });

  it("H3 End chat right after the first message keeps the message: the close waits for the socket's send", async () => {
    const h = app();
    const { v, joined } = await opened(h);
    const id = joined.conversation.id;
    // Both leave at once, as from a visitor who presses Enter then End chat: the send is still counting its limits
    // and storing the draft when the close arrives.
    const sent = v.emitWithAck("message:send", { clientId: "m1", text: "call me maybe" });
    const closed = v.emitWithAck("conversation:close", {});
    expect((await ok(sent)).message).toMatchObject({ conversationId: id, author: "visitor", text: "call me maybe" });
    expect((await ok(closed)).conversation).toMatchObject({ id, status: "closed" });
    const stored = (await h.store.listMessages(id, 0)).map((m) => [m.author, m.text]);
    expect(stored.slice(2, 3)).toEqual([["visitor", "call me maybe"]]);
    expect(stored.at(-1)?.[0]).toBe("system");
    expect((await h.store.getConversation(id))?.status).toBe("closed");
  });
});
