// GET /api/sites/:key/questions (A4, A5): what visitors asked that the bot could not answer, read from the counters
// each conversation's write keeps (shared/leads/SPEC.md Q1), over real sockets on Redis. Owners only; an answer
// published for a question clears it, and an erased conversation takes its questions with it.
import { describe, expect, it } from "vitest";
import { defaultPlaybook } from "../../shared/engine/index.ts";
import type { UnansweredQuestions } from "../../shared/protocol/index.ts";
import { call } from "../support/api.ts";
import { appOnRedis, connected, type Harness, ok } from "../support/app.ts";

// A new visitor who asks each question in turn; returns the conversation's id.
async function visitorAsks(h: Harness, ...questions: string[]): Promise<string> {
  const v = h.visitor();
  await connected(v);
  const joined = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
  for (const [i, text] of questions.entries()) await ok(v.emitWithAck("message:send", { clientId: `q${i}`, text }));
  v.disconnect();
  return joined.conversation.id;
}

describe("unanswered questions (Redis)", () => {
  const app = appOnRedis();
  const list = async (token: string): Promise<UnansweredQuestions> => {
    const res = await call(app().url, token, "GET", `/api/sites/${app().siteKey}/questions`);
    expect(res.status).toBe(200);
    return res.body as UnansweredQuestions;
  };

  it("A5 lists the questions the bot did not know, most asked first, without those it answered", async () => {
    const h = app();
    const { token } = await h.login();
    expect(await list(token)).toEqual({ questions: [] });
    const before = Date.now();
    await visitorAsks(h, "do you have an iPhone app?", "what does it cost?");
    await visitorAsks(h, "Do you have an iPhone app", "is there an office in Lisbon?");
    const { questions } = await list(token);
    expect(questions.map((q) => [q.text, q.count])).toEqual([
      ["Do you have an iPhone app", 2],
      ["is there an office in Lisbon?", 1],
    ]);
    expect(questions[0]?.lastAskedAt).toBeGreaterThanOrEqual(before);
  });

  it("A5 a question the published playbook now answers leaves the list; an erased conversation's questions too", {
    timeout: 20_000,
  }, async () => {
    const h = app();
    const { token } = await h.login();
    await visitorAsks(h, "do you have an iPhone app?");
    const lisbon = await visitorAsks(h, "is there an office in Lisbon?");
    expect((await list(token)).questions).toHaveLength(2);

    const answers = [
      ...(defaultPlaybook.answers ?? []),
      { id: "mobile", topic: "Mobile app", questions: ["do you have an iPhone app?"], answer: "Not yet." },
    ];
    const put = await call(h.url, token, "PUT", `/api/sites/${h.siteKey}/playbook`, { ...defaultPlaybook, answers });
    expect(put.status).toBe(200);
    expect((await list(token)).questions.map((q) => q.text)).toEqual(["is there an office in Lisbon?"]);

    const visitorId = (await h.store.getConversation(lisbon))?.visitorId;
    expect((await call(h.url, token, "POST", "/api/privacy/erase", { visitorId })).status).toBe(200);
    expect((await list(token)).questions).toEqual([]);
  });

  it("is for owners only, and names an unknown site", async () => {
    const h = app();
    expect((await fetch(`${h.url}/api/sites/${h.siteKey}/questions`)).status).toBe(401);
    await h.addRep("rep@test.local", "Rep");
    const rep = await h.login("rep@test.local");
    expect((await call(h.url, rep.token, "GET", `/api/sites/${h.siteKey}/questions`)).status).toBe(403);
    const { token } = await h.login();
    const missing = await call(h.url, token, "GET", "/api/sites/no-such-site/questions");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("UNKNOWN_SITE");
  });
});
