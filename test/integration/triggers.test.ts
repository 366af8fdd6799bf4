// Proactive messages on the server (issue 19): the teasers' counts (POST /api/sites/:key/engage/events, funnel rule
// F24), a join from a clicked teaser (the trigger recorded on a new conversation, its entry point, engine E1b), and
// what the funnel and the lead card make of them (F25). Against the memory store and a real Redis.
import { randomUUID } from "node:crypto";
import { io } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMemoryStore } from "../../server/store/memory-store.ts";
import type { Store } from "../../server/store/types.ts";
import { addDays, isoDay } from "../../shared/funnel/index.ts";
import type { PendingTrigger, Trigger } from "../../shared/protocol/engage.ts";
import type { ConversationRecord, FunnelReport } from "../../shared/protocol/index.ts";
import { Conversation } from "../../widget/chat/conversation.ts";
import type { VisitorSocket } from "../../widget/transport/socket.ts";
import { connected, type Harness, hostOrigin, ok, startApp } from "../support/app.ts";
import { until } from "../support/processes.ts";
import { redisTestStore, redisUrl } from "../support/redis.ts";

const pricing: Trigger = {
  id: "pricing00001",
  name: "Pricing page, 30 s",
  enabled: true,
  when: { urls: ["/pricing*"], secondsOnPage: 30 },
  message: "Questions about plans? I can help.",
  quickReplies: ["Talk budget"],
  startAt: "budget",
  maxPerDay: 2,
  dismissDays: 7,
  duringBusinessHours: false,
  whenRepOnline: false,
  onSmallScreens: false,
};
const exit: Trigger = { ...pricing, id: "exit00000001", name: "Exit intent", when: { exitIntent: true } };

const stores: [
  string,
  () => Promise<{ store: Store; redis?: { url: string; prefix: string }; cleanup(): Promise<void> }>,
][] = [
  ["memory", async () => ({ store: createMemoryStore(), cleanup: async () => {} })],
  [
    "redis",
    async () => {
      const t = await redisTestStore();
      return { store: t.store, redis: { url: redisUrl(), prefix: t.prefix }, cleanup: t.cleanup };
    },
  ],
];

