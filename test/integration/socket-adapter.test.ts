// Broadcasts between processes (server/store/redis-adapter.ts): on Redis 7, socket.io's sharded adapter, where a
// process subscribes to a room's channel only while one of its sockets is in the room, on one Redis and on a Redis
// Cluster; the classic adapter on older Redis, or when asked.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient, createCluster } from "redis";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { type Logger, silentLogger } from "../../server/log.ts";
import type { RedisTarget } from "../../server/store/redis/context.ts";
import { createSocketAdapter, supportsShardedPubSub } from "../../server/store/redis-adapter.ts";
import { until } from "../support/processes.ts";
import { redisCluster, redisUrl, uniquePrefix } from "../support/redis.ts";

type Adapter = Awaited<ReturnType<typeof createSocketAdapter>>;

describe("the socket.io Redis adapter", () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  // A socket.io server on the adapter, listening on a free port.
  async function server(target: RedisTarget, prefix: string, sharded = true, log: Logger = silentLogger) {
    const adapter: Adapter = await createSocketAdapter(target, prefix, log, { sharded });
    const http = createServer();
    const io = new Server(http, { adapter: adapter.adapter });
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    cleanups.push(async () => {
      await io.close();
      await adapter.close();
    });
    return { io, adapter, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
  }

  async function client(url: string): Promise<Socket> {
    const s = connect(url, { transports: ["websocket"], forceNew: true });
    cleanups.push(() => s.disconnect());
    await new Promise<void>((r) => s.once("connect", () => r()));
    return s;
  }

  it("is the sharded one on Redis 7 and later, the classic one before", () => {
    expect(supportsShardedPubSub("# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n")).toBe(true);
    expect(supportsShardedPubSub("# Server\r\nredis_version:8.2.1\r\n")).toBe(true);
    expect(supportsShardedPubSub("# Server\r\nredis_version:6.2.14\r\n")).toBe(false);
    expect(supportsShardedPubSub("")).toBe(false);
  });

  // How many subscribers a sharded channel has, asked of the node that holds it.
  async function subscribers(target: RedisTarget, channel: string): Promise<number> {
    const ask = ["PUBSUB", "SHARDNUMSUB", channel];
    let reply: unknown;
    if (typeof target === "string") {
      const redis = await createClient({ url: target }).connect();
      reply = await redis.sendCommand(ask);
      await redis.close();
    } else {
      const redis = await createCluster({ rootNodes: target.cluster.map((url) => ({ url })) }).connect();
      reply = await redis.sendCommand(channel, false, ask);
      await redis.close();
    }
    return Number((reply as unknown[])[1]);
  }

  for (const [name, target] of [
    ["one Redis", () => redisUrl() as RedisTarget],
    ["a Redis Cluster", redisCluster],
  ] as const) {
    it(`subscribes a process only to the rooms its sockets are in, and carries their broadcasts, on ${name}`, async () => {
      const prefix = uniquePrefix();
      const room = (name: string) => `${prefix}socket.io#/#${name}#`;
      const a = await server(target(), prefix);
      const b = await server(target(), prefix);
      expect([a.adapter.sharded, b.adapter.sharded]).toEqual([true, true]);
      const visitor = await client(a.url);
      const heard: string[] = [];
      visitor.on("said", (text: string) => heard.push(text));
      await until(() => a.io.sockets.sockets.size === 1, 2000, "the socket on A");
      a.io.in([...a.io.sockets.sockets.keys()]).socketsJoin("conversation:c1");
      // A's subscriber and not B's: B receives nothing sent to this room. (The app joins a socket to its room
      // before it reads what it answers with, so what is published later finds the subscription in place.)
      await until(async () => (await subscribers(target(), room("conversation:c1"))) === 1, 3000, "A's subscription");
      expect(await subscribers(target(), room("conversation:c2"))).toBe(0);
      // Both hear the namespace's own channel (requests such as fetchSockets, socketsJoin).
      await until(async () => (await subscribers(target(), `${prefix}socket.io#/#`)) === 2, 3000, "both on it");
      b.io.in("conversation:c1").emit("said", "from B");
      await until(() => heard.includes("from B"), 3000, "B's broadcast on A");
      // A room A has no socket in: broadcast from A, heard on B only.
      const other = await client(b.url);
      const heardOther: string[] = [];
      other.on("said", (text: string) => heardOther.push(text));
      await until(() => b.io.sockets.sockets.size === 1, 2000, "the socket on B");
      b.io.in([...b.io.sockets.sockets.keys()]).socketsJoin("conversation:c2");
      await until(async () => (await subscribers(target(), room("conversation:c2"))) === 1, 3000, "B's subscription");
      a.io.in("conversation:c2").emit("said", "from A");
      await until(() => heardOther.includes("from A"), 3000, "A's broadcast on B");
      expect(heard).toEqual(["from B"]);
    });

    it(`relays a bot turn only to the processes with a socket in its room, in either namespace, on ${name}`, async () => {
      const prefix = uniquePrefix();
      const channel = (room: string) => `${prefix}relay#${room}`;
      const a = await server(target(), prefix);
      const b = await server(target(), prefix);
      const c = await server(target(), prefix);
      const heard: string[] = [];
      for (const [name, s] of [
        ["A", a],
        ["B", b],
        ["C", c],
      ] as const) {
        // Two namespaces, as the app's /visitor and /rep.
        for (const nsp of [s.io.of("/"), s.io.of("/rep")])
          s.adapter.relay.follow(nsp.adapter, (r) => r.startsWith("conv:"));
        s.adapter.relay.receive((room, text) => heard.push(`${name} ${room} ${text}`));
      }
      // A's socket in the room in one namespace, B's in the other; C has none.
      await client(a.url);
      const rep = connect(`${b.url}/rep`, { transports: ["websocket"], forceNew: true });
      cleanups.push(() => rep.disconnect());
      await until(() => a.io.sockets.sockets.size === 1 && b.io.of("/rep").sockets.size === 1, 2000, "both sockets");
      a.io.in([...a.io.sockets.sockets.keys()]).socketsJoin("conv:c1");
      b.io.of("/rep").local.socketsJoin("conv:c1");
      // A room that is not relayed is not subscribed.
      a.io.in([...a.io.sockets.sockets.keys()]).socketsJoin("site:s1");
      await until(
        async () => (await subscribers(target(), channel("conv:c1"))) === 2,
        3000,
        "A's and B's subscriptions",
      );
      expect(await subscribers(target(), channel("site:s1"))).toBe(0);
      // From A: heard by B (its rep), not by A itself or C.
      a.adapter.relay.send("conv:c1", "turn 1");
      await until(() => heard.length > 0, 3000, "A's turn on B");
      // From C, which has no socket in the room: heard by A and B.
      c.adapter.relay.send("conv:c1", "turn 2");
      await until(() => heard.length === 3, 3000, "C's turn on A and B");
      await new Promise((r) => setTimeout(r, 100));
      expect(heard.sort()).toEqual(["A conv:c1 turn 2", "B conv:c1 turn 1", "B conv:c1 turn 2"]);
      // The room left: unsubscribed, process by process.
      a.io.in("conv:c1").socketsLeave("conv:c1");
      await until(async () => (await subscribers(target(), channel("conv:c1"))) === 1, 3000, "B's subscription only");
      b.io.of("/rep").local.socketsLeave("conv:c1");
      await until(async () => (await subscribers(target(), channel("conv:c1"))) === 0, 3000, "no subscription left");
    });
  }

  it("drops a relayed message it cannot read, says so, and hears the next", async () => {
    const prefix = uniquePrefix();
    const warned: string[] = [];
    const log: Logger = { ...silentLogger, warn: (msg) => void warned.push(msg) };
    const a = await server(redisUrl(), prefix, true, log);
    const b = await server(redisUrl(), prefix);
    a.adapter.relay.follow(a.io.of("/").adapter, (r) => r.startsWith("conv:"));
    const heard: unknown[] = [];
    a.adapter.relay.receive((_room, text) => heard.push(JSON.parse(text)));
    await client(a.url);
    await until(() => a.io.sockets.sockets.size === 1, 2000, "the socket on A");
    a.io.in([...a.io.sockets.sockets.keys()]).socketsJoin("conv:c1");
    await until(async () => (await subscribers(redisUrl(), `${prefix}relay#conv:c1`)) === 1, 3000, "A's subscription");
    // Another version's message (not JSON to this one), then a good one.
    b.adapter.relay.send("conv:c1", "<not json>");
    b.adapter.relay.send("conv:c1", JSON.stringify({ n: 2 }));
    await until(() => heard.length === 1, 3000, "the good message");
    expect(heard).toEqual([{ n: 2 }]);
    expect(warned).toEqual(["room relay message failed"]);
  });

  it("hands a broadcast to the process's own sockets before the handler's answer, as the classic adapter does", async () => {
    const a = await server(redisUrl(), uniquePrefix());
    a.io.on("connection", (socket) => {
      socket.join("conversation:c1");
      socket.on("go", (ack: () => void) => {
        a.io.in("conversation:c1").emit("said", "live");
        ack();
      });
    });
    const visitor = await client(a.url);
    const order: string[] = [];
    visitor.on("said", () => order.push("broadcast"));
    await visitor.emitWithAck("go");
    order.push("answer");
    expect(order).toEqual(["broadcast", "answer"]);
  });

  it("keeps the classic adapter when asked, and it carries broadcasts too", async () => {
    const prefix = uniquePrefix();
    const a = await server(redisUrl(), prefix, false);
    const b = await server(redisUrl(), prefix, false);
    expect([a.adapter.sharded, b.adapter.sharded]).toEqual([false, false]);
    const visitor = await client(a.url);
    const heard: string[] = [];
    visitor.on("said", (text: string) => heard.push(text));
    await until(() => a.io.sockets.sockets.size === 1, 2000, "the socket on A");
    a.io.in([...a.io.sockets.sockets.keys()]).socketsJoin("conversation:c1");
    b.io.in("conversation:c1").emit("said", "from B");
    await until(() => heard.includes("from B"), 3000, "B's broadcast on A");
  });
});
