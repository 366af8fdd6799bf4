// Graceful shutdown (server/drain.ts): a stopping process takes no new work, finishes what is in flight, then
// lets its clients go. In process with a message held mid-write, and for real: SIGTERM to `npm start`'s process
// while a visitor is chatting through a load balancer, with nothing lost.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { MessageDraft, Store } from "../../server/store/types.ts";
import { connected, ok, startApp } from "../support/app.ts";
import { banterProcess, freePort, serverEnv, tcpBalancer, until } from "../support/processes.ts";
import { redisTestStore, redisUrl, uniquePrefix } from "../support/redis.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";
import { widgetClient } from "../support/widget-client.ts";

describe("graceful shutdown", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("finishes a message in flight before closing, and turns new work away meanwhile", async () => {
    const t = await redisTestStore();
    cleanups.push(t.cleanup);
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let reached = () => {};
    const inWrite = new Promise<void>((r) => (reached = r));
    const real = t.store;
    // The visitor's message stops halfway into the store until the test lets it go (a turn writes the visitor's
    // line with the bot's answer, a first one with the conversation, or on its own).
    const hold = async (draft?: MessageDraft) => {
      if (draft?.text === "hold me") {
        reached();
        await held;
      }
    };
    const store: Store = Object.assign(Object.create(real) as typeof real, {
      async appendMessage(draft: MessageDraft) {
        await hold(draft);
        return real.appendMessage(draft);
      },
      async updateConversationSaying(...args: Parameters<Store["updateConversationSaying"]>) {
        await hold(args[2][0]);
        return real.updateConversationSaying(...args);
      },
      async createConversationTurn(...args: Parameters<Store["createConversationTurn"]>) {
        await hold(args[1].find((l) => l.author === "visitor"));
        return real.createConversationTurn(...args);
      },
    });
    const h = await startApp(store);
    cleanups.push(() => h.close());
    const v = h.visitor();
    await connected(v);
    const { conversation } = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));

    const sent = v.emitWithAck("message:send", { clientId: randomUUID(), text: "hold me" });
    await inWrite;
    let closed = false;
    const closing = h.app.close().then(() => {
      closed = true;
    });

    // New work on a connected socket is turned away with an error clients retry; new connections are refused.
    const typing = await v.emitWithAck("typing:set", { typing: true });
    expect(typing).toMatchObject({ ok: false, error: { code: "UNAVAILABLE" } });
    await expect(fetch(`${h.url}/healthz`)).rejects.toThrow();
    expect(closed).toBe(false);

    release();
    const ack = await sent;
    expect(ack.ok).toBe(true);
    await closing;
    const texts = (await real.listMessages(conversation.id, 0)).map((m) => m.text);
    expect(texts).toContain("hold me");
  });

  it("loses no message when the process gets SIGTERM mid-conversation", async () => {
    const prefix = uniquePrefix();
    cleanups.push(() => deleteKeysAt(redisUrl(), prefix));
    const [portA, portB] = [await freePort(), await freePort()];
    const a = banterProcess(serverEnv(portA, redisUrl(), prefix));
    const b = banterProcess(serverEnv(portB, redisUrl(), prefix));
    cleanups.push(() => a.kill());
    cleanups.push(() => b.kill());
    const { siteKey } = await a.start();
    await b.start();
    // The visitor reaches A first; once A stops listening, the balancer sends the reconnect to B.
    const lb = await tcpBalancer([portA, portB]);
    cleanups.push(() => lb.close());
    const w = widgetClient(`http://127.0.0.1:${lb.port}`, siteKey);
    cleanups.push(async () => void w.socket.disconnect());
    await w.waitFor(() => w.texts().includes("What brings you here today?"), "the greeting");

    // Free text the bot answers each time; SIGTERM lands while they are being sent and answered.
    const said = Array.from({ length: 12 }, (_, i) => `question ${i + 1}`);
    for (const [i, text] of said.entries()) {
      w.conversation.sendText(text);
      if (i === 3) void a.kill("SIGTERM");
    }
    await until(() => a.exitCode() !== null, 15_000, "A to exit");
    expect(a.exitCode()).toBe(0);
    expect(a.output()).toContain('"msg":"shutting down"');

    // Every message reaches the store once, in order, through B.
    await w.waitFor(
      () => said.every((s) => w.state().messages.some((m) => m.author === "visitor" && m.text === s)),
      "every message stored",
    );
    const mine = w
      .state()
      .messages.filter((m) => m.author === "visitor")
      .map((m) => m.text);
    expect(mine.filter((m) => said.includes(m))).toEqual(said);
  });
});
