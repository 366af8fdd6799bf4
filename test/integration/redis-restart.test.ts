// Redis goes away and comes back: /readyz says 503 meanwhile, requests get UNAVAILABLE (typed, quick), the
// server recovers by itself, and nothing acknowledged is lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../server/log.ts";
import { createRedisStore } from "../../server/store/redis-store.ts";
import type { LeadCard } from "../../shared/protocol/index.ts";
import { connected, type Harness, next, ok, qualifyHot, startApp } from "../support/app.ts";
import { privateRedis, until } from "../support/processes.ts";

describe("Redis restart", () => {
  let redis: Awaited<ReturnType<typeof privateRedis>>;
  let h: Harness;
  let other: Harness;
  beforeAll(async () => {
    redis = await privateRedis();
    const shared = { redis: { url: redis.url, prefix: "banter-restart:" } };
    h = await startApp(await createRedisStore(redis.url, "banter-restart:", silentLogger), shared);
    // A second process on the same Redis, for broadcasts that must cross over after the restart.
    other = await startApp(await createRedisStore(redis.url, "banter-restart:", silentLogger), shared);
  });
  afterAll(async () => {
    for (const app of [h, other]) {
      await app?.close();
      await app?.store.close().catch(() => {});
    }
    await redis?.stop();
  });

  const ready = async () => (await fetch(`${h.url}/readyz`)).status;

  it("503 while Redis is gone, UNAVAILABLE to clients, back by itself, acknowledged data kept", async () => {
    const v = h.visitor();
    await connected(v);
    const joined = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const kept = await ok(v.emitWithAck("message:send", { clientId: "before", choice: "capture" }));
    expect(await ready()).toBe(200);

    await redis.kill();
    await until(async () => (await ready()) === 503, 5000, "/readyz to turn 503");
    const started = Date.now();
    const during = await v.timeout(5000).emitWithAck("message:send", { clientId: "during", text: "about 40k" });
    expect(during).toMatchObject({ ok: false, error: { code: "UNAVAILABLE" } });
    // Typed and quick: the widget can tell the visitor and retry, instead of waiting on a timeout.
    expect(Date.now() - started).toBeLessThan(2000);

    await redis.start();
    await until(async () => (await ready()) === 200, 15_000, "/readyz to recover");
    const retried = await ok(v.emitWithAck("message:send", { clientId: "during", text: "about 40k" }));
    const stored = await h.store.listMessages(joined.conversation.id, 0);
    expect(stored.find((m) => m.clientId === "before")).toEqual(kept.message);
    expect(stored.filter((m) => m.clientId === "during")).toEqual([retried.message]);
    expect(stored.at(-1)?.author).toBe("bot");
  }, 60_000);

  it("broadcasts cross processes again after the restart: pub/sub subscriptions come back by themselves", async () => {
    const rep = other.rep((await other.login()).token);
    await connected(rep);
    // Once the console has its inbox, it is in its rooms on its process.
    await ok(rep.emitWithAck("inbox:get", {}));
    await redis.kill();
    await redis.start();
    for (const app of [h, other]) {
      await until(async () => (await fetch(`${app.url}/readyz`)).status === 200, 15_000, "/readyz");
    }
    const offered = next<LeadCard>(rep, "offer:created", 10_000);
    const v = h.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    await qualifyHot(v);
    // The offer is published by the visitor's process and reaches the rep's only through Redis pub/sub.
    expect((await offered).email).toBe("bo@big.co");
  }, 60_000);

  it("a Redis that stops answering: UNAVAILABLE within seconds, no request left waiting; back when it answers", async () => {
    const v = h.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    redis.pause();
    try {
      const started = Date.now();
      const during = await v.timeout(15_000).emitWithAck("message:send", { clientId: "stuck", choice: "capture" });
      expect(during).toMatchObject({ ok: false, error: { code: "UNAVAILABLE" } });
      expect(Date.now() - started).toBeLessThan(8000);
      expect(await ready()).toBe(503);
    } finally {
      redis.resume();
    }
    await until(async () => (await ready()) === 200, 15_000, "/readyz to recover");
    // The retry is answered, whether or not Redis ran the stuck write once it woke (deduplicated by clientId).
    const retried = await ok(v.emitWithAck("message:send", { clientId: "stuck", choice: "capture" }));
    expect(retried.message.clientId).toBe("stuck");
  }, 60_000);
});
