// WORKERS=2: `npm start`'s process becomes a cluster primary with two workers on one port and one Redis
// (server/cluster.ts). A rep and a visitor land on different workers, and the hot lead's offer and the live chat
// cross between them; a visitor on HTTP long-polling keeps its session on its worker; a worker that dies is
// replaced while its clients carry on on the other; many connections in a row all connect; SIGTERM to the
// primary drains both workers and exits 0.
import { io } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import type { LeadCard, Message } from "../../shared/protocol/index.ts";
import {
  connected,
  hostOrigin,
  logIn,
  ok,
  onMessage,
  ownerEmail,
  type RepClient,
  type VisitorClient,
} from "../support/app.ts";
import { banterProcess, childPids, freePort, isRunning, serverEnv, until } from "../support/processes.ts";
import { redisUrl, uniquePrefix } from "../support/redis.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";
import { widgetClient } from "../support/widget-client.ts";

describe("WORKERS=2 on one port", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("spreads clients over both workers, which behave as one, survive losing one, and drain on SIGTERM", async () => {
    const prefix = uniquePrefix();
    cleanups.push(() => deleteKeysAt(redisUrl(), prefix));
    const port = await freePort();
    // No BANTER_OWNER_PASSWORD: the first start generates one, and three processes start.
    const server = banterProcess({ ...serverEnv(port, redisUrl(), prefix), WORKERS: "2", BANTER_OWNER_PASSWORD: "" });
    cleanups.push(() => server.kill());
    const { siteKey } = await server.start();
    const passwords = [...server.output().matchAll(/Password: +(\S+)/g)].map((m) => m[1] as string);
    expect(passwords).toHaveLength(1);
    // The primary closes its store once the first-start data is made: the indexes' background filing is the
    // workers', and nothing fails for the store it closed.
    expect(server.output()).not.toMatch(/"level":"error"/);
    const primary = server.pid() as number;
    const workers = childPids(primary);
    expect(workers).toHaveLength(2);
    const url = `http://127.0.0.1:${port}`;

    // New sessions go to the worker with the fewest: the rep to one, the visitor after it to the other.
    const { token } = await logIn(url, ownerEmail, passwords[0]);
    const rep: RepClient = io(`${url}/rep`, { auth: { token }, transports: ["websocket"], forceNew: true });
    cleanups.push(() => void rep.disconnect());
    await connected(rep);
    await ok(rep.emitWithAck("presence:set", { status: "available" }));
    const w = widgetClient(url, siteKey);
    cleanups.push(() => w.close());
    const heard: Message[] = [];
    onMessage(rep, (m) => heard.push(m));
    const offered = new Promise<LeadCard>((resolve) => rep.once("offer:created", resolve));
    await w.qualify();
    const { conversationId } = await offered;
    await ok(rep.emitWithAck("offer:accept", { conversationId }));
    await w.waitFor(() => w.state().status === "live", "the visitor to see the rep");
    await ok(rep.emitWithAck("message:send", { conversationId, clientId: "r1", text: "Hi, I'm the rep" }));
    await w.waitFor(() => w.texts().includes("Hi, I'm the rep"), "the rep's message at the visitor");

    // Long-polling: every poll is a new HTTP request, each one routed by its session id to the same worker.
    const polling: VisitorClient = io(`${url}/visitor`, {
      auth: { siteKey },
      extraHeaders: { origin: hostOrigin },
      transports: ["polling"],
      forceNew: true,
    });
    cleanups.push(() => void polling.disconnect());
    await connected(polling);
    await ok(polling.emitWithAck("conversation:join", { lastSeq: 0 }));
    // The bot's reply to the first message (the greeting, stored with it, comes again first: engine rule H3).
    const botReplied = new Promise<Message>((resolve) =>
      onMessage(polling, (m) => m.author === "bot" && m.seq > 2 && resolve(m)),
    );
    await ok(polling.emitWithAck("message:send", { clientId: "p1", choice: "capture" }));
    expect((await botReplied).text).toMatch(/budget/i);
    expect(polling.io.engine.transport.name).toBe("polling");

    // Connections in a row, each handed to a worker right after its upgrade request was read: every client's
    // first frame must reach its worker (server/cluster.ts, keepBytesForWorker), or its connect hangs.
    for (let i = 0; i < 50; i++) {
      const v: VisitorClient = io(`${url}/visitor`, {
        auth: { siteKey },
        extraHeaders: { origin: hostOrigin },
        transports: ["websocket"],
        reconnection: false,
        forceNew: true,
      });
      await until(() => v.connected, 5000, `connection ${i}`).finally(() => v.disconnect());
    }

    // A body far past anything the app takes is cut at the primary, which relays bodies chunk by chunk: it must
    // not hold an upload for a worker to refuse. The primary serves on.
    const huge = await fetch(`${url}/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Buffer.alloc(8 * 1024 * 1024, 32),
    }).then(
      (res) => res.status,
      () => "cut",
    );
    expect(huge).toBe("cut");
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    // One worker dies: exactly one of the rep and the visitor loses its connection, so they were on different
    // workers. Both go on through the other worker while the primary starts a replacement.
    let repDropped = false;
    let visitorDropped = false;
    rep.once("disconnect", () => (repDropped = true));
    w.socket.once("disconnect", () => (visitorDropped = true));
    process.kill(workers[0] as number, "SIGKILL");
    await until(() => repDropped || visitorDropped, 5000, "a client of the killed worker to drop");
    await new Promise((r) => setTimeout(r, 200));
    expect(repDropped).not.toBe(visitorDropped);
    await until(() => rep.connected && w.state().link === "online", 10_000, "both back");
    // As the console does on every connect: its inbox, and the rooms of its chats.
    await ok(rep.emitWithAck("inbox:get", {}));
    w.conversation.sendText("still here");
    await until(() => heard.some((m) => m.text === "still here"), 5000, "the visitor's message at the rep");
    await ok(rep.emitWithAck("message:send", { conversationId, clientId: "r2", text: "Me too" }));
    await w.waitFor(() => w.texts().includes("Me too"), "the rep's reply");
    // Forking and starting a worker: 10 s was not enough with three test files at a time on 2 cores (seen in CI).
    await until(() => server.output().includes('"msg":"worker replaced"'), 30_000, "a replacement worker");

    // SIGTERM to the primary: the workers drain and exit, then the primary exits 0.
    const all = childPids(primary);
    expect(all).toHaveLength(2);
    await server.kill("SIGTERM");
    expect(server.exitCode()).toBe(0);
    expect(all.filter(isRunning)).toEqual([]);
    expect(server.output().match(/"msg":"shutting down"/g)).toHaveLength(3);
  }, 90_000);
});
