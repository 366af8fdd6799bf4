// Faults, with the real server process and the widget's own conversation logic: a SIGKILLed server, and a
// network that drops under the client. Across both directions no message is lost or duplicated.
import { randomUUID } from "node:crypto";
import { io } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../server/log.ts";
import { createRedisStore } from "../../server/store/redis-store.ts";
import type { Store } from "../../server/store/types.ts";
import type { LeadCard, Message } from "../../shared/protocol/index.ts";
import { appOnRedis, logIn, ok, onMessage, type RepClient } from "../support/app.ts";
import { banterProcess, freePort, serverEnv, until } from "../support/processes.ts";
import { redisUrl, uniquePrefix } from "../support/redis.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";
import { widgetClient } from "../support/widget-client.ts";

describe("a server killed with SIGKILL mid-conversation", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("comes back; widget and rep reconnect by themselves; nothing lost or duplicated", async () => {
    const port = await freePort();
    const prefix = uniquePrefix();
    const url = `http://127.0.0.1:${port}`;
    const server = banterProcess(serverEnv(port, redisUrl(), prefix));
    cleanups.push(() => deleteKeysAt(redisUrl(), prefix));
    cleanups.push(() => server.kill());
    const { siteKey } = await server.start();

    // The rep first: with nobody online a hot lead goes to the fallback instead of the queue.
    const login = await logIn(url);
    // A plain socket that, on every (re)connect, catches up with its conversation from the last contiguous seq.
    const rep: RepClient = io(`${url}/rep`, {
      auth: { token: login.token },
      transports: ["websocket"],
      forceNew: true,
    });
    cleanups.push(async () => {
      rep.disconnect();
    });
    const seen = new Map<number, Message>();
    let conversationId = "";
    onMessage(rep, (m) => seen.set(m.seq, m));
    rep.on("connect", async () => {
      if (!conversationId) return;
      let last = 0;
      while (seen.has(last + 1)) last++;
      const ack = await rep.emitWithAck("conversation:get", { conversationId, lastSeq: last }).catch(() => null);
      if (ack?.ok) for (const m of ack.data.messages) seen.set(m.seq, m);
    });
    await until(() => rep.connected, 5000, "the rep to connect");
    const offered = new Promise<LeadCard>((resolve) => rep.once("offer:created", resolve));

    const w = widgetClient(url, siteKey);
    cleanups.push(async () => w.close());
    await w.qualify();
    await w.waitFor(() => w.state().status === "queued", "the handoff");
    conversationId = (await offered).conversationId;
    const detail = await ok(rep.emitWithAck("offer:accept", { conversationId }));
    for (const m of detail.messages) seen.set(m.seq, m);
    await w.waitFor(() => w.state().status === "live", "the visitor to see the rep");

    // Mid-conversation: the visitor's message is in flight when the server dies.
    w.conversation.sendText("sent as the server dies");
    await server.kill("SIGKILL");
    w.conversation.sendText("written while the server is down");
    w.conversation.sendText("and another one");
    // The rep resends until acknowledged, with one clientId, as the console's outbox does: an emit cut off by the
    // crash is rejected by socket.io-client, and only the resend tells whether it was stored.
    const repClientId = randomUUID();
    const repSend = (async () => {
      for (;;) {
        const ack = await rep
          .timeout(5000)
          .emitWithAck("message:send", { conversationId, clientId: repClientId, text: "rep, while down" })
          .catch(() => null);
        if (ack?.ok) return ack;
        await until(() => rep.connected, 20_000, "the rep to reconnect");
      }
    })();

    await server.start();
    await repSend;
    const visitorTexts = ["sent as the server dies", "written while the server is down", "and another one"];
    await w.waitFor(
      () => w.state().outbox.length === 0 && w.texts().includes("rep, while down") && w.state().link === "online",
      "the widget to reconnect, flush and catch up",
      30_000,
    );
    await until(
      () => visitorTexts.every((t) => [...seen.values()].some((m) => m.text === t)),
      20_000,
      "the rep to see every visitor message",
    );

    const store: Store = await createRedisStore(redisUrl(), prefix, silentLogger);
    cleanups.push(() => store.close());
    const stored = await store.listMessages(conversationId, 0);
    for (const text of [...visitorTexts, "rep, while down"]) {
      expect(
        stored.filter((m) => m.text === text),
        text,
      ).toHaveLength(1);
    }
    expect(new Set(stored.map((m) => m.clientId)).size).toBe(stored.length);
    expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
    // Both sides hold exactly the stored transcript: nothing missing, nothing twice.
    expect(w.state().messages.map((m) => m.seq)).toEqual(stored.map((m) => m.seq));
    const repSeqs = [...seen.keys()].sort((a, b) => a - b);
    expect(repSeqs).toEqual(stored.map((m) => m.seq));
  }, 90_000);
});

describe("a network that drops under the client", () => {
  const app = appOnRedis();

  it("the outbox flushes on reconnect, once", async () => {
    const h = app();
    const w = widgetClient(h.url, h.siteKey);
    try {
      await w.waitFor(() => w.state().link === "online", "the first join");
      // The engine closes under the client, as when a phone changes networks; messages are written meanwhile.
      w.socket.io.engine.close();
      w.conversation.sendText("typed during the drop");
      w.conversation.sendText("and right after");
      await w.waitFor(
        () => w.state().outbox.length === 0 && w.state().link === "online",
        "the reconnect and the flush",
      );
      const id = w.state().conversationId as string;
      // The bot's answer to the last message is stored before its broadcast reaches the client, and a resend's
      // ack can even come before it is stored (the first send is still answering): wait until the answer is
      // stored and the client holds everything stored.
      let stored: Message[] = [];
      const seqs = (ms: Message[]) => ms.map((m) => m.seq).join(",");
      await until(
        async () => {
          stored = await h.store.listMessages(id, 0);
          const last = stored.findIndex((m) => m.text === "and right after");
          return (
            last >= 0 && stored.slice(last).some((m) => m.author === "bot") && seqs(w.state().messages) === seqs(stored)
          );
        },
        20_000,
        "the bot's answer, stored and received",
      );
      for (const text of ["typed during the drop", "and right after"]) {
        expect(stored.filter((m) => m.text === text)).toHaveLength(1);
      }
    } finally {
      w.close();
    }
  }, 30_000);
});
