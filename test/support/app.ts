// Builds the real app on port 0 against a store, with a bootstrapped owner and demo site, as index.ts does.

import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, beforeEach } from "vitest";
import { type AppDeps, createApp } from "../../server/app.ts";
import { hashPassword } from "../../server/auth/passwords.ts";
import type { Limits } from "../../server/limits/rates.ts";
import { type Logger, silentLogger } from "../../server/log.ts";
import { bootstrap } from "../../server/sites/bootstrap.ts";
import { createSocketAdapter } from "../../server/store/redis-adapter.ts";
import type { Store } from "../../server/store/types.ts";
import { parseNetworks } from "../../server/webhooks/targets.ts";
import type {
  Ack,
  LoginResult,
  Message,
  RepClientEvents,
  RepServerEvents,
  VisitorClientEvents,
  VisitorServerEvents,
} from "../../shared/protocol/index.ts";
import { redisTestStore, redisUrl } from "./redis.ts";

export const ownerEmail = "owner@test.local";
export const ownerPassword = "correct horse battery";
// The host page's origin in socket tests: allowed by the demo site (localhost on any port).
export const hostOrigin = "http://localhost:5555";

export type VisitorClient = Socket<VisitorServerEvents, VisitorClientEvents>;
export type RepClient = Socket<RepServerEvents, RepClientEvents>;

// Every line announced to a visitor's or a rep's socket, one at a time, in order: a single line (message:created)
// and a bot turn's lines (messages:created) alike.
export function onMessage(socket: VisitorClient | RepClient, take: (m: Message) => void): void {
  const s = socket as VisitorClient;
  s.on("message:created", take);
  s.on("messages:created", (ms) => {
    for (const m of ms) take(m);
  });
}

export interface StartOptions {
  demoOrigins?: string[];
  // Listen on this port instead of a free one (a host page that names the server before it is up).
  port?: number;
  limits?: Partial<Limits>;
  log?: Logger;
  routerTickMs?: number;
  tabTtlMs?: number;
  trustProxy?: boolean;
  metricsToken?: string;
  // Share broadcasts with other apps on the same Redis and prefix (socket.io's Redis adapter), as processes do.
  // `sharded: false`: the classic adapter even on Redis 7 (the bench's comparison).
  redis?: { url: string; prefix: string; sharded?: boolean };
  // The webhook worker's clock and retry waits (test/integration/webhooks.test.ts drives time with them).
  webhooks?: AppDeps["webhooks"];
  // Networks webhooks may be posted to besides public addresses, as WEBHOOKS_ALLOW_NETWORKS: a test posting to
  // a local receiver (webhook-receiver.ts, on 127.0.0.1) names loopback here; unset refuses it, as in production.
  webhookAllowNetworks?: string;
  // How often the store's install marker is checked (test/integration/store-wiped.test.ts).
  storeCheckMs?: number;
  // SMTP and the email worker's clock (test/integration/email.test.ts).
  email?: AppDeps["email"];
  // How long after a rep's last line a visitor who left is emailed it.
  replyDelayMs?: number;
  // The daily digest's hour, clock and how often it looks (test/integration/digest.test.ts).
  digest?: AppDeps["digest"];
  // The length of a day for follow-up emails' afterDays (test/integration/sequences.test.ts).
  sequenceDayMs?: number;
}

