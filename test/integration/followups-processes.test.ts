// FU8 across real server processes: the visitor's callback reaches two processes at once (the same message, sent
// to both, as a widget does after a reconnect), and the lead still has one callback item, opened once, listed
// once by either process.
import { io } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../server/log.ts";
import { createRedisStore } from "../../server/store/redis-store.ts";
import type { FollowUpView } from "../../shared/protocol/index.ts";
import { call } from "../support/api.ts";
import { connected, hostOrigin, logIn, ok, qualifyHot, type VisitorClient } from "../support/app.ts";
import { banterProcess, freePort, serverEnv, until } from "../support/processes.ts";
import { redisUrl, uniquePrefix } from "../support/redis.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";

describe("follow-ups over two server processes", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("FU8 a callback sent to both processes at once opens one item", async () => {
    const prefix = uniquePrefix();
    cleanups.push(() => deleteKeysAt(redisUrl(), prefix));
    const [portA, portB] = [await freePort(), await freePort()];
    const a = banterProcess(serverEnv(portA, redisUrl(), prefix));
    const b = banterProcess(serverEnv(portB, redisUrl(), prefix));
    cleanups.push(() => a.kill());
    cleanups.push(() => b.kill());
    const { siteKey } = await a.start();
    await b.start();
    const visitorOn = async (port: number): Promise<VisitorClient> => {
      const v: VisitorClient = io(`http://127.0.0.1:${port}/visitor`, {
        auth: { siteKey },
        extraHeaders: { origin: hostOrigin },
        transports: ["websocket"],
        forceNew: true,
      });
      cleanups.push(async () => void v.disconnect());
      await connected(v);
      return v;
    };

    // Nobody online: the hot lead falls back to a callback (L10), on A.
    const onA = await visitorOn(portA);
    const joined = await ok(onA.emitWithAck("conversation:join", { lastSeq: 0, timeZone: "Europe/Paris" }));
    await qualifyHot(onA, "hal@corp.co");
    // The same visitor on B too, then the callback sent to both at once.
    const onB = await visitorOn(portB);
    await ok(onB.emitWithAck("conversation:join", { lastSeq: 0, visitorToken: joined.visitorToken }));
    const message = { clientId: "callback-1", text: "+1 415 555 0199, tomorrow at 10" };
    await Promise.all([onA.emitWithAck("message:send", message), onB.emitWithAck("message:send", message)]);

    const store = await createRedisStore(redisUrl(), prefix, silentLogger);
    cleanups.push(() => store.close());
    const id = (await store.listConversations(siteKey, 1))[0]?.id as string;
    await until(async () => (await store.getFollowUp(`fu_${id}_callback`)) !== null, 10_000, "the callback item");
    await new Promise((r) => setTimeout(r, 300));
    const items = await store.listConversationFollowUps(id);
    expect(items.map((f) => [f.kind, f.state])).toEqual([
      ["callback", "open"],
      ["missed-handoff", "done"],
    ]);
    // Opened once: never written over by a second opening.
    expect(items[0]?.rev).toBe(0);
    for (const port of [portA, portB]) {
      const { token } = await logIn(`http://127.0.0.1:${port}`);
      const listed = await call(`http://127.0.0.1:${port}`, token, "GET", "/api/followups");
      expect((listed.body.followUps as FollowUpView[]).map((v) => v.item.id)).toEqual([`fu_${id}_callback`]);
    }
  });
});
