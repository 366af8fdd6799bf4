// Redis goes away and comes back: /readyz says 503 meanwhile, requests get UNAVAILABLE (typed, quick), the
// server recovers by itself, and nothing acknowledged is lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../server/log.ts";
import { createRedisStore } from "../../server/store/redis-store.ts";
import { connected, type Harness, ok, startApp } from "../support/app.ts";
import { privateRedis, until } from "../support/processes.ts";

describe("Redis restart", () => {
  let redis: Awaited<ReturnType<typeof privateRedis>>;
  let h: Harness;
  beforeAll(async () => {
    redis = await privateRedis();
    h = await startApp(await createRedisStore(redis.url, "banter-restart:", silentLogger));
  });
  afterAll(async () => {
    await h?.close();
    await h?.store.close().catch(() => {});
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
});
