// A Redis that comes back empty (restarted without persistence, flushed) answers every command, so only the
// install marker the first start wrote (server/sites/bootstrap.ts) shows that the data is gone. A process that
// started on the install answers /readyz 503 "store-wiped", says so once in the log, lets its sockets go and turns
// new ones and API requests away with UNAVAILABLE, and makes nothing again; the marker restored (a backup), it is
// ready again. A Redis that stalls: /readyz answers 503 "store-timeout" within its bound. At start: an empty
// store is a first start, data without the marker is marked and no second owner made, and a cluster worker
// makes nothing (its primary did).

import { createClient } from "redis";
import type { Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { type Logger, silentLogger } from "../../server/log.ts";
import { bootstrap, installMarker } from "../../server/sites/bootstrap.ts";
import { keys } from "../../server/store/keys.ts";
import { createRedisStore } from "../../server/store/redis-store.ts";
import { connected, ownerEmail, startApp } from "../support/app.ts";
import { banterProcess, childPids, freePort, privateRedis, serverEnv, until } from "../support/processes.ts";
import { redisTestStore, redisUrl, uniquePrefix } from "../support/redis.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";

type Line = { level: string; msg: string } & Record<string, unknown>;

function capture(): { log: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    lines.push({ level, msg, ...fields });
  };
  return { log: { info: at("info"), warn: at("warn"), error: at("error") }, lines };
}

async function readyz(url: string): Promise<{ status: number; body: unknown; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: await res.json(), ms: Date.now() - started };
}

// The code a handshake was refused with.
function refusal(s: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    s.once("connect", () => reject(new Error("the handshake was accepted")));
    s.once("connect_error", (e: Error & { data?: { code?: string } }) => resolve(e.data?.code ?? e.message));
  });
}

