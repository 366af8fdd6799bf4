// The whole path over real sockets and a real Redis: a visitor qualifies hot, a rep gets the offer, accepts,
// they chat both ways, the visitor resumes after reconnecting, and either side can close.
import { describe, expect, it } from "vitest";
import type { ConversationView, LeadCard, Message } from "../../shared/protocol/index.ts";
import { appOnRedis, connected, next, ok, qualifyHot, type RepClient, type VisitorClient } from "../support/app.ts";

describe("handoff flow (Redis)", () => {
  const app = appOnRedis();

  async function visitorJoins(v: VisitorClient, visitorToken?: string, lastSeq = 0) {
    await connected(v);
    return ok(
      v.emitWithAck(
        "conversation:join",
        visitorToken ? { visitorToken, lastSeq } : { lastSeq, pageUrl: "http://localhost:5555/pricing" },
      ),
    );
  }

  async function repConnects(): Promise<RepClient> {
    const { token } = await app().login();
    const r = app().rep(token);
    await connected(r);
    return r;
  }

  it("qualifies a hot lead, hands it to a rep, and carries a live chat both ways", async () => {
    const rep = await repConnects();
    const inbox = await ok(rep.emitWithAck("inbox:get", {}));
    expect(inbox.offers).toEqual([]);
    expect(inbox.me.email).toBe("owner@test.local");

    const v = app().visitor();
    const joined = await visitorJoins(v);
    expect(joined.conversation.status).toBe("bot");
    expect(joined.messages.map((m) => m.author)).toEqual(["bot", "bot"]);
    expect(joined.messages[1]?.options?.length).toBeGreaterThan(0);

    const offer = next<LeadCard>(rep, "offer:created");
    await ok(v.emitWithAck("message:send", { clientId: "m1", choice: "capture" }));
    await ok(v.emitWithAck("message:send", { clientId: "m2", text: "about 40k" }));
    await ok(v.emitWithAck("message:send", { clientId: "m3", text: "I'm the founder, I decide" }));
    const queued = next<ConversationView>(v, "conversation:updated");
    await ok(v.emitWithAck("message:send", { clientId: "m4", choice: "month" }));
    await ok(v.emitWithAck("message:send", { clientId: "m5", text: "ana@acme.io" }));
    expect((await queued).status).toBe("queued");

    const lead = await offer;
    expect(lead.qualification).toMatchObject({ tier: "hot", stage: "sql", score: 100 });
    expect(lead.email).toBe("ana@acme.io");
    expect(lead.pageUrl).toBe("http://localhost:5555/pricing");
    expect(lead.answers.map((a) => [a.slot, a.answer])).toEqual([
      ["need", "Capture more leads from our website"],
      ["budget", "about $40,000"],
      ["authority", "decision maker (Founder)"],
      ["timing", "this month"],
    ]);

    const live = next<ConversationView>(v, "conversation:updated");
    const detail = await ok(rep.emitWithAck("offer:accept", { conversationId: lead.conversationId }));
    expect(detail.conversation.status).toBe("live");
    expect(detail.messages.some((m) => m.text === "ana@acme.io")).toBe(true);
    expect((await live).repName).toBe("Owner");

    const toVisitor = next<Message>(v, "message:created");
    await ok(rep.emitWithAck("message:send", { conversationId: lead.conversationId, clientId: "r1", text: "Hi Ana!" }));
    expect(await toVisitor).toMatchObject({ author: "rep", authorName: "Owner", text: "Hi Ana!" });

    const toRep = next<Message>(rep, "message:created");
    await ok(v.emitWithAck("message:send", { clientId: "m6", text: "Hello <b>rep</b>" }));
    expect(await toRep).toMatchObject({ author: "visitor", text: "Hello <b>rep</b>" });

    // The visitor goes away; the rep writes; the visitor comes back with its token and last seq.
    const lastSeq = Math.max(
      ...(await ok(v.emitWithAck("conversation:join", { visitorToken: joined.visitorToken, lastSeq: 0 }))).messages.map(
        (m) => m.seq,
      ),
    );
    v.disconnect();
    await ok(
      rep.emitWithAck("message:send", { conversationId: lead.conversationId, clientId: "r2", text: "Still there?" }),
    );
    const back = app().visitor();
    const resumed = await visitorJoins(back, joined.visitorToken, lastSeq);
    expect(resumed.conversation.id).toBe(lead.conversationId);
    expect(resumed.messages.map((m) => [m.seq, m.text])).toEqual([[lastSeq + 1, "Still there?"]]);

    const closed = next<ConversationView>(back, "conversation:updated");
    await ok(rep.emitWithAck("conversation:close", { conversationId: lead.conversationId }));
    expect((await closed).status).toBe("closed");
    const refused = await back.emitWithAck("message:send", { clientId: "m7", text: "wait" });
    expect(refused).toMatchObject({ ok: false, error: { code: "CLOSED" } });
  });

  it("another rep cannot read, write to or close a conversation that is not theirs", async () => {
    const owner = await repConnects();
    await app().addRep("rita@test.local", "Rita");
    const { token } = await app().login("rita@test.local");
    const rita = app().rep(token);
    await connected(rita);
    const v = app().visitor();
    await visitorJoins(v);
    const offer = next<LeadCard>(rita, "offer:created");
    await qualifyHot(v);
    const { conversationId } = await offer;
    await ok(owner.emitWithAck("offer:accept", { conversationId }));
    const attempts = [
      rita.emitWithAck("conversation:get", { conversationId, lastSeq: 0 }),
      rita.emitWithAck("message:send", { conversationId, clientId: "x", text: "hi, I'm Rita" }),
      rita.emitWithAck("conversation:close", { conversationId }),
    ];
    for (const ack of await Promise.all(attempts))
      expect(ack).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const detail = await ok(owner.emitWithAck("conversation:get", { conversationId, lastSeq: 0 }));
    expect(detail.conversation.status).toBe("live");
    expect(detail.messages.map((m) => m.text)).not.toContain("hi, I'm Rita");
  });

  it("first accept wins; the other rep gets CONFLICT and the offer is withdrawn", async () => {
    const a = await repConnects();
    const b = await repConnects();
    const v = app().visitor();
    await visitorJoins(v);
    const offer = next<LeadCard>(a, "offer:created");
    await qualifyHot(v);
    const { conversationId } = await offer;
    const withdrawn = next<{ conversationId: string }>(b, "offer:withdrawn");
    const results = await Promise.all([a, b].map((r) => r.emitWithAck("offer:accept", { conversationId })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect((await withdrawn).conversationId).toBe(conversationId);
  });

  it("the visitor can end the chat; a resent message is stored once; coming back starts afresh", async () => {
    const v = app().visitor();
    const joined = await visitorJoins(v);
    // A quick reply resent after it was answered (a lost ack) is the stored message, not a refusal.
    const click = await ok(v.emitWithAck("message:send", { clientId: "q1", choice: "capture" }));
    const resent = await ok(v.emitWithAck("message:send", { clientId: "q1", choice: "capture" }));
    expect(resent.message).toEqual(click.message);
    const first = await ok(v.emitWithAck("message:send", { clientId: "dup", text: "just browsing" }));
    const again = await ok(v.emitWithAck("message:send", { clientId: "dup", text: "just browsing" }));
    expect(again.message.seq).toBe(first.message.seq);
    const ended = await ok(v.emitWithAck("conversation:close", {}));
    expect(ended.conversation.status).toBe("closed");
    const all = await app().store.listMessages(joined.conversation.id, 0);
    expect(all.filter((m) => m.clientId === "dup")).toHaveLength(1);
    expect(all.at(-1)).toMatchObject({ author: "system", text: "The visitor ended the chat." });
    // Coming back after a closed chat shows it as it ended; asking for a new one starts afresh.
    const resumed = await ok(v.emitWithAck("conversation:join", { visitorToken: joined.visitorToken, lastSeq: 0 }));
    expect(resumed.conversation).toMatchObject({ id: joined.conversation.id, status: "closed" });
    const back = await ok(
      v.emitWithAck("conversation:join", { visitorToken: joined.visitorToken, lastSeq: 0, startNew: true }),
    );
    expect(back.conversation).toMatchObject({ status: "bot" });
    expect(back.conversation.id).not.toBe(joined.conversation.id);
    expect(back.messages[0]?.text).toBe(joined.messages[0]?.text);
  });
});
