// Typing indicators both ways, and read receipts the visitor sees.
import { describe, expect, it } from "vitest";
import type { ConversationView, LeadCard, Typing } from "../../shared/protocol/index.ts";
import { appOnRedis, connected, next, ok, qualifyHot } from "../support/app.ts";

describe("typing and read receipts (Redis)", () => {
  const app = appOnRedis();

  async function liveChat() {
    const { token } = await app().login();
    const rep = app().rep(token);
    await connected(rep);
    const v = app().visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const offer = next<LeadCard>(rep, "offer:created");
    await qualifyHot(v);
    const { conversationId } = await offer;
    await ok(rep.emitWithAck("offer:accept", { conversationId }));
    return { rep, v, conversationId };
  }

  it("the rep sees the visitor typing and the visitor sees the rep, by name", async () => {
    const { rep, v, conversationId } = await liveChat();
    const toRep = next<Typing>(rep, "typing:updated");
    await ok(v.emitWithAck("typing:set", { typing: true }));
    expect(await toRep).toEqual({ conversationId, author: "visitor", typing: true });
    const toVisitor = next<Typing>(v, "typing:updated");
    await ok(rep.emitWithAck("typing:set", { conversationId, typing: true }));
    expect(await toVisitor).toEqual({ conversationId, author: "rep", name: "Owner", typing: true });
  });

  it("the rep's read mark reaches the visitor and never goes back", async () => {
    const { rep, v, conversationId } = await liveChat();
    const sent = await ok(v.emitWithAck("message:send", { clientId: "q", text: "are you there?" }));
    const updated = next<ConversationView>(v, "conversation:updated");
    await ok(rep.emitWithAck("conversation:read", { conversationId, seq: sent.message.seq }));
    expect((await updated).repReadSeq).toBe(sent.message.seq);
    const back = await ok(rep.emitWithAck("conversation:read", { conversationId, seq: 1 }));
    expect(back.conversation.repReadSeq).toBe(sent.message.seq);
    // A mark beyond what exists is capped at the last message.
    const far = await ok(rep.emitWithAck("conversation:read", { conversationId, seq: 10_000 }));
    expect(far.conversation.repReadSeq).toBe(far.conversation.lastSeq);
  });

  it("another rep can neither type into nor mark read a conversation that is not theirs", async () => {
    const { conversationId } = await liveChat();
    await app().addRep("rita@test.local", "Rita");
    const rita = app().rep((await app().login("rita@test.local")).token);
    await connected(rita);
    expect(await rita.emitWithAck("typing:set", { conversationId, typing: true })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await rita.emitWithAck("conversation:read", { conversationId, seq: 1 })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
  });
});
