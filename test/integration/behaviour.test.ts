// Behaviour scoring end to end, on the memory store and a real Redis: the chat's join carrying the loader's
// behaviour, POST /api/sites/:key/activity and every refusal of it, the score recomputed after the chat, a lead
// re-engaged (webhook and email, once per rise), decay applied when read, concurrent reports, and erasure.
import { randomUUID } from "node:crypto";
import { io } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { verifyVisitor } from "../../server/auth/tokens.ts";
import { createMemoryStore } from "../../server/store/memory-store.ts";
import type { Conversation, Store } from "../../server/store/types.ts";
import { defaultPlaybook, type Playbook } from "../../shared/engine/index.ts";
import type { ActivityReport } from "../../shared/protocol/behaviour.ts";
import type { LeadCard, LeadRow, WebhookEndpointView } from "../../shared/protocol/index.ts";
import { Conversation as Chat } from "../../widget/chat/conversation.ts";
import { behaviourReported, storedBehaviour } from "../../widget/chat/storage.ts";
import type { VisitorSocket } from "../../widget/transport/socket.ts";
import { call } from "../support/api.ts";
import { appOnRedis, connected, type Harness, hostOrigin, ok, type StartOptions, startApp } from "../support/app.ts";
import { until } from "../support/processes.ts";
import { redisTestStore, redisUrl } from "../support/redis.ts";
import { keysMentioning } from "../support/redis-scan.ts";
import { smtpServer } from "../support/smtp.ts";
import { receiverNetwork, webhookReceiver } from "../support/webhook-receiver.ts";

const minute = 60_000;
const day = 86_400_000;

// The default playbook, with pricing-page views worth enough to turn a cold lead hot, and inactivity decay.
function pricingPlaybook(): Playbook {
  const p = structuredClone(defaultPlaybook);
  p.scoring.rules.push({
    when: { page: "/pricing*", atLeast: 2 },
    points: 100,
    reason: "Visited pricing {count} times",
  });
  p.scoring.decay = { afterDays: 14, pointsPerWeek: -50 };
  return p;
}

function report(paths: string[], at = Date.now(), visit: Partial<ActivityReport["visit"]> = {}): ActivityReport {
  return {
    visit: { count: 1, firstAt: at - 10 * minute, startedAt: at - 10 * minute, ...visit },
    pages: paths.map((p, i) => ({ url: `${hostOrigin}${p}`, at: at - (paths.length - i) * 1000 })),
    events: [],
  };
}

const stores: Record<string, () => Promise<{ store: Store; prefix?: string; cleanup(): Promise<void> }>> = {
  memory: async () => ({ store: createMemoryStore(), cleanup: async () => {} }),
  Redis: () => redisTestStore(),
};

