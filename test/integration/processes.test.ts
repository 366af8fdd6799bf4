// Two server processes behind a load balancer, on one Redis and on a Redis Cluster: a visitor on one and a rep on the
// other complete a handoff and chat; presence is the same on both; when one process is SIGKILLed its clients carry
// on on the other.

import { io } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import type { LeadCard, Message, RepPresence } from "../../shared/protocol/index.ts";
import { logIn, ok, onMessage, type RepClient } from "../support/app.ts";
import { banterProcess, freePort, serverEnv, tcpBalancer, until } from "../support/processes.ts";
import { redisCluster, redisUrl, uniquePrefix } from "../support/redis.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";
import { widgetClient } from "../support/widget-client.ts";

const targets = [
  ["one Redis", redisUrl],
  ["a Redis Cluster", redisCluster],
] as const;

describe.each(targets)("several server processes on %s", (_name, redis) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("behave as one, and survive losing one", async () => {
    const prefix = uniquePrefix();
    cleanups.push(() => deleteKeysAt(redis(), prefix));
    const [portA, portB] = [await freePort(), await freePort()];
    const env = (port: number) => serverEnv(port, redis(), prefix);
    const a = banterProcess(env(portA));
    const b = banterProcess(env(portB));
    cleanups.push(() => a.kill());
    cleanups.push(() => b.kill());
    const { siteKey } = await a.start();
    await b.start();
    // Clients reach the processes through balancers: one prefers A, one prefers B; both fall back to the other.
    const viaA = await tcpBalancer([portA, portB]);
    const viaB = await tcpBalancer([portB, portA]);
    cleanups.push(() => viaA.close());
    cleanups.push(() => viaB.close());

    const login = async () => (await logIn(`http://127.0.0.1:${portA}`)).token;
    const repOn = (port: number, token: string): RepClient =>
      io(`http://127.0.0.1:${port}/rep`, { auth: { token }, transports: ["websocket"], forceNew: true });
    // The rep on B; a second console tab of the same rep on A.
    const rep = repOn(viaB.port, await login());
    const tabOnA = repOn(viaA.port, await login());
    cleanups.push(async () => {
      rep.disconnect();
      tabOnA.disconnect();
    });
    await until(() => rep.connected && tabOnA.connected, 5000, "the consoles");
    const presences: RepPresence[] = [];
    tabOnA.on("presence:updated", (p) => presences.push(p));
    await ok(rep.emitWithAck("presence:set", { status: "away" }));
    await until(() => presences.some((p) => p.status === "away"), 3000, "B's presence change heard on A");
    const onA = await ok(tabOnA.emitWithAck("presence:set", { status: "available" }));
    const onB = await ok(rep.emitWithAck("team:get", {}));
    // One rep, two tabs on two processes: counted once, the same on both.
    expect(onB.reps).toEqual([onA.presence]);
    expect(onA.presence).toMatchObject({ status: "available", live: 0 });

    const heard = new Map<number, Message>();
    onMessage(rep, (m) => heard.set(m.seq, m));
    const offered = new Promise<LeadCard>((resolve) => rep.once("offer:created", resolve));
    // The visitor on A.
    const w = widgetClient(`http://127.0.0.1:${viaA.port}`, siteKey);
    cleanups.push(async () => w.close());
    await w.qualify();
    // The offer crosses from A to the rep on B.
    const { conversationId } = await offered;
    const detail = await ok(rep.emitWithAck("offer:accept", { conversationId }));
    for (const m of detail.messages) heard.set(m.seq, m);
    await w.waitFor(() => w.state().status === "live", "the visitor to see the rep");
    await ok(rep.emitWithAck("message:send", { conversationId, clientId: "r1", text: "Hi from B" }));
    await w.waitFor(() => w.texts().includes("Hi from B"), "B's message on A");
    w.conversation.sendText("Hi from A");
    await until(() => [...heard.values()].some((m) => m.text === "Hi from A"), 5000, "A's message on B");

    // A dies: the visitor reconnects through the balancer to B and the chat goes on, both ways.
    await a.kill("SIGKILL");
    w.conversation.sendText("still here after A died");
    await w.waitFor(() => w.state().outbox.length === 0 && w.state().link === "online", "the visitor on B", 30_000);
    await ok(rep.emitWithAck("message:send", { conversationId, clientId: "r2", text: "Me too" }));
    await w.waitFor(() => w.texts().includes("Me too"), "the rep's reply after failover");
    await until(
      () => [...heard.values()].some((m) => m.text === "still here after A died"),
      10_000,
      "the visitor's message",
    );
    const seqs = w.state().messages.map((m) => m.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
    expect(w.texts().filter((t) => t === "still here after A died")).toHaveLength(1);
  }, 90_000);
});
