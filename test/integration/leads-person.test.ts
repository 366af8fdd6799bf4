// The same person chatting twice is one lead (shared/leads/SPEC.md, P1-P7), over real sockets and Redis: one row
// in /api/leads and the CSV, every conversation on the lead's page, the owner and status carried to the newest
// conversation, and the earlier follow-ups closed when the new chat goes live.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type {
  IdentitySecret,
  JoinRequest,
  LeadDetail,
  LeadRow,
  Message,
  SiteResult,
} from "../../shared/protocol/index.ts";
import { call } from "../support/api.ts";
import { appOnRedis, connected, next, ok, onMessage, qualifyHot, type VisitorClient } from "../support/app.ts";
import { until } from "../support/processes.ts";

const hmac = (secret: string, userId: string) => createHmac("sha256", secret).update(userId).digest("hex");

describe("one lead per person (Redis)", () => {
  const app = appOnRedis();

  const owner = async () => (await app().login()).token;

  // A new visitor (no token: another device) who answers like a buyer and leaves `email`.
  async function visit(email: string, siteKey?: string) {
    const v: VisitorClient = app().visitor(siteKey ? { siteKey } : {});
    await connected(v);
    const heard: Message[] = [];
    onMessage(v, (m) => heard.push(m));
    const { conversation } = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    await qualifyHot(v, email);
    v.disconnect();
    return conversation.id;
  }

  // A new visitor the host page identified, who says hello.
  async function identified(identity: JoinRequest["identity"]) {
    const v: VisitorClient = app().visitor();
    await connected(v);
    const { conversation } = await ok(
      v.emitWithAck("conversation:join", { lastSeq: 0, ...(identity ? { identity } : {}) }),
    );
    await ok(v.emitWithAck("message:send", { clientId: "hello", text: "hello" }));
    v.disconnect();
    return conversation.id;
  }

  async function rows(token: string, site = app().siteKey): Promise<LeadRow[]> {
    const res = await call(app().url, token, "GET", `/api/leads?site=${site}`);
    expect(res.status).toBe(200);
    return res.body.leads;
  }

  it("P1 P3 P5 the same email in two visits is one row with 2 conversations, in the list and the CSV; another site and another email stay apart", async () => {
    const token = await owner();
    const other = await call(app().url, token, "POST", "/api/sites", {
      name: "Other",
      allowedOrigins: ["http://localhost:*"],
    });
    const otherKey = (other.body as SiteResult).site.key;
    const first = await visit("ana@corp.co");
    const second = await visit("Ana@Corp.co");
    await visit("ben@corp.co");
    await visit("ana@corp.co", otherKey);

    const list = await rows(token);
    expect(list).toHaveLength(2);
    const ana = list.find((r) => r.email === "ana@corp.co");
    expect(ana).toMatchObject({ conversationId: second, conversations: 2, conversationIds: [first, second] });
    expect(list.find((r) => r.email === "ben@corp.co")?.conversations).toBe(1);
    expect(await rows(token, otherKey)).toMatchObject([{ email: "ana@corp.co", conversations: 1 }]);

    const csv = await fetch(`${app().url}/api/leads.csv?site=${app().siteKey}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const [head, ...lines] = (await csv.text()).trim().split("\r\n");
    expect(head?.endsWith(",identity verified,conversations")).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => l.includes("ana@corp.co"))?.endsWith(",2")).toBe(true);
    expect(lines.find((l) => l.includes("ben@corp.co"))?.endsWith(",1")).toBe(true);

    // P5: the lead's page lists both, newest first, each with its own transcript.
    const detail = await call(app().url, token, "GET", `/api/leads/${first}`);
    expect((detail.body as LeadDetail).conversations.map((c) => c.conversationId)).toEqual([second, first]);
    expect((detail.body as LeadDetail).lead.conversationId).toBe(first);
  });

  it("P2 a verified userId merges; an unverified userId does not", async () => {
    const token = await owner();
    const secret = (
      (await call(app().url, token, "GET", `/api/sites/${app().siteKey}/identity-secret`)).body as IdentitySecret
    ).secret;
    const verified = { userId: "u-1", userHash: hmac(secret, "u-1") };
    const a = await identified(verified);
    const b = await identified({ ...verified, name: "Ida" });
    await identified({ userId: "u-2" });
    await identified({ userId: "u-2" });

    const list = await rows(token);
    expect(list).toHaveLength(3);
    expect(list.find((r) => r.identity?.userId === "u-1")).toMatchObject({ conversations: 2, conversationIds: [a, b] });
    expect(list.filter((r) => r.identity?.userId === "u-2").map((r) => r.conversations)).toEqual([1, 1]);
  });

  it("P6 the status set on the first conversation carries to the second, where the row reads it", async () => {
    const token = await owner();
    const first = await visit("cleo@corp.co");
    const set = await call(app().url, token, "PATCH", `/api/conversations/${first}/sales`, { status: "working" });
    expect(set.status).toBe(200);
    const second = await visit("cleo@corp.co");
    await until(async () => (await app().store.getConversation(second))?.sales?.status === "working", 5000, "carried");
    expect((await app().store.getConversation(second))?.sales).toMatchObject({
      status: "working",
      carriedFrom: first,
      history: [{ status: "working" }],
    });
    const row = (await rows(token)).find((r) => r.email === "cleo@corp.co");
    expect(row).toMatchObject({ conversationId: second, sales: { status: "working" } });
    // A change on the person's lead is made on the newest conversation, and the row shows it.
    await call(app().url, token, "PATCH", `/api/conversations/${second}/sales`, { status: "sql" });
    expect((await rows(token)).find((r) => r.email === "cleo@corp.co")?.sales?.status).toBe("sql");
  });

  it("P7 FU6 the follow-ups of the person's earlier conversation close when their new chat goes live", async () => {
    // Nobody online: the first visit leaves a callback.
    const v: VisitorClient = app().visitor();
    await connected(v);
    const heard: Message[] = [];
    onMessage(v, (m) => heard.push(m));
    const { conversation } = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    await qualifyHot(v, "dora@corp.co");
    await until(() => heard.some((m) => m.text.includes("Nobody from the team is online")), 5000, "fallback");
    await ok(v.emitWithAck("message:send", { clientId: "cb", text: "+1 415 555 0123, tomorrow at 10" }));
    const itemId = `fu_${conversation.id}_callback`;
    await until(async () => (await app().store.getFollowUp(itemId)) !== null, 5000, "the callback item");
    v.disconnect();

    // The same person from another device (another visitor id) reaches a rep.
    const rep = app().rep(await owner());
    await connected(rep);
    await ok(rep.emitWithAck("presence:set", { status: "available" }));
    const offered = next<{ conversationId: string }>(rep, "offer:created");
    const second = visit("dora@corp.co");
    const { conversationId } = await offered;
    await second;
    await ok(rep.emitWithAck("offer:accept", { conversationId }));
    await until(async () => (await app().store.getFollowUp(itemId))?.state === "done", 5000, "the item closed");
    expect(await app().store.getFollowUp(itemId)).toMatchObject({ doneBy: "system" });
  });
});