describe.each(Object.keys(stores))("behaviour scoring (%s store)", (kind) => {
  const closers: (() => Promise<void>)[] = [];
  let prefix: string | undefined;
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  async function start(opts: StartOptions = {}): Promise<Harness> {
    const t = await (stores[kind] as (typeof stores)["memory"])();
    prefix = t.prefix;
    closers.push(t.cleanup);
    const h = await startApp(t.store, opts);
    closers.push(h.close);
    return h;
  }

  async function publish(h: Harness, playbook: Playbook): Promise<string> {
    const { token } = await h.login();
    const res = await call(h.url, token, "PUT", `/api/sites/${h.siteKey}/playbook`, playbook);
    expect(res.status).toBe(200);
    return token;
  }

  const post = (h: Harness, body: unknown, headers: Record<string, string> = {}, siteKey = h.siteKey) =>
    fetch(`${h.url}/api/sites/${siteKey}/activity`, {
      method: "POST",
      headers: { origin: hostOrigin, "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  // A visitor who joins (with `behaviour` when given) and says one thing, so the conversation is stored (H3).
  async function chatted(h: Harness, behaviour?: ActivityReport) {
    const v = h.visitor();
    await connected(v);
    const joined = await ok(v.emitWithAck("conversation:join", { lastSeq: 0, ...(behaviour ? { behaviour } : {}) }));
    await ok(v.emitWithAck("message:send", { clientId: "first", choice: "browsing" }));
    return { v, token: joined.visitorToken, id: joined.conversation.id };
  }

  // Answers the rest of the default playbook like a cold lead: the bot finishes, the chat is over.
  async function finishCold(v: Awaited<ReturnType<typeof chatted>>["v"]) {
    for (const [i, choice] of ["none", "user", "researching", "__skip"].entries()) {
      await ok(v.emitWithAck("message:send", { clientId: `cold-${i}`, choice }));
    }
  }

  const stored = async (h: Harness, id: string) => (await h.store.getConversation(id)) as Conversation;

  it("the join carries the loader's behaviour into the conversation, scored from the first message", async () => {
    const h = await start();
    await publish(h, pricingPlaybook());
    const now = Date.now();
    const { id } = await chatted(h, {
      ...report(["/", "/pricing", "/pricing/teams"], now, { count: 3, previousAt: now - 2 * day }),
      events: [{ name: "brochure", props: { file: "pricing.pdf" }, at: now - 5000 }],
    });
    const c = await stored(h, id);
    expect(c.behaviour).toMatchObject({ visits: 3, previousVisitAt: now - 2 * day, events: [{ name: "brochure" }] });
    expect(c.behaviour?.pages.map((p) => new URL(p.url).pathname)).toEqual(["/", "/pricing", "/pricing/teams"]);
    expect(c.engine.qualification.reasons).toContainEqual({
      slot: "",
      points: 100,
      reason: "Visited pricing 2 times",
      behaviour: true,
    });
  });

  it("after the chat, reports rescore the lead; a rise to hot is announced once per rise by webhook and email", async () => {
    const smtp = await smtpServer();
    closers.push(smtp.close);
    const receiver = await webhookReceiver();
    closers.push(receiver.close);
    const h = await start({
      webhookAllowNetworks: receiverNetwork,
      email: { smtpUrl: smtp.url, publicUrl: "https://chat.acme.test", tickMs: 50 },
    });
    const owner = await publish(h, pricingPlaybook());
    const hook = await call(h.url, owner, "POST", `/api/sites/${h.siteKey}/webhooks`, {
      url: receiver.url,
      events: ["lead.reengaged"],
    });
    expect(hook.status).toBe(201);
    const endpoint = hook.body.endpoint as WebhookEndpointView;

    const { v, token, id } = await chatted(h);
    await finishCold(v);
    await until(async () => (await stored(h, id)).engine.outcome !== null, 5000, "the bot finishing");
    expect((await stored(h, id)).engine.qualification.tier).toBe("cold");

    // One pricing view: not enough for the rule, nothing announced.
    expect((await post(h, { visitorToken: token, ...report(["/pricing"]) })).status).toBe(204);
    let c = await stored(h, id);
    expect(c.behaviour?.pages).toHaveLength(1);
    expect(c.engine.qualification.tier).toBe("cold");
    expect(c.reengagedAt).toBeUndefined();

    // Two more: hot, re-engaged.
    expect((await post(h, { visitorToken: token, ...report(["/pricing/teams", "/pricing"]) })).status).toBe(204);
    c = await stored(h, id);
    expect(c.engine.qualification).toMatchObject({ tier: "hot" });
    expect(c.engine.qualification.reasons).toContainEqual({
      slot: "",
      points: 100,
      reason: "Visited pricing 3 times",
      behaviour: true,
    });
    const firstRise = c.reengagedAt;
    expect(firstRise).toBeTypeOf("number");
    await until(() => receiver.received.length >= 1, 5000, "the lead.reengaged webhook");
    const lead = receiver.received[0]?.payload.data.lead as LeadCard;
    expect(receiver.received[0]?.payload.type).toBe("lead.reengaged");
    expect(lead).toMatchObject({ conversationId: id, reengagedAt: firstRise, qualification: { tier: "hot" } });
    const [mail] = await smtp.waitFor(1);
    expect(mail?.mail.subject).toMatch(/^Lead back and hot on Demo site/);
    expect(mail?.mail.text).toContain("Visited pricing 3 times");
    expect(mail?.envelopeTo).toEqual(["owner@test.local"]);

    // Still hot: no new rise, nothing more announced.
    expect((await post(h, { visitorToken: token, ...report(["/pricing/enterprise"]) })).status).toBe(204);
    expect((await stored(h, id)).reengagedAt).toBe(firstRise);

    // Gone quiet for a month (decay makes it cold when read), then back on pricing: a second rise, announced again.
    const quiet = await stored(h, id);
    const behaviour = quiet.behaviour as NonNullable<Conversation["behaviour"]>;
    await h.store.updateConversation({ ...quiet, behaviour: { ...behaviour, lastActiveAt: Date.now() - 30 * day } });
    const rows = await call(h.url, owner, "GET", "/api/leads");
    const row = (rows.body.leads as LeadRow[]).find((l) => l.conversationId === id);
    expect(row?.qualification.tier).toBe("cold");
    expect(row?.qualification.reasons.at(-1)).toEqual({
      slot: "",
      points: -150,
      reason: "No activity for 30 days",
      behaviour: true,
    });
    expect((await stored(h, id)).engine.qualification.tier).toBe("hot");
    expect((await post(h, { visitorToken: token, ...report(["/pricing"]) })).status).toBe(204);
    const second = (await stored(h, id)).reengagedAt;
    expect(second).toBeGreaterThan(firstRise as number);
    await until(() => receiver.received.length >= 2, 5000, "the second lead.reengaged webhook");
    await smtp.waitFor(2);
    expect(receiver.received.map((r) => r.payload.type)).toEqual(["lead.reengaged", "lead.reengaged"]);
    const deliveries = await call(h.url, owner, "GET", `/api/sites/${h.siteKey}/webhooks/${endpoint.id}/deliveries`);
    expect(deliveries.body.deliveries).toHaveLength(2);
  });

  it("a visitor's next conversation starts with the behaviour the last one knew", async () => {
    const h = await start();
    await publish(h, pricingPlaybook());
    const { v, token, id } = await chatted(h, report(["/pricing", "/pricing/teams"]));
    expect((await post(h, { visitorToken: token, ...report(["/docs"]) })).status).toBe(204);
    await ok(v.emitWithAck("conversation:close", {}));
    const again = await ok(v.emitWithAck("conversation:join", { visitorToken: token, lastSeq: 0, startNew: true }));
    expect(again.conversation.id).not.toBe(id);
    await ok(v.emitWithAck("message:send", { clientId: "next", choice: "capture" }));
    const next = await stored(h, again.conversation.id);
    expect(next.behaviour?.pages.map((p) => new URL(p.url).pathname)).toEqual(["/pricing", "/pricing/teams", "/docs"]);
    expect(next.engine.qualification.reasons.filter((r) => r.behaviour).map((r) => r.reason)).toEqual([
      "Visited pricing 2 times",
    ]);
  });

  it("refuses every bad report with a typed error, CORS only for allowed origins, and changes nothing stored", async () => {
    const h = await start();
    const { token, id } = await chatted(h);
    const before = JSON.stringify(await stored(h, id));
    const good = { visitorToken: token, ...report(["/pricing"]) };
    const refusal = async (res: Response, status: number, code: string) => {
      expect(res.status).toBe(status);
      expect((await res.json()).error.code).toBe(code);
    };

    await refusal(await post(h, good, {}, "no-such-site"), 404, "UNKNOWN_SITE");
    await refusal(await post(h, good, {}, "a:b"), 404, "UNKNOWN_SITE");
    const evil = await post(h, good, { origin: "https://evil.example" });
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    await refusal(evil, 403, "FORBIDDEN_ORIGIN");
    const forged = `${verifyVisitor("test-secret", token)}.${"x".repeat(43)}`;
    await refusal(await post(h, { ...good, visitorToken: forged }), 401, "UNAUTHORIZED");
    const { visitorToken: _gone, ...tokenless } = good;
    await refusal(await post(h, tokenless), 400, "BAD_REQUEST");
    const wrongTypes = await post(h, { ...good, pages: "all of them" });
    expect((await wrongTypes.json()).error).toMatchObject({ code: "BAD_REQUEST", fields: [{ path: "pages" }] });
    await refusal(await post(h, { ...good, extra: 1 }), 400, "BAD_REQUEST");
    await refusal(
      await post(h, { ...good, ...report(Array.from({ length: 51 }, (_, i) => `/p${i}`)) }),
      400,
      "BAD_REQUEST",
    );
    await refusal(await post(h, { ...good, events: [{ name: "<script>", at: Date.now() }] }), 400, "BAD_REQUEST");
    await refusal(await post(h, { ...good, visit: { ...good.visit, count: Number.NaN } }), 400, "BAD_REQUEST");
    await refusal(await post(h, "{not json"), 400, "BAD_REQUEST");
    await refusal(await post(h, { ...good, pad: "x".repeat(300_000) }), 413, "PAYLOAD_TOO_LARGE");
    expect(JSON.stringify(await stored(h, id))).toBe(before);

    // A real visitor of the site who has not chatted: nothing to add it to.
    const stranger = h.visitor();
    await connected(stranger);
    const drafted = await ok(stranger.emitWithAck("conversation:join", { lastSeq: 0 }));
    await refusal(await post(h, { ...good, visitorToken: drafted.visitorToken }), 404, "NOT_FOUND");

    // The preflight and the answer name the allowed origin; the server is still up and takes a good report.
    const pre = await fetch(`${h.url}/api/sites/${h.siteKey}/activity`, {
      method: "OPTIONS",
      headers: { origin: hostOrigin, "access-control-request-method": "POST" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(hostOrigin);
    expect(pre.headers.get("access-control-allow-methods")).toBe("POST");
    const res = await post(h, good, { "content-type": "text/plain" });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(hostOrigin);
    expect((await stored(h, id)).behaviour?.pages).toHaveLength(1);
  });

  it("a flood of reports is refused per visitor with 429 and Retry-After, and what was taken is kept", async () => {
    const h = await start({ limits: { activityPerVisitor: { limit: 3, windowMs: 60_000 } } });
    const { token, id } = await chatted(h);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await post(h, { visitorToken: token, ...report([`/p${i}`]) });
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get("retry-after");
        expect((await res.json()).error.code).toBe("RATE_LIMITED");
      }
    }
    expect(statuses).toEqual([204, 204, 204, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect((await stored(h, id)).behaviour?.pages.map((p) => new URL(p.url).pathname)).toEqual(["/p0", "/p1", "/p2"]);
  });

  it("concurrent reports of one visitor lose nothing", async () => {
    const h = await start();
    const { token, id } = await chatted(h);
    const at = Date.now();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        post(h, { visitorToken: token, ...report([`/a${i}`, `/b${i}`], at + i * 10_000) }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([204, 204, 204, 204, 204, 204]);
    const paths = (await stored(h, id)).behaviour?.pages.map((p) => new URL(p.url).pathname).sort();
    expect(paths).toEqual(
      Array.from({ length: 6 }, (_, i) => [`/a${i}`, `/b${i}`])
        .flat()
        .sort(),
    );
  });

  it("a privacy export has the visitor's behaviour, and erasing the visitor erases it with the conversation", async () => {
    const h = await start();
    const { token, id } = await chatted(h, report(["/pricing"]));
    expect((await post(h, { visitorToken: token, ...report(["/secret-page-of-ana"]) })).status).toBe(204);
    const visitorId = verifyVisitor("test-secret", token) as string;
    const { token: owner } = await h.login();
    // The export has it, as it has every other thing kept about the person.
    const exported = await call(h.url, owner, "POST", "/api/privacy/export", { visitorId });
    expect(exported.body.conversations[0].behaviour.pages.map((p: { url: string }) => p.url)).toEqual([
      `${hostOrigin}/pricing`,
      `${hostOrigin}/secret-page-of-ana`,
    ]);
    const res = await call(h.url, owner, "POST", "/api/privacy/erase", { visitorId });
    expect(res.status).toBe(200);
    expect(res.body.erased).toEqual([id]);
    expect(await h.store.getConversation(id)).toBeNull();
    // No key names the visitor or holds what they did, their report counter included.
    if (prefix) expect(await keysMentioning(redisUrl(), prefix, [visitorId, id, "secret-page-of-ana"])).toEqual([]);
    expect((await post(h, { visitorToken: token, ...report(["/again"]) })).status).toBe(404);
  });
});

// The chat app's join (widget/chat/conversation.ts), driven from Node over a real socket, reading the loader's
// behaviour storage (a Map standing in for the page's localStorage).
describe("the chat app sends the loader's behaviour with a first join (Redis)", () => {
  const app = appOnRedis();
  const data = new Map<string, string>();
  beforeEach(() => {
    data.clear();
    vi.stubGlobal("localStorage", {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => data.set(k, v),
      removeItem: (k: string) => data.delete(k),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("only without a visitor token; the pages and events it carried are removed once the join succeeds", async () => {
    const h = app();
    const key = (name: string) => `banter:${h.siteKey}:${name}`;
    const now = Date.now();
    const stored = report(["/", "/pricing"], now, { count: 2, previousAt: now - day });
    data.set(key("visit"), JSON.stringify(stored.visit));
    data.set(key("unreported"), JSON.stringify(stored.pages));
    data.set(key("events"), JSON.stringify([{ name: "demo", at: now - 1000 }]));
    let token: string | undefined;
    let asked = 0;
    let sent = 0;
    const socket: VisitorSocket = io(`${h.url}/visitor`, {
      auth: { siteKey: h.siteKey },
      extraHeaders: { origin: hostOrigin },
      transports: ["websocket"],
      forceNew: true,
    });
    const chat = new Chat({
      socket,
      tokens: { get: () => token, set: (t) => (token = t), clear: () => (token = undefined) },
      outbox: { load: () => [], put: () => {}, drop: () => {} },
      newClientId: randomUUID,
      pageUrl: () => `${hostOrigin}/pricing`,
      behaviour: () => {
        asked++;
        return storedBehaviour(h.siteKey);
      },
      behaviourSent: () => {
        sent++;
        behaviourReported(h.siteKey);
      },
    });
    try {
      await until(() => chat.get().link === "online", 5000, "the first join");
      expect(sent).toBe(1);
      expect([...data.keys()]).toEqual([key("visit")]);
      chat.choose("browsing", "Just looking around");
      const id = chat.get().conversationId as string;
      await until(async () => (await h.store.getConversation(id)) !== null, 5000, "the conversation stored");
      const c = (await h.store.getConversation(id)) as Conversation;
      expect(c.behaviour).toMatchObject({ visits: 2, events: [{ name: "demo" }] });
      expect(c.behaviour?.pages.map((p) => p.url)).toEqual(stored.pages.map((p) => p.url));
      // A reconnect joins again with the token it got: nothing more is sent with it.
      data.set(key("unreported"), JSON.stringify([{ url: `${hostOrigin}/later`, at: Date.now() }]));
      socket.disconnect();
      await until(() => chat.get().link !== "online", 5000, "the disconnect");
      socket.connect();
      await until(() => chat.get().link === "online", 5000, "the second join");
      expect([asked, sent]).toEqual([1, 1]);
      expect(data.has(key("unreported"))).toBe(true);
    } finally {
      chat.dispose();
    }
  });
});
