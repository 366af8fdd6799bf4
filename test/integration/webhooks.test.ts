// Webhooks end to end: real conversations on Redis post signed events to a real local receiver. The worker's
// clock and retry waits are injected, so retries are driven by moving the clock, never by sleeping. The receiver
// is on loopback, which these apps allow (WEBHOOKS_ALLOW_NETWORKS); the tests of the address policy run with the
// default, public addresses only, and stand in for DNS with an injected resolver.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer as createTcpServer } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Logger } from "../../server/log.ts";
import { createRedisStore } from "../../server/store/redis-store.ts";
import type { Store } from "../../server/store/types.ts";
import { type Resolve, systemResolve } from "../../server/webhooks/post.ts";
import type {
  LeadCard,
  Message,
  WebhookDeliveryView,
  WebhookEndpointView,
  WebhookEventType,
} from "../../shared/protocol/index.ts";
import { connected, type Harness, next, ok, onMessage, ownerOnline, qualifyHot, startApp } from "../support/app.ts";
import { until } from "../support/processes.ts";
import { redisTestStore, redisUrl } from "../support/redis.ts";
import { type Answer, type Receiver, receiverNetwork, webhookReceiver } from "../support/webhook-receiver.ts";

const retryWaitMs = 60_000;

// The documented check (docs/webhooks.md): HMAC-SHA256 of "<t>.<raw body>", compared in constant time, with a
// timestamp no more than 5 minutes away.
function verify(secret: string, header: string, body: string, nowSeconds: number): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > 300) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
  const given = Buffer.from(parts.v1 ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function call<T>(h: Harness, token: string | undefined, method: string, path: string, body?: unknown) {
  const res = await fetch(`${h.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, data: (text ? JSON.parse(text) : undefined) as T };
}

describe("webhooks", () => {
  let store: Store;
  let prefix: string;
  let cleanup: () => Promise<void>;
  let clock: number;
  const apps: Harness[] = [];
  const receivers: Receiver[] = [];
  const extraStores: Store[] = [];

  beforeEach(async () => {
    ({ store, prefix, cleanup } = await redisTestStore());
    clock = Date.now();
  });
  afterEach(async () => {
    for (const h of apps.splice(0)) await h.close();
    for (const r of receivers.splice(0)) await r.close();
    for (const s of extraStores.splice(0)) await s.close();
    await cleanup();
  });

  async function start(on: Store = store, timeoutMs?: number, shared = false, log?: Logger): Promise<Harness> {
    const h = await startApp(on, {
      ...(log ? { log } : {}),
      // Sockets of apps sharing the store hear each other's broadcasts (socket.io's Redis adapter), as processes do.
      ...(shared ? { redis: { url: redisUrl(), prefix } } : {}),
      webhooks: { now: () => clock, backoffMs: () => retryWaitMs, tickMs: 50, ...(timeoutMs ? { timeoutMs } : {}) },
      webhookAllowNetworks: receiverNetwork,
    });
    apps.push(h);
    return h;
  }

  // An app with the default address policy (public addresses only) or allowing `allow`, with a resolver standing
  // in for DNS for `names` (other names go to the system's resolver).
  async function guarded(opts: { allow?: string; names?: Record<string, string[]>; timeoutMs?: number } = {}) {
    const resolve: Resolve = async (host) => {
      const known = opts.names?.[host];
      return known ? known.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })) : systemResolve(host);
    };
    const h = await startApp(store, {
      webhooks: {
        now: () => clock,
        backoffMs: () => retryWaitMs,
        tickMs: 50,
        resolve,
        timeoutMs: opts.timeoutMs ?? 1000,
      },
      ...(opts.allow ? { webhookAllowNetworks: opts.allow } : {}),
    });
    apps.push(h);
    return h;
  }

  // The first attempt of a test event to `url`, stored as is (as an endpoint saved before the address checks was).
  async function firstTestAttempt(h: Harness, url: string): Promise<WebhookDeliveryView | undefined> {
    const { token } = await h.login();
    const id = randomUUID();
    await store.addWebhook(
      { id, siteKey: h.siteKey, url, events: ["lead.qualified"], enabled: true, secret: "whsec_t", createdAt: clock },
      10,
    );
    await call(h, token, "POST", `/api/sites/${h.siteKey}/webhooks/${id}/test`);
    await until(async () => (await log(h, token, id))[0]?.attempts === 1, 5000, "the first attempt");
    return (await log(h, token, id))[0];
  }

  const refused = "refused: not a public address (private, loopback, link-local or metadata)";
  const noAnswer = "the endpoint did not answer (no connection, or no HTTP answer within 1 s)";

  async function receiver(plan: Answer[] = [], then: Answer = 200): Promise<Receiver> {
    const r = await webhookReceiver(plan, then);
    receivers.push(r);
    return r;
  }

  async function addEndpoint(
    h: Harness,
    url: string,
    extra: object = {},
  ): Promise<{ token: string; endpoint: WebhookEndpointView }> {
    const { token } = await h.login();
    const res = await call<{ endpoint: WebhookEndpointView }>(h, token, "POST", `/api/sites/${h.siteKey}/webhooks`, {
      url,
      ...extra,
    });
    expect(res.status).toBe(201);
    return { token, endpoint: res.data.endpoint };
  }

  async function log(h: Harness, token: string, endpointId: string): Promise<WebhookDeliveryView[]> {
    const res = await call<{ deliveries: WebhookDeliveryView[] }>(
      h,
      token,
      "GET",
      `/api/sites/${h.siteKey}/webhooks/${endpointId}/deliveries`,
    );
    expect(res.status).toBe(200);
    return res.data.deliveries;
  }

  async function settled(h: Harness, token: string, endpointId: string, count: number): Promise<WebhookDeliveryView[]> {
    let rows: WebhookDeliveryView[] = [];
    await until(
      async () => {
        rows = await log(h, token, endpointId);
        return rows.length === count && rows.every((d) => d.status !== "pending");
      },
      10_000,
      `${count} settled deliveries`,
    );
    return rows;
  }

  const typesOf = (r: Receiver) => r.received.map((x) => x.payload.type).sort();

  it("a hot lead accepted and closed posts lead.qualified, handoff.requested, .accepted, conversation.closed once each, signed", async () => {
    const h = await start();
    const r = await receiver();
    const { token, endpoint } = await addEndpoint(h, r.url);
    const rep = await ownerOnline(h);
    const v = h.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const offered = next<LeadCard>(rep, "offer:created");
    await qualifyHot(v, "dana@big.co");
    const lead = await offered;
    await ok(rep.emitWithAck("offer:accept", { conversationId: lead.conversationId }));
    await ok(rep.emitWithAck("conversation:close", { conversationId: lead.conversationId, outcome: "meeting-booked" }));

    const rows = await settled(h, token, endpoint.id, 4);
    expect(rows.every((d) => d.status === "succeeded" && d.attempts === 1 && d.responseCode === 200)).toBe(true);
    expect(typesOf(r)).toEqual(["conversation.closed", "handoff.accepted", "handoff.requested", "lead.qualified"]);
    for (const got of r.received) {
      expect(
        verify(endpoint.secret, String(got.headers["banter-signature"]), got.body, Math.floor(Date.now() / 1000)),
      ).toBe(true);
      expect(
        verify("whsec_wrong", String(got.headers["banter-signature"]), got.body, Math.floor(Date.now() / 1000)),
      ).toBe(false);
      expect(got.headers["banter-event"]).toBe(got.payload.type);
      expect(rows.map((d) => d.id)).toContain(got.headers["banter-delivery"]);
      expect(got.headers["content-type"]).toBe("application/json");
      expect(got.payload).toMatchObject({
        siteKey: h.siteKey,
        data: { lead: { conversationId: lead.conversationId } },
      });
    }
    const byType = (t: WebhookEventType) => r.received.find((x) => x.payload.type === t)?.payload.data.lead;
    // Qualified when the bot first called it an MQL: the lead card of that moment, tier, score and stage.
    expect(byType("lead.qualified")?.qualification).toMatchObject({ stage: "mql", tier: "warm" });
    expect(byType("lead.qualified")?.qualification.score).toBeGreaterThan(0);
    expect(byType("handoff.requested")).toMatchObject({ status: "queued", email: "dana@big.co" });
    expect(byType("handoff.accepted")).toMatchObject({ status: "live", repName: expect.any(String) });
    expect(byType("conversation.closed")).toMatchObject({ status: "closed", outcome: "meeting-booked" });
    // The log shows no body.
    expect(JSON.stringify(await log(h, token, endpoint.id))).not.toContain("dana@big.co");
  });

  it("the visitor's rating posts conversation.rated with the rating on the lead, again when a comment is added, not for a repeat", async () => {
    const h = await start();
    const r = await receiver();
    const { token, endpoint } = await addEndpoint(h, r.url, { events: ["conversation.rated"] });
    const rep = await ownerOnline(h);
    const v = h.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const offered = next<LeadCard>(rep, "offer:created");
    await qualifyHot(v, "rae@big.co");
    const { conversationId } = await offered;
    await ok(rep.emitWithAck("offer:accept", { conversationId }));
    await ok(rep.emitWithAck("conversation:close", { conversationId }));
    await ok(v.emitWithAck("conversation:rate", { score: 5 }));
    await ok(v.emitWithAck("conversation:rate", { score: 5, comment: "Great help" }));
    await ok(v.emitWithAck("conversation:rate", { score: 5 }));

    await settled(h, token, endpoint.id, 2);
    expect(typesOf(r)).toEqual(["conversation.rated", "conversation.rated"]);
    const ratings = r.received
      .map((x) => x.payload.data.lead.rating)
      .sort((a, b) => (a?.comment ? 1 : b?.comment ? -1 : 0));
    expect(ratings).toEqual([
      { score: 5, repId: expect.any(String), repName: "Owner", at: expect.any(Number) },
      { score: 5, comment: "Great help", repId: expect.any(String), repName: "Owner", at: ratings[0]?.at },
    ]);
  });

  it("with nobody online: handoff.missed, and conversation.closed once the visitor leaves a number", async () => {
    const h = await start();
    const r = await receiver();
    const { token, endpoint } = await addEndpoint(h, r.url, { events: ["handoff.missed", "conversation.closed"] });
    const v = h.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const heard: Message[] = [];
    onMessage(v, (m) => heard.push(m));
    await qualifyHot(v, "eve@corp.co");
    await until(
      () => heard.some((m) => m.text.includes("Nobody from the team is online right now")),
      5000,
      "the fallback",
    );
    await ok(v.emitWithAck("message:send", { clientId: "cb", text: "+1 415 555 0123, tomorrow" }));
    await settled(h, token, endpoint.id, 2);
    expect(typesOf(r)).toEqual(["conversation.closed", "handoff.missed"]);
    const missed = r.received.find((x) => x.payload.type === "handoff.missed")?.payload.data.lead;
    expect(missed).toMatchObject({ missedHandoff: true, email: "eve@corp.co" });
    const closed = r.received.find((x) => x.payload.type === "conversation.closed")?.payload.data.lead;
    expect(closed?.callback).toMatchObject({ phone: "+14155550123" });
  });

  it("retries after a 500 at the backoff's time, then succeeds; same delivery id, fresh signature; counted in /metrics", async () => {
    const lines: string[] = [];
    const keep = (level: string) => (msg: string, fields?: object) =>
      lines.push(JSON.stringify({ level, msg, ...fields }));
    const h = await start(store, undefined, false, { info: keep("info"), warn: keep("warn"), error: keep("error") });
    const r = await receiver([500], 200);
    const { token, endpoint } = await addEndpoint(h, r.url);
    const sent = await call<{ delivery: WebhookDeliveryView }>(
      h,
      token,
      "POST",
      `/api/sites/${h.siteKey}/webhooks/${endpoint.id}/test`,
    );
    expect(sent.status).toBe(202);
    expect(sent.data.delivery).toMatchObject({ event: "webhook.test", status: "pending", attempts: 0 });
    await until(async () => (await log(h, token, endpoint.id))[0]?.attempts === 1, 5000, "the first attempt");
    expect((await log(h, token, endpoint.id))[0]).toMatchObject({
      status: "pending",
      responseCode: 500,
      lastError: "HTTP 500",
      nextAttemptAt: clock + retryWaitMs,
    });
    expect(r.received).toHaveLength(1);
    clock += retryWaitMs;
    const [done] = await settled(h, token, endpoint.id, 1);
    expect(done).toMatchObject({ id: sent.data.delivery.id, status: "succeeded", attempts: 2, responseCode: 200 });
    expect(done?.nextAttemptAt).toBeUndefined();
    expect(r.received.map((x) => x.headers["banter-delivery"])).toEqual([done?.id, done?.id]);
    expect(r.received[0]?.body).toBe(r.received[1]?.body);
    expect(r.received[0]?.headers["banter-signature"]).not.toBe(r.received[1]?.headers["banter-signature"]);
    expect(r.received[1]?.payload.type).toBe("webhook.test");
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toContain('banter_webhook_deliveries_total{result="failure"} 1');
    expect(metrics).toContain('banter_webhook_deliveries_total{result="success"} 1');
    expect(metrics).toContain("banter_webhook_backlog 0");
    // The failed attempt is logged by ids and error, never with the secret, the address or the body.
    const failed = lines.filter((l) => l.includes("webhook delivery failed"));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toContain(done?.id);
    expect(failed[0]).toContain("HTTP 500");
    for (const l of lines) {
      expect(l).not.toContain(endpoint.secret);
      expect(l).not.toContain(r.url);
      expect(l).not.toContain("test@example.com");
    }
  });

  it("a closed port, a port that is not HTTP, one that never answers and a name that does not resolve read the same", async () => {
    const lines: string[] = [];
    const keep = (msg: string, fields?: object) => lines.push(JSON.stringify({ msg, ...fields }));
    const h = await start(store, 1000, false, { info: keep, warn: keep, error: keep });
    const hanging = await receiver([], "hang");
    const closed = await receiver();
    await closed.close();
    receivers.splice(receivers.indexOf(closed), 1);
    // An open port that speaks another protocol (an SSH banner, then it hangs up).
    const ssh = createTcpServer((c) => c.resume().end("SSH-2.0-OpenSSH_9.6\r\n"));
    await new Promise<void>((resolve) => ssh.listen(0, "127.0.0.1", resolve));
    const sshPort = (ssh.address() as { port: number }).port;
    try {
      const rows = [
        await firstTestAttempt(h, hanging.url),
        await firstTestAttempt(h, closed.url),
        await firstTestAttempt(h, `http://127.0.0.1:${sshPort}/hook`),
        await firstTestAttempt(h, "http://nowhere.invalid/hook"),
      ];
      for (const row of rows) {
        expect(row).toMatchObject({ status: "pending", lastError: noAnswer });
        expect(row?.responseCode).toBeUndefined();
      }
    } finally {
      await new Promise((resolve) => ssh.close(resolve));
    }
    // The operator's log keeps the cause.
    expect(lines.some((l) => l.includes('"cause":"ECONNREFUSED"'))).toBe(true);
    expect(lines.some((l) => l.includes('"cause":"timeout"'))).toBe(true);
  });

  it("saving an endpoint to an internal address is refused by field, in any spelling (default settings)", async () => {
    const h = await guarded();
    const { token } = await h.login();
    const path = `/api/sites/${h.siteKey}/webhooks`;
    const r = await receiver();
    const internal = [
      r.url,
      "http://127.1/",
      "http://2130706433/",
      "http://0x7f000001/",
      "http://0177.0.0.1/",
      "http://127.000.000.001:6379/",
      "http://0.0.0.0:3000/",
      "http://0/",
      "http://[::1]/",
      "http://[0:0:0:0:0:0:0:1]:6379/",
      "http://[::ffff:127.0.0.1]/",
      "http://[::ffff:7f00:1]/",
      "http://[::127.0.0.1]/",
      "http://[::]/",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::ffff:169.254.169.254]/",
      "http://metadata.google.internal/computeMetadata/v1/",
      "http://METADATA.Google.Internal./",
      "http://instance-data/latest/",
      "https://localhost/hook",
      "http://localhost.:8080/",
      "http://api.localhost/",
      "http://10.0.0.1/",
      "http://172.16.5.4/",
      "http://192.168.1.1/",
      "http://100.100.100.200/",
      "http://[fc00::1]/",
      "http://[fd12:3456::1]/",
      "http://[fe80::1]/",
      "http://224.0.0.1/",
      "http://255.255.255.255/",
      "http://[64:ff9b::7f00:1]/",
    ];
    for (const url of internal) {
      const res = await call<{ error: { code: string; fields: { path: string; message: string }[] } }>(
        h,
        token,
        "POST",
        path,
        { url },
      );
      expect(res.status, url).toBe(400);
      expect(res.data.error.code).toBe("BAD_REQUEST");
      expect(res.data.error.fields, url).toEqual([
        { path: "url", message: expect.stringContaining("not a public address") },
      ]);
    }
    // An edit is checked the same way; a public address and an unknown name are kept.
    const created = await call<{ endpoint: WebhookEndpointView }>(h, token, "POST", path, {
      url: "https://93.184.215.14/hook",
    });
    expect(created.status).toBe(201);
    const edited = await call<{ error: { fields: { path: string }[] } }>(
      h,
      token,
      "PUT",
      `${path}/${created.data.endpoint.id}`,
      { url: "http://[::1]:6379/" },
    );
    expect(edited.status).toBe(400);
    expect(edited.data.error.fields[0]?.path).toBe("url");
    expect((await call(h, token, "POST", path, { url: "https://hooks.example.com/in" })).status).toBe(201);
  });

  it("delivering: a name that resolves to an internal address is refused and nothing is posted", async () => {
    const r = await receiver();
    const port = new URL(r.url).port;
    const h = await guarded({
      names: {
        "hooks.rebound.test": ["127.0.0.1"],
        // One public address and one loopback: any internal address refuses the name.
        "hooks.mixed.test": ["93.184.215.14", "::1"],
        "hooks.metadata.test": ["169.254.169.254"],
      },
    });
    // Passes the save-time check (a name), refused when it resolves.
    const { token, endpoint } = await addEndpoint(h, `http://hooks.rebound.test:${port}/hook`);
    await call(h, token, "POST", `/api/sites/${h.siteKey}/webhooks/${endpoint.id}/test`);
    await until(async () => (await log(h, token, endpoint.id))[0]?.attempts === 1, 5000, "the first attempt");
    expect((await log(h, token, endpoint.id))[0]).toMatchObject({ status: "pending", lastError: refused });
    for (const url of [
      `http://hooks.mixed.test:${port}/hook`,
      `http://hooks.metadata.test:${port}/hook`,
      // Stored before the save-time check: a literal address, and localhost through the system's resolver.
      r.url,
      `http://localhost:${port}/hook`,
    ]) {
      const row = await firstTestAttempt(h, url);
      expect(row, url).toMatchObject({ status: "pending", lastError: refused });
      expect(row?.responseCode).toBeUndefined();
    }
    expect(r.received).toHaveLength(0);
  });

  it("WEBHOOKS_ALLOW_NETWORKS lets endpoints on that network be saved and delivered to, and only there", async () => {
    const r = await receiver();
    const port = new URL(r.url).port;
    const names = { "crm.corp.test": ["127.0.0.1"], "half.corp.test": ["127.0.0.1", "10.1.2.3"] };
    const strict = await guarded({ names });
    const strictToken = (await strict.login()).token;
    const path = `/api/sites/${strict.siteKey}/webhooks`;
    expect((await call(strict, strictToken, "POST", path, { url: r.url })).status).toBe(400);

    await strict.close();
    apps.splice(apps.indexOf(strict), 1);
    const open = await guarded({ allow: "127.0.0.0/8, fd00::/8", names });
    const { token, endpoint } = await addEndpoint(open, r.url);
    // A name is connected to at the address that was checked (no second lookup): the resolver's, not the DNS's.
    const { endpoint: named } = await addEndpoint(open, `http://crm.corp.test:${port}/hook`);
    for (const e of [endpoint, named]) {
      await call(open, token, "POST", `/api/sites/${open.siteKey}/webhooks/${e.id}/test`);
      const [row] = await settled(open, token, e.id, 1);
      expect(row).toMatchObject({ status: "succeeded", responseCode: 200 });
    }
    expect(r.received.map((x) => x.headers.host)).toEqual([`127.0.0.1:${port}`, `crm.corp.test:${port}`]);
    // Outside the allowed network it is still refused: 10.1.2.3 is not in it.
    expect((await call(open, token, "POST", path, { url: "http://10.1.2.3/" })).status).toBe(400);
    expect(await firstTestAttempt(open, `http://half.corp.test:${port}/hook`)).toMatchObject({ lastError: refused });
    expect(r.received).toHaveLength(2);
  });

  it("410 Gone fails the delivery at once and turns the endpoint off", async () => {
    const h = await start();
    const r = await receiver([410]);
    const { token, endpoint } = await addEndpoint(h, r.url);
    await call(h, token, "POST", `/api/sites/${h.siteKey}/webhooks/${endpoint.id}/test`);
    const [row] = await settled(h, token, endpoint.id, 1);
    expect(row).toMatchObject({ status: "failed", attempts: 1, responseCode: 410 });
    await until(async () => (await store.getWebhook(h.siteKey, endpoint.id))?.enabled === false, 5000, "disabled");
    const list = await call<{ endpoints: WebhookEndpointView[] }>(h, token, "GET", `/api/sites/${h.siteKey}/webhooks`);
    expect(list.data.endpoints[0]).toMatchObject({ enabled: false, disabledReason: expect.stringContaining("410") });
    expect(await (await fetch(`${h.url}/metrics`)).text()).toContain("banter_webhook_failures_total 1");
  });

  it("survives a restart: a claim that died with its process is delivered by the next one after the lease", async () => {
    const first = await start();
    const r = await receiver(["hang"], 200);
    const { token, endpoint } = await addEndpoint(first, r.url);
    await call(first, token, "POST", `/api/sites/${first.siteKey}/webhooks/${endpoint.id}/test`);
    await until(() => r.received.length === 1, 5000, "the first attempt");
    // The process goes away mid-request: nothing is recorded for the attempt.
    await first.close();
    apps.splice(apps.indexOf(first), 1);
    expect((await store.getDelivery(String(r.received[0]?.headers["banter-delivery"])))?.attempts).toBe(0);

    const again = await createRedisStore(redisUrl(), prefix);
    extraStores.push(again);
    const second = await start(again);
    clock += 61_000;
    const [row] = await settled(second, (await second.login()).token, endpoint.id, 1);
    expect(row).toMatchObject({ status: "succeeded", attempts: 1, responseCode: 200 });
    expect(r.received.map((x) => x.headers["banter-delivery"])).toEqual([row?.id, row?.id]);
  });

  it("two processes on one store: each delivery is posted once", async () => {
    const one = await start();
    const other = await createRedisStore(redisUrl(), prefix);
    extraStores.push(other);
    const two = await start(other);
    const r = await receiver();
    const { token, endpoint } = await addEndpoint(one, r.url);
    const path = `/api/sites/${one.siteKey}/webhooks/${endpoint.id}/test`;
    for (let i = 0; i < 6; i++) await call(i % 2 ? one : two, token, "POST", path);
    const rows = await settled(one, token, endpoint.id, 6);
    expect(rows.every((d) => d.status === "succeeded" && d.attempts === 1)).toBe(true);
    expect(r.received.map((x) => x.headers["banter-delivery"]).sort()).toEqual(rows.map((d) => d.id).sort());
  });

  it("two processes racing to accept and to close one lead: one handoff.accepted, one conversation.closed", async () => {
    const one = await start(store, undefined, true);
    const other = await createRedisStore(redisUrl(), prefix);
    extraStores.push(other);
    const two = await start(other, undefined, true);
    const r = await receiver();
    const { token, endpoint } = await addEndpoint(one, r.url, { events: ["handoff.accepted", "conversation.closed"] });
    // The same rep with a console tab on each process.
    const tabOne = await ownerOnline(one);
    const tabTwo = await ownerOnline(two);
    const v = one.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const offered = next<LeadCard>(tabTwo, "offer:created");
    await qualifyHot(v);
    const { conversationId } = await offered;
    const accepts = await Promise.all([tabOne, tabTwo].map((t) => t.emitWithAck("offer:accept", { conversationId })));
    expect(accepts.filter((a) => a.ok)).toHaveLength(1);
    const closes = await Promise.all(
      [tabOne, tabTwo].map((t) => t.emitWithAck("conversation:close", { conversationId })),
    );
    expect(closes.filter((a) => a.ok).length).toBeGreaterThanOrEqual(1);
    await settled(one, token, endpoint.id, 2);
    expect(typesOf(r)).toEqual(["conversation.closed", "handoff.accepted"]);
  });

  it("a receiver that never answers does not hold up the chat", async () => {
    const h = await start(store, 120_000);
    const r = await receiver([], "hang");
    await addEndpoint(h, r.url);
    const v = h.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const heard: Message[] = [];
    onMessage(v, (m) => heard.push(m));
    // The first answers make the lead an MQL: its delivery is posted and held by the receiver.
    await ok(v.emitWithAck("message:send", { clientId: "a", choice: "capture" }));
    await ok(v.emitWithAck("message:send", { clientId: "b", choice: "over-100k" }));
    await until(() => r.held.length >= 1, 5000, "a held delivery");
    await ok(v.emitWithAck("message:send", { clientId: "c", choice: "decider" }));
    await ok(v.emitWithAck("message:send", { clientId: "d", choice: "month" }));
    await ok(v.emitWithAck("message:send", { clientId: "e", text: "fay@corp.co" }));
    await until(
      () => heard.some((m) => m.text.includes("Nobody from the team is online right now")),
      5000,
      "the fallback",
    );
    // The chat went all the way while every request is still unanswered.
    expect(r.held.length).toBeGreaterThanOrEqual(1);
    expect(r.held.every((res) => !res.writableEnded)).toBe(true);
  });

  it("owner only; invalid input answered by field; at most 10 endpoints; edit, rotate, remove", async () => {
    const h = await start();
    const path = `/api/sites/${h.siteKey}/webhooks`;
    expect((await call(h, undefined, "GET", path)).status).toBe(401);
    await h.addRep("rita@test.local", "Rita");
    const repToken = (await h.login("rita@test.local")).token;
    expect((await call(h, repToken, "GET", path)).status).toBe(403);
    expect((await call(h, repToken, "POST", path, { url: "https://x.example/" })).status).toBe(403);

    const { token } = await h.login();
    const bad = async (body: unknown) => {
      const res = await call<{ error: { code: string; fields: { path: string; message: string }[] } }>(
        h,
        token,
        "POST",
        path,
        body,
      );
      expect(res.status).toBe(400);
      expect(res.data.error.code).toBe("BAD_REQUEST");
      return res.data.error.fields;
    };
    expect((await bad({ url: "ftp://files.example/x" }))[0]).toMatchObject({
      path: "url",
      message: expect.stringContaining("http"),
    });
    expect((await bad({ url: "javascript:alert(1)" }))[0]?.path).toBe("url");
    expect((await bad({ url: "https://user:pw@hooks.example/" }))[0]).toMatchObject({
      path: "url",
      message: expect.stringContaining("password"),
    });
    expect((await bad({ url: "not a url" }))[0]?.path).toBe("url");
    expect((await bad({ url: "https://hooks.example/", events: ["lead.nope"] }))[0]?.path).toBe("events.0");
    expect((await bad({ url: "https://hooks.example/", events: [] }))[0]?.path).toBe("events");
    expect((await bad({ url: "https://hooks.example/", secret: "mine" }))[0]?.message).toContain("secret");
    expect((await bad({}))[0]?.path).toBe("url");
    expect((await call(h, token, "GET", "/api/sites/nope/webhooks")).status).toBe(404);

    const created = await call<{ endpoint: WebhookEndpointView }>(h, token, "POST", path, {
      url: " https://hooks.example/a ",
    });
    const e = created.data.endpoint;
    expect(e).toMatchObject({
      url: "https://hooks.example/a",
      enabled: true,
      events: [
        "lead.qualified",
        "handoff.requested",
        "handoff.accepted",
        "handoff.missed",
        "conversation.closed",
        "lead.status_changed",
        "conversation.rated",
        "lead.reengaged",
      ],
    });
    expect(e.secret).toMatch(/^whsec_/);
    const edited = await call<{ endpoint: WebhookEndpointView }>(h, token, "PUT", `${path}/${e.id}`, {
      events: ["conversation.closed", "lead.qualified"],
      enabled: false,
    });
    expect(edited.data.endpoint).toMatchObject({
      events: ["lead.qualified", "conversation.closed"],
      enabled: false,
      secret: e.secret,
    });
    const rotated = await call<{ endpoint: WebhookEndpointView }>(h, token, "POST", `${path}/${e.id}/secret`);
    expect(rotated.data.endpoint.secret).not.toBe(e.secret);
    expect((await call(h, token, "PUT", `${path}/missing`, { enabled: true })).status).toBe(404);
    expect((await call(h, token, "POST", `${path}/missing/test`)).status).toBe(404);

    for (let i = 1; i < 10; i++)
      expect((await call(h, token, "POST", path, { url: `https://hooks.example/${i}` })).status).toBe(201);
    const full = await call<{ error: { code: string } }>(h, token, "POST", path, { url: "https://hooks.example/11" });
    expect(full.status).toBe(409);
    expect(full.data.error.code).toBe("CONFLICT");
    expect((await call(h, token, "DELETE", `${path}/${e.id}`)).status).toBe(204);
    expect((await call(h, token, "DELETE", `${path}/${e.id}`)).status).toBe(404);
    expect((await call(h, token, "POST", path, { url: "https://hooks.example/11" })).status).toBe(201);
  });
});
