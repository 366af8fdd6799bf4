// The visitor's rating of a chat with a rep (conversation:rate, lifecycle L13) over real sockets and Redis: only
// after a live chat ended, only the conversation's own visitor, validated, repeatable within its window, counted,
// kept on the conversation with its rep and nothing else changed, and erased with the visitor's data.
import { describe, expect, it } from "vitest";
import type { ConversationView, LeadCard } from "../../shared/protocol/index.ts";
import { call } from "../support/api.ts";
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

async function joinedVisitor(h: Harness, visitorToken?: string) {
  const v: VisitorClient = h.visitor();
  await connected(v);
  const joined = await ok(
    v.emitWithAck("conversation:join", { lastSeq: 0, ...(visitorToken ? { visitorToken } : {}) }),
  );
  return { v, joined };
}

// A hot lead the owner takes; `end` closes it as the rep.
async function liveChat(h: Harness) {
  const rep = await ownerOnline(h);
  const { v, joined } = await joinedVisitor(h);
  const offer = next<LeadCard>(rep, "offer:created");
  await qualifyHot(v);
  const { conversationId } = await offer;
  await ok(rep.emitWithAck("offer:accept", { conversationId }));
  const end = async () => {
    const closed = next<ConversationView>(v, "conversation:updated");
    await ok(rep.emitWithAck("conversation:close", { conversationId }));
    expect((await closed).status).toBe("closed");
  };
  return { rep, v, conversationId, visitorToken: joined.visitorToken, end };
}