describe.each(stores)("proactive messages (%s)", (_name, makeStore) => {
  let h: Harness;
  let cleanup: () => Promise<void>;
  const limit = 6;
  beforeEach(async () => {
    const t = await makeStore();
    cleanup = t.cleanup;
    h = await startApp(t.store, {
      ...(t.redis ? { redis: t.redis } : {}),
      limits: { engageEventsPerIp: { limit, windowMs: 60_000 } },
    });
    await setTriggers([pricing, exit]);
  });
  afterEach(async () => {
    await h.close();
    await cleanup();
  });

  async function setTriggers(triggers: Trigger[]) {
    await h.store.updateSite(h.siteKey, (s) => ({ ...s, triggers }));
  }

  const today = () => isoDay(Date.now());

  function post(body: unknown, opts: { origin?: string | null; type?: string; key?: string; raw?: string } = {}) {
    const headers: Record<string, string> = { "content-type": opts.type ?? "application/json" };
    if (opts.origin !== null) headers.origin = opts.origin ?? hostOrigin;
    return fetch(`${h.url}/api/sites/${opts.key ?? h.siteKey}/engage/events`, {
      method: "POST",
      headers,
      body: opts.raw ?? JSON.stringify(body),
    });
  }
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;
  const counts = () => h.store.engageTotals(h.siteKey, [today()]);

  async function funnel(query = ""): Promise<FunnelReport> {
    const { token } = await h.login();
    const res = await fetch(`${h.url}/api/funnel?site=${h.siteKey}${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as FunnelReport;
  }

  describe("POST /api/sites/:key/engage/events", () => {
    it("counts shown, opened and dismissed per trigger for today (UTC), from an allowed origin, with CORS", async () => {
      for (const event of ["shown", "shown", "opened", "dismissed"]) {
        const res = await post({ trigger: "pricing00001", event });
        expect(res.status).toBe(204);
        expect(res.headers.get("access-control-allow-origin")).toBe("*");
      }
      // A beacon's text/plain body counts too (navigator.sendBeacon with a string needs no preflight).
      expect(
        (await post({ trigger: "exit00000001", event: "shown" }, { type: "text/plain;charset=UTF-8" })).status,
      ).toBe(204);
      expect(await counts()).toEqual([
        { trigger: "exit00000001", shown: 1, opened: 0, dismissed: 0 },
        { trigger: "pricing00001", shown: 2, opened: 1, dismissed: 1 },
      ]);
    });

    it("answers a fetch's preflight for other origins", async () => {
      const res = await fetch(`${h.url}/api/sites/${h.siteKey}/engage/events`, {
        method: "OPTIONS",
        headers: { origin: hostOrigin, "access-control-request-method": "POST" },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-allow-methods")).toContain("POST");
      expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-type");
    });

    it("refuses, with a typed error, an unknown site, a forbidden or missing origin, a bad body and an unknown trigger; nothing is counted and the server stays up", async () => {
      const good = { trigger: "pricing00001", event: "shown" };
      const unknownSite = await post(good, { key: "no-such-site" });
      expect(unknownSite.status).toBe(404);
      expect((await errorOf(unknownSite)).code).toBe("UNKNOWN_SITE");
      const forbidden = await post(good, { origin: "https://evil.example" });
      expect(forbidden.status).toBe(403);
      expect((await errorOf(forbidden)).code).toBe("FORBIDDEN_ORIGIN");
      const noOrigin = await post(good, { origin: null });
      expect(noOrigin.status).toBe(403);
      expect((await errorOf(noOrigin)).code).toBe("FORBIDDEN_ORIGIN");
      const unknownTrigger = await post({ trigger: "gone00000001", event: "shown" });
      expect(unknownTrigger.status).toBe(404);
      expect(await errorOf(unknownTrigger)).toEqual({
        code: "NOT_FOUND",
        message: "This site has no such proactive message.",
      });
      expect(await counts()).toEqual([]);
      expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    });

    it("refuses wrong types, unknown keys, bad JSON and a huge body with 400 or 413", async () => {
      await h.close();
      const t = await makeStore();
      const before = cleanup;
      cleanup = async () => {
        await before();
        await t.cleanup();
      };
      // A fresh app with room for every refusal below in its rate limit.
      h = await startApp(t.store, t.redis ? { redis: t.redis } : {});
      await setTriggers([pricing]);
      const bad: unknown[] = [
        { trigger: "pricing00001", event: "clicked" },
        { trigger: 12, event: "shown" },
        { trigger: "pricing00001", event: "shown", count: 1000 },
        { trigger: "PRICING00001", event: "shown" },
        ["pricing00001", "shown"],
        null,
      ];
      for (const body of bad) {
        const res = await post(body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect((await errorOf(res)).code).toBe("BAD_REQUEST");
      }
      const notJson = await post(null, { raw: "{trigger: pricing" });
      expect(notJson.status).toBe(400);
      expect((await errorOf(notJson)).code).toBe("BAD_REQUEST");
      const huge = await post({ trigger: "pricing00001", event: "shown", pad: "x".repeat(20_000) });
      expect(huge.status).toBe(413);
      expect((await errorOf(huge)).code).toBe("PAYLOAD_TOO_LARGE");
      expect(await counts()).toEqual([]);
    });

    it("a flood from one address adds no more than its rate limit, refusals included; then 429 with Retry-After", async () => {
      await post({ trigger: "gone00000001", event: "shown" }); // refused, and counted against the address
      const answers: number[] = [];
      for (let i = 0; i < 20; i++) answers.push((await post({ trigger: "pricing00001", event: "shown" })).status);
      expect(answers.filter((s) => s === 204)).toHaveLength(limit - 1);
      expect(answers.slice(limit - 1).every((s) => s === 429)).toBe(true);
      const refused = await post({ trigger: "pricing00001", event: "opened" });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await errorOf(refused)).code).toBe("RATE_LIMITED");
      expect(await counts()).toEqual([{ trigger: "pricing00001", shown: limit - 1, opened: 0, dismissed: 0 }]);
    });
  });

  describe("a join from a clicked teaser", () => {
    async function joinWith(trigger: { id: string; startAt?: string }, visitorToken?: string) {
      const v = h.visitor();
      await connected(v);
      const joined = await ok(
        v.emitWithAck("conversation:join", { lastSeq: 0, trigger, ...(visitorToken ? { visitorToken } : {}) }),
      );
      return { v, joined };
    }

    it("a new conversation records the trigger and starts at its question; the reply after is an ordinary message", async () => {
      const { v, joined } = await joinWith({ id: "pricing00001", startAt: "budget" });
      expect(joined.messages.map((m) => m.text)).toEqual([
        expect.any(String),
        "What budget do you have in mind, per year?",
      ]);
      const sent = await ok(v.emitWithAck("message:send", { clientId: "r1", text: "Talk budget" }));
      expect(sent.message.author).toBe("visitor");
      const c = await h.store.getConversation(joined.conversation.id);
      expect(c?.trigger).toBe("pricing00001");
      expect(c?.engine.asks).toMatchObject({ budget: expect.any(Number) });
      expect(c?.engine.asks?.need).toBeUndefined();
    });

    it("an unknown trigger is not recorded, and an unknown question is the usual start; neither is an error", async () => {
      const { v, joined } = await joinWith({ id: "gone00000001", startAt: "no-such-question" });
      expect(joined.messages.map((m) => m.text)).toContain("What brings you here today?");
      await ok(v.emitWithAck("message:send", { clientId: "r1", text: "hello" }));
      const c = await h.store.getConversation(joined.conversation.id);
      expect(c).not.toBeNull();
      expect(c?.trigger).toBeUndefined();
    });

    it("an existing conversation ignores both the trigger and its question", async () => {
      const first = await joinWith({ id: "pricing00001" });
      await ok(first.v.emitWithAck("message:send", { clientId: "m1", text: "hi there" }));
      first.v.disconnect();
      const again = await joinWith({ id: "exit00000001", startAt: "timing" }, first.joined.visitorToken);
      expect(again.joined.conversation.id).toBe(first.joined.conversation.id);
      const c = await h.store.getConversation(first.joined.conversation.id);
      expect(c?.trigger).toBe("pricing00001");
      expect(c?.engine.asks?.timing).toBeUndefined();
      expect(again.joined.messages.some((m) => m.text === "When do you need this in place?")).toBe(false);
    });

    it("the chat app's ChatHandle.engage() after a closed chat: a new conversation from the teaser, its reply sent", async () => {
      // widget/chat/conversation.ts over a real socket, its pending teaser in a variable instead of localStorage.
      let pending: PendingTrigger | undefined;
      const socket: VisitorSocket = io(`${h.url}/visitor`, {
        auth: { siteKey: h.siteKey },
        extraHeaders: { origin: hostOrigin },
        transports: ["websocket"],
        forceNew: true,
      });
      let token: string | undefined;
      const chat = new Conversation({
        socket,
        tokens: { get: () => token, set: (t) => (token = t), clear: () => (token = undefined) },
        outbox: { load: () => [], put: () => {}, drop: () => {} },
        newClientId: randomUUID,
        pageUrl: () => `${hostOrigin}/pricing`,
        trigger: () => pending,
        triggerDone: () => (pending = undefined),
      });
      try {
        const texts = () => chat.get().messages.map((m) => m.text);
        await until(() => chat.get().link === "online", 10_000, "the first join");
        chat.sendText("Just looking");
        await until(() => chat.get().outbox.length === 0 && texts().includes("Just looking"), 10_000, "the message");
        await chat.end();
        const first = chat.get().conversationId;
        expect(chat.get().status).toBe("closed");

        pending = { id: "pricing00001", startAt: "budget", reply: "Talk budget", at: Date.now() };
        chat.engage();
        await until(() => texts().includes("Talk budget") && chat.get().outbox.length === 0, 10_000, "the reply");
        expect(pending).toBeUndefined();
        const second = chat.get().conversationId;
        expect(second).not.toBe(first);
        expect(chat.get().status).not.toBe("closed");
        expect(texts()).toContain("What budget do you have in mind, per year?");
        expect(texts()).not.toContain("Just looking");
        const c = await h.store.getConversation(second ?? "");
        expect(c?.trigger).toBe("pricing00001");
        expect((await h.store.getConversation(first ?? ""))?.trigger).toBeUndefined();
      } finally {
        chat.dispose();
      }
    });

    it("refuses a malformed trigger with BAD_REQUEST naming the field", async () => {
      const v = h.visitor();
      await connected(v);
      for (const trigger of [
        { id: "x" },
        { id: "pricing00001", startAt: "Budget Q" },
        { id: "pricing00001", extra: 1 },
      ]) {
        const res = await v.emitWithAck("conversation:join", { lastSeq: 0, trigger: trigger as never });
        expect(res).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
        expect(JSON.stringify(res)).toContain("trigger");
      }
    });
  });

  it("the funnel reports each trigger over the range, a deleted one by id; the lead card names where the chat started", async () => {
    // Two conversations from the pricing teaser, one qualified (MQL or SQL); one without a teaser.
    for (const [i, choices] of [["capture", "over-100k", "decider", "month"], ["browsing"]].entries()) {
      const v = h.visitor();
      await connected(v);
      await ok(v.emitWithAck("conversation:join", { lastSeq: 0, trigger: { id: "pricing00001" } }));
      for (const [j, choice] of choices.entries())
        await ok(v.emitWithAck("message:send", { clientId: `c${i}-${j}`, choice }));
      if (i === 0) await ok(v.emitWithAck("message:send", { clientId: "c0-email", text: "bo@big.co" }));
    }
    const plain = h.visitor();
    await connected(plain);
    await ok(plain.emitWithAck("conversation:join", { lastSeq: 0 }));
    await ok(plain.emitWithAck("message:send", { clientId: "p1", text: "hello" }));
    for (const event of ["shown", "shown", "shown", "opened", "opened"])
      expect((await post({ trigger: "pricing00001", event })).status).toBe(204);
    // Counts of a day outside the range are not read.
    await h.store.countEngageEvent(h.siteKey, addDays(today(), -40), "pricing00001", "shown");

    const report = await funnel();
    expect(report.triggers).toEqual([
      {
        id: "pricing00001",
        name: "Pricing page, 30 s",
        shown: 3,
        opened: 2,
        dismissed: 0,
        openedRate: 2 / 3,
        conversations: 2,
        qualified: 1,
        qualifiedRate: 0.5,
      },
      expect.objectContaining({ id: "exit00000001", name: "Exit intent", shown: 0, conversations: 0 }),
    ]);
    const older = await funnel(`&from=${addDays(today(), -45)}&to=${addDays(today(), -35)}`);
    expect(older.triggers.find((t) => t.id === "pricing00001")).toMatchObject({ shown: 1, conversations: 0 });

    const { token } = await h.login();
    const list = (await (
      await fetch(`${h.url}/api/conversations?site=${h.siteKey}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { conversations: { conversationId?: string; id?: string }[] };
    const ids = list.conversations.map((c) => c.conversationId ?? c.id);
    const records = await Promise.all(
      ids.map(
        async (id) =>
          (await (
            await fetch(`${h.url}/api/conversations/${id}`, { headers: { authorization: `Bearer ${token}` } })
          ).json()) as ConversationRecord,
      ),
    );
    expect(records.map((r) => r.lead.trigger?.name ?? null).sort()).toEqual([
      "Pricing page, 30 s",
      "Pricing page, 30 s",
      null,
    ]);

    // The owner deletes the trigger: its figures stay, by id; the lead card keeps the id.
    await setTriggers([exit]);
    const after = await funnel();
    expect(after.triggers.map((t) => [t.id, t.name])).toEqual([
      ["exit00000001", "Exit intent"],
      ["pricing00001", undefined],
    ]);
    expect(after.triggers[1]).toMatchObject({ shown: 3, opened: 2, conversations: 2, qualified: 1 });
    const card = (await (
      await fetch(`${h.url}/api/conversations/${ids.find((_, i) => records[i]?.lead.trigger)}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as ConversationRecord;
    expect(card.lead.trigger).toEqual({ id: "pricing00001" });
  });
});