// Why the socket was let go, or a failure when it is still connected after ms.
function gone(s: Socket, ms = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
    s.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

describe("a store wiped under a running process", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("503 store-wiped, one error line, sockets let go and refused UNAVAILABLE, nothing made again; ready again once the marker is restored", async () => {
    const t = await redisTestStore();
    cleanups.push(() => t.cleanup());
    const { log, lines } = capture();
    const h = await startApp(t.store, { log, storeCheckMs: 100 });
    cleanups.push(() => h.close());
    const v = h.visitor();
    await connected(v);
    const rep = h.rep((await h.login()).token);
    await connected(rep);
    expect(await readyz(h.url)).toMatchObject({ status: 200, body: { status: "ready", store: "redis" } });
    const raw = createClient({ url: redisUrl() });
    await raw.connect();
    cleanups.push(() => raw.close());
    const markerKey = keys(t.prefix).secret(installMarker);
    const marker = await raw.get(markerKey);
    expect(marker).toBeTruthy();

    // As a Redis restarted without persistence: nothing under the prefix.
    const visitorGone = gone(v);
    const repGone = gone(rep);
    await deleteKeysAt(redisUrl(), t.prefix);
    // The periodic check notices with nobody asking /readyz; the clients see their connection drop (and would
    // reconnect by themselves).
    expect(await visitorGone).toBe("transport close");
    expect(await repGone).toBe("transport close");

    for (let i = 0; i < 3; i++) {
      expect(await readyz(h.url)).toMatchObject({
        status: 503,
        body: { status: "unavailable", reason: "store-wiped", store: "redis" },
      });
    }
    // Once per detection, not per request or check.
    expect(lines.filter((l) => l.level === "error" && /store wiped/.test(l.msg))).toHaveLength(1);
    expect(await refusal(h.visitor())).toBe("UNAVAILABLE");
    const login = await fetch(`${h.url}/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ownerEmail, password: "anything" }),
    });
    expect(login.status).toBe(503);
    expect(await login.json()).toMatchObject({ error: { code: "UNAVAILABLE" } });
    expect(await (await fetch(`${h.url}/metrics`)).text()).toMatch(/^banter_store_wiped 1$/m);
    // Nothing is made again: no owner, no demo site, no marker.
    expect(await t.store.countUsers()).toBe(0);
    expect(await t.store.listSites()).toEqual([]);
    expect(await raw.get(markerKey)).toBeNull();

    // The marker comes back, as with a restored backup: ready again, and said once.
    await raw.set(markerKey, marker as string);
    await until(async () => (await readyz(h.url)).status === 200, 5000, "/readyz to recover");
    expect(lines.filter((l) => l.level === "info" && /install marker is back/.test(l.msg))).toHaveLength(1);
    expect(await (await fetch(`${h.url}/metrics`)).text()).toMatch(/^banter_store_wiped 0$/m);
  }, 30_000);

  it("another install's marker (wiped, then started afresh by another process) is a wiped store too", async () => {
    const t = await redisTestStore();
    cleanups.push(() => t.cleanup());
    const h = await startApp(t.store);
    cleanups.push(() => h.close());
    await deleteKeysAt(redisUrl(), t.prefix);
    // Another process starting on the emptied store: a first start, with a marker of its own.
    await bootstrap(t.store, { ownerEmail, demoOrigins: [], now: Date.now() });
    expect(await readyz(h.url)).toMatchObject({ status: 503, body: { reason: "store-wiped" } });
  });
});

describe("a Redis that stalls", () => {
  it("/readyz answers 503 store-timeout within a second, and 200 once Redis answers again", async () => {
    const redis = await privateRedis();
    const store = await createRedisStore(redis.url, "banter-stall:", silentLogger);
    const h = await startApp(store);
    const pauser = createClient({ url: redis.url });
    try {
      await pauser.connect();
      expect((await readyz(h.url)).status).toBe(200);
      // Every client's commands wait (a Redis blocked by a slow command, a replica promotion, a swap).
      await pauser.sendCommand(["CLIENT", "PAUSE", "3000", "ALL"]);
      const stalled = await readyz(h.url);
      expect(stalled).toMatchObject({ status: 503, body: { status: "unavailable", reason: "store-timeout" } });
      // The check's bound is 500 ms; a load balancer's check usually gives up after a few seconds.
      expect(stalled.ms).toBeLessThan(1500);
      await until(async () => (await readyz(h.url)).status === 200, 10_000, "/readyz once Redis answers");
    } finally {
      await h.close();
      await store.close().catch(() => {});
      await pauser.close().catch(() => {});
      await redis.stop();
    }
  }, 30_000);
});

describe("at start", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const opts = { ownerEmail, ownerPassword: "pw", demoOrigins: [], now: 1 };

  it("an empty store is a first start: the marker, the owner, the playbook and the demo site are made", async () => {
    const t = await redisTestStore();
    cleanups.push(() => t.cleanup());
    const boot = await bootstrap(t.store, opts);
    expect(boot.createdOwner?.email).toBe(ownerEmail);
    expect(await t.store.getSecret(installMarker)).toBe(boot.installId);
    expect(await t.store.countUsers()).toBe(1);
    // A later start finds the install and makes no owner.
    const again = await bootstrap(t.store, opts);
    expect(again.createdOwner).toBeUndefined();
    expect(again.installId).toBe(boot.installId);
    expect(await t.store.countUsers()).toBe(1);
  });

  it("accounts without the marker (it alone was lost, or the store predates it): marked again, no second owner", async () => {
    const t = await redisTestStore();
    cleanups.push(() => t.cleanup());
    await bootstrap(t.store, { ...opts, ownerEmail: "first@test.local" });
    await deleteKeysAt(redisUrl(), keys(t.prefix).secret(installMarker));
    const boot = await bootstrap(t.store, opts);
    expect(boot.createdOwner).toBeUndefined();
    expect((await t.store.listUsers()).map((u) => u.email)).toEqual(["first@test.local"]);
    expect(await t.store.getSecret(installMarker)).toBe(boot.installId);
  });

  it("a cluster worker started on a wiped store makes nothing: it refuses, and its siblings answer 503", async () => {
    const prefix = uniquePrefix();
    cleanups.push(() => deleteKeysAt(redisUrl(), prefix));
    const port = await freePort();
    const server = banterProcess({ ...serverEnv(port, redisUrl(), prefix), WORKERS: "2" });
    cleanups.push(() => server.kill());
    await server.start();
    const [worker] = childPids(server.pid() as number);
    await deleteKeysAt(redisUrl(), prefix);
    // The primary replaces a dead worker a second later: the replacement finds the store empty.
    process.kill(worker as number, "SIGKILL");
    await until(() => /store wiped/.test(server.output()), 15_000, "the replacement worker to refuse");
    const store = await createRedisStore(redisUrl(), prefix, silentLogger);
    cleanups.push(() => store.close());
    expect(await store.countUsers()).toBe(0);
    expect(await store.getSecret(installMarker)).toBeNull();
    expect(await readyz(`http://127.0.0.1:${port}`)).toMatchObject({ status: 503, body: { reason: "store-wiped" } });
  }, 90_000);
});