describe("rating a chat (Redis)", () => {
  const app = appOnRedis({ limits: { ratingsPerConversation: { limit: 4, windowMs: 60_000 } } });

  it("L13 after the rep closes, the visitor rates 4 and adds a comment; the lead card has it with the rep, nothing else changed", async () => {
    const h = app();
    const { rep, v, conversationId, visitorToken, end } = await liveChat(h);
    await end();
    const before = await h.store.getConversation(conversationId);

    const first = await ok(v.emitWithAck("conversation:rate", { score: 4 }));
    expect(first.conversation).toMatchObject({ id: conversationId, status: "closed", rated: true });
    await ok(v.emitWithAck("conversation:rate", { score: 4, comment: "  Quick and\r\nhelpful \u0007" }));

    const after = await h.store.getConversation(conversationId);
    const rating = after?.rating;
    expect(rating).toMatchObject({ score: 4, comment: "Quick and\nhelpful", repName: "Owner" });
    expect(rating?.repId).toBe(before?.repId);
    // Only the rating (and the write's bookkeeping) changed.
    const { rating: _r, rev, updatedAt, ...rest } = after ?? ({} as never);
    const { rev: rev0, updatedAt: _u, ...rest0 } = before ?? ({} as never);
    expect(rest).toEqual(rest0);
    expect(rev).toBe((rev0 ?? 0) + 2);

    const detail = await ok(rep.emitWithAck("conversation:get", { conversationId, lastSeq: 0 }));
    expect(detail.lead.rating).toMatchObject({ score: 4, comment: "Quick and\nhelpful", repName: "Owner" });
    // No line was added to the transcript.
    expect(detail.messages.at(-1)?.text).toBe("Owner ended the chat.");

    // A reload: the server says it was rated, so the widget does not ask again.
    const back = await joinedVisitor(h, visitorToken);
    expect(back.joined.conversation).toMatchObject({ id: conversationId, rated: true });
  });

  it("L13 not while the chat is live, nor after a chat with the bot alone, nor before writing anything", async () => {
    const h = app();
    const { v, conversationId, end } = await liveChat(h);
    expect(await v.emitWithAck("conversation:rate", { score: 5 })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: "A chat can be rated once it has ended." },
    });
    await end();
    expect((await h.store.getConversation(conversationId))?.rating).toBeUndefined();

    // The bot alone: a visitor who answers and ends the chat.
    const bot = await joinedVisitor(h);
    expect(await bot.v.emitWithAck("conversation:rate", { score: 3 })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN", message: "Only a chat with a person can be rated." },
    });
    await ok(bot.v.emitWithAck("message:send", { clientId: "b1", choice: "capture" }));
    await ok(bot.v.emitWithAck("conversation:close", {}));
    expect(await bot.v.emitWithAck("conversation:rate", { score: 3 })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect((await h.store.getConversation(bot.joined.conversation.id))?.rating).toBeUndefined();

    // Before a join the socket has no conversation.
    const stranger = h.visitor();
    await connected(stranger);
    expect(await stranger.emitWithAck("conversation:rate", { score: 3 })).toMatchObject({
      ok: false,
      error: { code: "NOT_JOINED" },
    });
  });

  it("only the conversation's own visitor: another visitor reaches their own chat, never this one", async () => {
    const h = app();
    const { conversationId, end } = await liveChat(h);
    await end();
    // No request names a conversation: a visitor rates the one their token joined. A forged token is a new visitor.
    const other = await joinedVisitor(h, "forged.token");
    expect(other.joined.conversation.id).not.toBe(conversationId);
    expect(await other.v.emitWithAck("conversation:rate", { score: 1 })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect((await h.store.getConversation(conversationId))?.rating).toBeUndefined();
  });

  it("refuses a bad score or comment with BAD_REQUEST naming the field, and stores nothing", async () => {
    const h = app();
    const { v, conversationId, end } = await liveChat(h);
    await end();
    const bad: [unknown, string][] = [
      [{}, "score"],
      [{ score: 0 }, "score"],
      [{ score: 6 }, "score"],
      [{ score: 4.5 }, "score"],
      [{ score: "4" }, "score"],
      [{ score: 4, comment: "   " }, "comment"],
      [{ score: 4, comment: "x".repeat(1001) }, "comment"],
      [{ score: 4, comment: 7 }, "comment"],
      [{ score: 4, stars: 5 }, ""],
    ];
    for (const [req, path] of bad) {
      const ack = await v.emitWithAck("conversation:rate", req as never);
      expect(ack, JSON.stringify(req).slice(0, 40)).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
      if (!ack.ok) expect(ack.error.fields?.[0]?.path).toBe(path);
    }
    expect((await h.store.getConversation(conversationId))?.rating).toBeUndefined();
    // At the limit is fine.
    await ok(v.emitWithAck("conversation:rate", { score: 2, comment: "y".repeat(1000) }));
  });

  it("a repeat changes the score and keeps the comment; the same rating again writes nothing; then the limit", async () => {
    const h = app();
    const { v, conversationId, end } = await liveChat(h);
    await end();
    await ok(v.emitWithAck("conversation:rate", { score: 2, comment: "Slow to answer" }));
    const rated = await h.store.getConversation(conversationId);
    await ok(v.emitWithAck("conversation:rate", { score: 2 }));
    expect((await h.store.getConversation(conversationId))?.rev).toBe(rated?.rev);
    await ok(v.emitWithAck("conversation:rate", { score: 3 }));
    const changed = (await h.store.getConversation(conversationId))?.rating;
    expect(changed).toMatchObject({ score: 3, comment: "Slow to answer", at: rated?.rating?.at });
    // 4 a minute in these tests (5 in 10 minutes by default): the fifth is refused, and changes nothing.
    await ok(v.emitWithAck("conversation:rate", { score: 3 }));
    expect(await v.emitWithAck("conversation:rate", { score: 5 })).toMatchObject({
      ok: false,
      error: { code: "RATE_LIMITED" },
    });
    expect((await h.store.getConversation(conversationId))?.rating?.score).toBe(3);
  });

  it("erasing the visitor's data removes the rating and its comment with the conversation", async () => {
    const h = app();
    const { v, conversationId, end } = await liveChat(h);
    await end();
    const comment = "erase-me-comment-4711";
    await ok(v.emitWithAck("conversation:rate", { score: 5, comment }));
    const { token } = await h.login();
    const res = await call(h.url, token, "DELETE", `/api/leads/${conversationId}/visitor`);
    expect(res.status).toBe(200);
    expect(await h.store.getConversation(conversationId)).toBeNull();
    expect(await keysMentioning(redisUrl(), h.redis?.prefix ?? "", [conversationId, comment])).toEqual([]);
  });
});