export async function startApp(store: Store, opts: StartOptions = {}) {
  const boot = await bootstrap(store, {
    ownerEmail,
    ownerPassword,
    demoOrigins: opts.demoOrigins ?? [],
    now: Date.now(),
  });
  const adapter = opts.redis
    ? await createSocketAdapter(opts.redis.url, opts.redis.prefix, silentLogger, {
        sharded: opts.redis.sharded ?? true,
      })
    : null;
  const app = createApp({
    ...(adapter ? { adapter: adapter.adapter, adapterReady: adapter.isReady, relay: adapter.relay } : {}),
    store,
    installId: boot.installId,
    visitorSecret: "test-secret",
    demoSiteKey: boot.demoSite.key,
    log: opts.log ?? silentLogger,
    ...(opts.limits ? { limits: opts.limits } : {}),
    // Routing timers (ring timeouts, maximum waits) are checked often, so tests can use short ones.
    routerTickMs: opts.routerTickMs ?? 100,
    ...(opts.replyDelayMs ? { replyDelayMs: opts.replyDelayMs } : {}),
    ...(opts.sequenceDayMs ? { sequenceDayMs: opts.sequenceDayMs } : {}),
    ...(opts.tabTtlMs ? { tabTtlMs: opts.tabTtlMs } : {}),
    ...(opts.trustProxy ? { trustProxy: true } : {}),
    ...(opts.metricsToken ? { metricsToken: opts.metricsToken } : {}),
    ...(opts.webhooks ? { webhooks: opts.webhooks } : {}),
    ...(opts.webhookAllowNetworks ? { webhookAllowNetworks: parseNetworks(opts.webhookAllowNetworks) } : {}),
    ...(opts.storeCheckMs ? { storeCheckMs: opts.storeCheckMs } : {}),
    ...(opts.email ? { email: opts.email } : {}),
    ...(opts.digest ? { digest: opts.digest } : {}),
  });
  await new Promise<void>((resolve) => app.http.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
  // The clients still open, for close(): one that disconnected is dropped, so a long benchmark run that makes
  // thousands of visitors does not keep them all.
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on("disconnect", () => sockets.delete(s));
  };

  return {
    app,
    url,
    store,
    siteKey: boot.demoSite.key,
    // A second account, with the rep role: for what only an owner may do, and for other reps' conversations.
    async addRep(email: string, name: string, password = ownerPassword): Promise<void> {
      await store.putUser({
        id: randomUUID(),
        email,
        name,
        role: "rep",
        passwordHash: await hashPassword(password),
        createdAt: Date.now(),
      });
    },
    visitor(opts: { siteKey?: string; origin?: string } = {}): VisitorClient {
      const s: VisitorClient = connect(`${url}/visitor`, {
        auth: { siteKey: opts.siteKey ?? boot.demoSite.key },
        extraHeaders: { origin: opts.origin ?? hostOrigin },
        transports: ["websocket"],
        reconnection: false,
        // Each test client gets its own connection: a shared Manager would reuse another socket's headers.
        forceNew: true,
      });
      track(s);
      return s;
    },
    login: (email = ownerEmail, password = ownerPassword) => logIn(url, email, password),
    rep(token: string): RepClient {
      const s: RepClient = connect(`${url}/rep`, {
        auth: { token },
        transports: ["websocket"],
        reconnection: false,
        forceNew: true,
      });
      track(s);
      return s;
    },
    redis: opts.redis,
    async close() {
      for (const s of sockets) s.disconnect();
      await app.close();
      await adapter?.close();
    },
  };
}

// A console login as a script makes it: the session token is read off the httpOnly cookie and then sent as a
// bearer token (HTTP) or the handshake's auth.token (socket).
export async function logIn(
  url: string,
  email = ownerEmail,
  password = ownerPassword,
): Promise<LoginResult & { token: string }> {
  const res = await fetch(`${url}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  const token = /banter_session=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  if (!token) throw new Error("login set no session cookie");
  return { ...((await res.json()) as LoginResult), token: decodeURIComponent(token) };
}

// Resolves with the next event's argument, or rejects after a while so a missing event fails the test clearly.
export function next<T>(socket: Socket, event: string, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" within ${ms} ms`)), ms);
    socket.once(event, (arg: T) => {
      clearTimeout(timer);
      resolve(arg);
    });
  });
}

export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
}

export type Harness = Awaited<ReturnType<typeof startApp>>;

// The data of an ack, or a thrown error naming its code: for requests a test expects to succeed.
export async function ok<T>(p: Promise<Ack<T>>): Promise<T> {
  const ack = await p;
  if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

// A fresh app on a real Redis (unique key prefix) for each test of the calling describe block.
export function appOnRedis(opts: Omit<StartOptions, "redis"> = {}): () => Harness {
  let h: Harness | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    const t = await redisTestStore();
    cleanup = t.cleanup;
    h = await startApp(t.store, { ...opts, redis: { url: redisUrl(), prefix: t.prefix } });
  });
  afterEach(async () => {
    await h?.close();
    await cleanup?.();
  });
  return () => {
    if (!h) throw new Error("the app starts in beforeEach");
    return h;
  };
}

// Answers the default playbook like a buyer, by buttons: the conversation ends queued for a rep.
export async function qualifyHot(v: VisitorClient, email = "bo@big.co"): Promise<void> {
  for (const [i, choice] of ["capture", "over-100k", "decider", "month"].entries()) {
    await ok(v.emitWithAck("message:send", { clientId: `hot-${i}`, choice }));
  }
  await ok(v.emitWithAck("message:send", { clientId: "hot-email", text: email }));
}

// A console open for the owner, so hot leads are routed: with nobody online a lead goes to the fallback instead.
export async function ownerOnline(h: Harness): Promise<RepClient> {
  const rep = h.rep((await h.login()).token);
  await connected(rep);
  await ok(rep.emitWithAck("inbox:get", {}));
  return rep;
}
