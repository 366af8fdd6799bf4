// The follow-up queue and the lead's sales status end to end, over real sockets and Redis
// (shared/followups/SPEC.md, docs/follow-ups.md).
import { describe, expect, it } from "vitest";
import { createFollowUpOpener } from "../../server/followups/opener.ts";
import { silentLogger } from "../../server/log.ts";
import { createRedisStore } from "../../server/store/redis-store.ts";
import type { Conversation } from "../../server/store/types.ts";
import { dueGroupOf, readCallbackTime, wallClock } from "../../shared/followups/index.ts";
import type { FollowUpView, LeadCard, Message, WebhookEndpointView } from "../../shared/protocol/index.ts";
import { call } from "../support/api.ts";
import { appOnRedis, connected, next, ok, onMessage, qualifyHot, type VisitorClient } from "../support/app.ts";
import { until } from "../support/processes.ts";
import { redisUrl } from "../support/redis.ts";
import { receiverNetwork, webhookReceiver } from "../support/webhook-receiver.ts";

describe("follow-ups (Redis)", () => {
  // A returning visitor qualifies twice within seconds: more than the default 10 messages per 10 s.
  const app = appOnRedis({
    limits: { messagesPerVisitor: { limit: 100, windowMs: 10_000 } },
    webhookAllowNetworks: receiverNetwork,
  });

  async function repNamed(name: string, siteKeys?: string[]) {
    const email = `${name.toLowerCase()}@test.local`;
    await app().addRep(email, name);
    const { token, user } = await app().login(email);
    if (siteKeys) await app().store.updateUser(user.id, (u) => ({ ...u, siteKeys }));
    return { token, id: user.id };
  }

  async function list(token: string): Promise<FollowUpView[]> {
    const res = await call(app().url, token, "GET", "/api/followups");
    expect(res.status).toBe(200);
    return res.body.followUps;
  }

  async function hotVisitor(email: string, visitorToken?: string) {
    const v: VisitorClient = app().visitor();
    await connected(v);
    const heard: Message[] = [];
    onMessage(v, (m) => heard.push(m));
    const joined = await ok(
      v.emitWithAck("conversation:join", {
        lastSeq: 0,
        timeZone: "Europe/Paris",
        ...(visitorToken ? { visitorToken, startNew: true } : {}),
      }),
    );
    await qualifyHot(v, email);
    return { v, heard, joined };
  }

  // A hot lead with nobody online leaves a callback (L10, L11): the conversation closes with it.
  async function leaveCallback(email = "cara@corp.co", when = "tomorrow at 10") {
    const visit = await hotVisitor(email);
    await until(() => visit.heard.some((m) => m.text.includes("Nobody from the team is online")), 5000, "fallback");
    await ok(visit.v.emitWithAck("message:send", { clientId: "cb", text: `+1 415 555 0123, ${when}` }));
    const id = visit.heard[0]?.conversationId as string;
    await until(async () => (await app().store.getFollowUp(`fu_${id}_callback`)) !== null, 5000, "the callback item");
    return { ...visit, id };
  }

  it("FU1 a callback left with nobody online opens one item due when the visitor asked; done in one request", async () => {
    const { id } = await leaveCallback();
    const { token: owner } = await app().login();
    const [item] = await list(owner);
    expect(item).toMatchObject({
      item: { kind: "callback", conversationId: id, state: "open" },
      askedWhen: "tomorrow at 10",
      timeZone: "Europe/Paris",
      lead: { email: "cara@corp.co", phone: "+14155550123", tier: "hot" },
    });
    const dueAt = item?.item.dueAt as number;
    expect(dueAt).toBe(readCallbackTime("tomorrow at 10", item?.item.createdAt as number, "Europe/Paris"));
    expect(wallClock(dueAt, "Europe/Paris")).toMatchObject({ hour: 10, minute: 0 });
    // FU7: the missed handoff the callback answers is closed, not listed beside it.
    expect(await app().store.getFollowUp(`fu_${id}_missed-handoff`)).toMatchObject({ state: "done", doneBy: "system" });
    expect(await list(owner)).toHaveLength(1);

    const ann = await repNamed("Ann");
    const done = await call(app().url, ann.token, "POST", `/api/followups/${item?.item.id}/done`);
    expect(done.status).toBe(200);
    expect(done.body.followUp.item).toMatchObject({ state: "done", doneBy: ann.id });
    expect(await list(ann.token)).toEqual([]);

    // The funnel (F17-F18): the callback done before its time counts on time, for Ann; the missed handoff it
    // replaced is not counted.
    const funnel = await call(app().url, owner, "GET", "/api/funnel");
    expect(funnel.body.followUpsOnTime.all).toMatchObject({ due: 1, onTime: 1, share: 1 });
    expect(
      funnel.body.followUpsOnTime.byRep.map((r: { label: string; onTime: number }) => [r.label, r.onTime]),
    ).toEqual([["Ann", 1]]);
  });

  it("a snoozed item waits until its time; bodies are checked; a rep of another site can neither see nor touch it", async () => {
    const { id } = await leaveCallback("dan@corp.co", "now");
    const ann = await repNamed("Ann");
    const itemId = `fu_${id}_callback`;
    const path = `/api/followups/${itemId}`;
    const [due] = await list(ann.token);
    expect(dueGroupOf(due?.item as { dueAt: number }, Date.now(), Date.now() + 3600_000)).toBe("overdue");

    const until2h = Date.now() + 2 * 3600_000;
    const snoozed = await call(app().url, ann.token, "POST", `${path}/snooze`, { until: until2h });
    expect(snoozed.status).toBe(200);
    const [later] = await list(ann.token);
    expect(later?.item.snoozedUntil).toBe(until2h);
    expect(dueGroupOf(later?.item as { dueAt: number }, Date.now(), Date.now() + 3600_000)).toBe("upcoming");
    for (const bad of [{ until: "soon" }, { until: until2h, extra: 1 }, { until: Date.now() - 1000 }, {}]) {
      expect((await call(app().url, ann.token, "POST", `${path}/snooze`, bad)).body.error.code).toBe("BAD_REQUEST");
    }

    // Reps take an item themselves; only owners assign it to someone else.
    const bob = await repNamed("Bob");
    expect((await call(app().url, ann.token, "POST", `${path}/assign`, { ownerId: bob.id })).status).toBe(403);
    const taken = await call(app().url, ann.token, "POST", `${path}/assign`, { ownerId: ann.id });
    expect(taken.body.followUp).toMatchObject({ item: { ownerId: ann.id }, ownerName: "Ann" });
    const { token: owner } = await app().login();
    expect((await call(app().url, owner, "POST", `${path}/assign`, { ownerId: bob.id })).status).toBe(200);
    expect((await list(bob.token))[0]?.ownerName).toBe("Bob");

    const eve = await repNamed("Eve", ["another-site"]);
    expect(await list(eve.token)).toEqual([]);
    for (const [method, p, body] of [
      ["POST", `${path}/done`, undefined],
      ["POST", `${path}/snooze`, { until: until2h }],
      ["POST", `${path}/assign`, { ownerId: eve.id }],
      ["PATCH", `/api/conversations/${id}/sales`, { status: "working" }],
    ] as const) {
      const res = await call(app().url, eve.token, method, p, body);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
    expect(await app().store.getFollowUp(itemId)).toMatchObject({ state: "open", ownerId: bob.id });

    // FU13: the lead's new owner takes its open items.
    const moved = await call(app().url, owner, "PATCH", `/api/conversations/${id}/sales`, { ownerId: ann.id });
    expect(moved.body.lead.sales).toMatchObject({ ownerId: ann.id, ownerName: "Ann" });
    await until(async () => (await app().store.getFollowUp(itemId))?.ownerId === ann.id, 5000, "the item's new owner");
  });

  it("FU6 FU10 a rep accepting the returning visitor's new chat owns the lead and closes what was owed", async () => {
    const first = await leaveCallback("eli@corp.co");
    const itemId = `fu_${first.id}_callback`;
    first.v.disconnect();
    const ann = await repNamed("Ann");
    const rep = app().rep(ann.token);
    await connected(rep);
    await ok(rep.emitWithAck("presence:set", { status: "available" }));
    const offered = next<LeadCard>(rep, "offer:created");
    await hotVisitor("eli@corp.co", first.joined.visitorToken);
    const { conversationId } = await offered;
    expect(conversationId).not.toBe(first.id);
    await ok(rep.emitWithAck("offer:accept", { conversationId }));
    expect((await app().store.getConversation(conversationId))?.sales).toMatchObject({
      ownerId: ann.id,
      ownerName: "Ann",
      status: "new",
    });
    await until(async () => (await app().store.getFollowUp(itemId))?.state === "done", 5000, "the item closed");
    expect(await app().store.getFollowUp(itemId)).toMatchObject({ doneBy: "system" });
  });

  it("FU11 FU12 a status change is kept in the history, shows SQL on the card, and fires lead.status_changed once", async () => {
    const receiver = await webhookReceiver();
    try {
      const { token: owner } = await app().login();
      const added = await call(app().url, owner, "POST", `/api/sites/${app().siteKey}/webhooks`, {
        url: receiver.url,
        events: ["lead.status_changed"],
      });
      expect(added.status).toBe(201);
      expect((added.body.endpoint as WebhookEndpointView).events).toEqual(["lead.status_changed"]);
      const ann = await repNamed("Ann");
      const bob = await repNamed("Bob");
      const rep = app().rep(ann.token);
      await connected(rep);
      await ok(rep.emitWithAck("presence:set", { status: "available" }));
      const offered = next<LeadCard>(rep, "offer:created");
      await hotVisitor("fay@corp.co");
      const { conversationId } = await offered;
      await ok(rep.emitWithAck("offer:accept", { conversationId }));
      const path = `/api/conversations/${conversationId}/sales`;

      expect((await call(app().url, bob.token, "PATCH", path, { status: "sql" })).status).toBe(403);
      const refused = await call(app().url, ann.token, "PATCH", path, { status: "rejected" });
      expect(refused.body.error).toMatchObject({
        code: "BAD_REQUEST",
        message: "A lead marked rejected needs a reason.",
      });
      expect((await call(app().url, ann.token, "PATCH", path, { status: "sold" })).status).toBe(400);

      const sql = await call(app().url, ann.token, "PATCH", path, { status: "sql" });
      expect(sql.status).toBe(200);
      const lead = sql.body.lead as LeadCard;
      expect(lead.qualification.stage).toBe("sql");
      expect(lead.sales).toMatchObject({ status: "sql", ownerId: ann.id, history: [{ status: "sql", by: ann.id }] });
      // The same again is no change: no second history entry, no second event.
      await call(app().url, ann.token, "PATCH", path, { status: "sql" });
      await until(() => receiver.received.length >= 1, 10_000, "the webhook");
      await new Promise((r) => setTimeout(r, 500));
      expect(receiver.received.map((r) => r.payload.type)).toEqual(["lead.status_changed"]);
      expect(receiver.received[0]?.payload.data.lead.sales?.status).toBe("sql");

      // Owners reassign; the new owner changes the status, with the reason lost needs.
      expect((await call(app().url, owner, "PATCH", path, { ownerId: bob.id })).body.lead.sales.ownerName).toBe("Bob");
      const lost = await call(app().url, bob.token, "PATCH", path, {
        status: "lost",
        reason: "Went with a competitor",
      });
      expect(lost.body.lead.sales.history.map((h: { status: string }) => h.status)).toEqual(["sql", "lost"]);
      expect(lost.body.lead.sales.reason).toBe("Went with a competitor");
    } finally {
      await receiver.close();
    }
  });

  it("FU8 two processes handling the same write open its item once", async () => {
    const { id } = await leaveCallback("gus@corp.co");
    const c = (await app().store.getConversation(id)) as Conversation;
    await app().store.eraseVisitor(c.siteKey, c.visitorId);
    const kept = await app().store.createConversation({ ...c, status: "bot", callback: {}, rev: 0 });
    const closed = { ...kept, status: "closed" as const, callback: { phone: "+1", when: "now" } };
    const prefix = app().redis?.prefix as string;
    const stores = await Promise.all([1, 2].map(() => createRedisStore(redisUrl(), prefix, silentLogger)));
    try {
      const openers = stores.map((store) => createFollowUpOpener({ store, log: silentLogger, now: Date.now }));
      await Promise.all(openers.map((o) => o.written(kept, closed)));
      const items = await app().store.listConversationFollowUps(id);
      expect(items.map((f) => [f.kind, f.rev])).toEqual([["callback", 0]]);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
