// What one bot turn costs on Redis, counted (MONITOR), and that the process's copy of a conversation
// (server/conversation/turn-cache.ts) never gives a wrong answer: a turn where nothing moved waits for one round
// trip and makes one publish; a copy another process made stale is caught by the write's compare-and-set; the
// rate limits counted in that write still refuse. On Redis Cluster, where the counters are in other slots than
// the conversation, they leave together: one round trip, not one per counter.
import { createClient } from "redis";
import { afterEach, describe, expect, inject, it } from "vitest";
import type { Limits } from "../../server/limits/rates.ts";
import { supportsShardedPubSub } from "../../server/store/redis-adapter.ts";
import { createRedisStore } from "../../server/store/redis-store.ts";
import type { Message } from "../../shared/protocol/index.ts";
import { connected, ok, onMessage, startApp, type VisitorClient } from "../support/app.ts";
import { until } from "../support/processes.ts";
import { redisCluster, redisTestStore, redisUrl } from "../support/redis.ts";
import { conversation } from "../support/store-contract.ts";

type Harness = Awaited<ReturnType<typeof startApp>>;

describe("the cost of a bot turn (Redis)", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  // An app with the Redis store and the Redis adapter, as production runs with REDIS_URL.
  async function app(limits?: Partial<Limits>): Promise<{ h: Harness; prefix: string }> {
    const t = await redisTestStore();
    cleanups.push(t.cleanup);
    // Routing and the webhook worker poll on timers, not per turn: slowed down so they stay out of the counts.
    const h = await startApp(t.store, {
      redis: { url: redisUrl(), prefix: t.prefix },
      routerTickMs: 3_600_000,
      webhooks: { tickMs: 3_600_000 },
      ...(limits ? { limits } : {}),
    });
    cleanups.push(() => h.close());
    return { h, prefix: t.prefix };
  }

  async function visitor(h: Harness, visitorToken?: string): Promise<{ v: VisitorClient; token: string; id: string }> {
    const v = h.visitor();
    cleanups.push(async () => void v.disconnect());
    await connected(v);
    const joined = await ok(
      v.emitWithAck("conversation:join", { lastSeq: 0, ...(visitorToken ? { visitorToken } : {}) }),
    );
    return { v, token: joined.visitorToken, id: joined.conversation.id };
  }

  // Sends an answer and waits for the bot's reply to it to reach this socket.
  async function answer(v: VisitorClient, clientId: string, choice: string): Promise<void> {
    const heard = new Set<string>();
    onMessage(v, (m) => heard.add(m.clientId));
    const { message } = await ok(v.emitWithAck("message:send", { clientId, choice }));
    await until(() => heard.has(`bot:${message.seq}:0`), 3000, `the bot's reply to ${clientId}`);
  }

  // The Redis commands sent over the network while `run` runs (not those a script ran, "[0 lua]"), sorted, and
  // the events the visitor's socket heard meanwhile.
  async function counted(prefix: string, v: VisitorClient, run: () => Promise<void>) {
    const monitor = createClient({ url: redisUrl() });
    const marker = createClient({ url: redisUrl() });
    await Promise.all([monitor.connect(), marker.connect()]);
    cleanups.push(async () => {
      await Promise.allSettled([monitor.close(), marker.close()]);
    });
    const lines: string[] = [];
    await monitor.monitor((line: string) => {
      if (line.includes(prefix)) lines.push(line);
    });
    // MONITOR shows commands as Redis runs them: markers sent by another client bracket the turn's.
    const mark = async (name: string) => {
      await marker.get(`${prefix}mark:${name}`);
      await until(() => lines.some((l) => l.includes(`mark:${name}`)), 3000, `the ${name} mark`);
    };
    await mark("start");
    const events: [string, unknown][] = [];
    v.onAny((event: string, payload: unknown) => events.push([event, payload]));
    await run();
    await until(() => events.length > 0, 3000, "the turn's broadcast");
    // Work a turn sets off without waiting for it (a publish, a webhook's lookup) has time to show.
    await new Promise((r) => setTimeout(r, 100));
    await mark("end");
    const from = lines.findIndex((l) => l.includes("mark:start"));
    const to = lines.findIndex((l) => l.includes("mark:end"));
    const commands = lines
      .slice(from + 1, to)
      .filter((l) => !/\[\d+ lua\]/.test(l))
      .map((l) => /\] "([^"]+)"/.exec(l)?.[1]?.toLowerCase())
      .sort();
    // The one publish is the relay to the other processes with a socket in the room (store/room-relay.ts): SPUBLISH
    // on Redis 7.
    const publish = supportsShardedPubSub(await marker.info("server")) ? "spublish" : "publish";
    return { commands, events, publish };
  }

  it("a turn where nothing moved waits for one Redis round trip, makes one publish and sends two packets", async () => {
    const { h, prefix } = await app();
    const { v } = await visitor(h);
    // The first line stores the conversation (H3); the second qualifies the lead (a webhook lookup follows); the
    // third is a turn where nothing moved since the second.
    await answer(v, "m1", "capture");
    await answer(v, "m2", "25k-100k");
    await new Promise((r) => setTimeout(r, 50));

    let mine: Message | undefined;
    const { commands, events, publish } = await counted(prefix, v, async () => {
      mine = (await ok(v.emitWithAck("message:send", { clientId: "m3", choice: "decider" }))).message;
    });
    expect(commands).toEqual(["evalsha", publish]);
    // One packet besides the ack: the visitor's line and the bot's answer together.
    expect(events.map(([e]) => e)).toEqual(["messages:created"]);
    const [, said] = events[0] as [string, Message[]];
    expect(said.map((m) => m.author)).toEqual(["visitor", "bot"]);
    expect(said[0]).toEqual(mine);
  });

  it("a visitor's first line stores their drafted conversation with it and the bot's answer: one round trip, one publish", async () => {
    const { h, prefix } = await app();
    const { v, id } = await visitor(h);
    let mine: Message | undefined;
    const { commands, events, publish } = await counted(prefix, v, async () => {
      mine = (await ok(v.emitWithAck("message:send", { clientId: "m1", choice: "capture" }))).message;
    });
    expect(commands).toEqual(["evalsha", publish]);
    // One packet: the greeting the draft showed, the visitor's line and the bot's answer, in seq order.
    expect(events.map(([e]) => e)).toEqual(["messages:created"]);
    const [, said] = events[0] as [string, Message[]];
    const stored = await h.store.listMessages(id, 0);
    expect(said).toEqual(stored);
    expect(said.map((m) => m.author)).toEqual(["bot", "bot", "visitor", "bot"]);
    expect(said.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(said[2]).toEqual(mine);
    // The conversation is stored answered, as the next turn finds it.
    expect(await h.store.getConversation(id)).toMatchObject({ rev: 1, answeredSeq: 3, engine: { asking: "budget" } });
  });

  it("a copy another process made stale still gives the right answer, and every tab hears every line", async () => {
    const { h: a, prefix } = await app();
    const b = await startApp(await createRedisStore(redisUrl(), prefix), { redis: { url: redisUrl(), prefix } });
    cleanups.push(async () => {
      await b.close();
      await b.store.close();
    });
    // The same visitor in two tabs, one on each process.
    const { v: onA, token, id } = await visitor(a);
    const { v: onB } = await visitor(b, token);
    const heardA = new Map<number, Message>();
    const heardB = new Map<number, Message>();
    onMessage(onA, (m) => heardA.set(m.seq, m));
    onMessage(onB, (m) => heardB.set(m.seq, m));
    await answer(onA, "a1", "capture");
    // The owner watches the conversation from a console on B (the rep namespace): A's turns reach it too.
    const watcher = b.rep((await b.login()).token);
    cleanups.push(async () => void watcher.disconnect());
    await connected(watcher);
    await ok(watcher.emitWithAck("conversation:get", { conversationId: id, lastSeq: 0 }));
    const heardRep = new Map<number, Message>();
    onMessage(watcher, (m) => heardRep.set(m.seq, m));
    // B writes the next turn: A's copy of the conversation is now stale (rev and seq moved).
    await answer(onB, "b2", "25k-100k");
    await answer(onA, "a3", "decider");

    // The same answers in one tab on one process, for what the bot should have said.
    const { v: alone, id: aloneId } = await visitor(a);
    for (const [i, choice] of ["capture", "25k-100k", "decider"].entries()) await answer(alone, `r${i}`, choice);
    const text = (ms: Message[]) => ms.map((m) => `${m.author}: ${m.text}`);
    const both = await a.store.listMessages(id, 0);
    const reference = await a.store.listMessages(aloneId, 0);
    expect(text(both)).toEqual(text(reference));
    expect(both.filter((m) => m.author === "visitor").map((m) => m.clientId)).toEqual(["a1", "b2", "a3"]);
    // The same state of the questions (the answers' times differ).
    const state = async (c: string) => {
      const e = (await a.store.getConversation(c))?.engine;
      return { asking: e?.asking, slots: Object.keys(e?.slots ?? {}), stage: e?.qualification.stage };
    };
    expect(await state(id)).toEqual(await state(aloneId));
    expect(both.map((m) => m.seq)).toEqual(both.map((_, i) => i + 1));
    // Each tab heard every line after its join, whichever process wrote it.
    const after = both.filter((m) => m.clientId !== both[0]?.clientId);
    await until(() => after.every((m) => heardA.has(m.seq) && heardB.has(m.seq)), 3000, "every line in both tabs");
    // The console on B heard every line after it opened the conversation, A's turn (a3 and its answer) included.
    const watched = both.slice(both.findIndex((m) => m.clientId === "b2"));
    await until(() => watched.every((m) => heardRep.has(m.seq)), 3000, "every later line in B's console");
    expect(watched.map((m) => m.clientId)).toContain("a3");
  });

  it("a conversation the process knows still meets the visitor's rate limit, counted in the turn's write", async () => {
    const { h } = await app({ messagesPerVisitor: { limit: 3, windowMs: 60_000 } });
    const { v, id } = await visitor(h);
    await answer(v, "m1", "capture");
    await answer(v, "m2", "25k-100k");
    await answer(v, "m3", "decider");
    const refused = await v.emitWithAck("message:send", { clientId: "m4", choice: "month" });
    expect(refused).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    if (refused.ok) throw new Error("expected a refusal");
    expect(refused.error.retryAfterMs).toBeGreaterThan(0);
    expect(refused.error.retryAfterMs).toBeLessThanOrEqual(60_000);
    const stored = await h.store.listMessages(id, 0);
    expect(stored.map((m) => m.clientId)).not.toContain("m4");
    // Over the limit, a resend of a stored line still gets its stored copy.
    const resent = await ok(v.emitWithAck("message:send", { clientId: "m3", choice: "decider" }));
    expect(resent.message).toEqual(stored.find((m) => m.clientId === "m3"));
  });
});

describe("the rate limits of a turn on Redis Cluster", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("are counted together, one round trip: no counter waits for another's answer", async () => {
    const t = await redisTestStore(redisCluster());
    cleanups.push(t.cleanup);
    const urls = inject("redisClusterUrls");
    const nodes = urls.map((url) => createClient({ url }));
    const monitors = urls.map((url) => createClient({ url }));
    await Promise.all([...nodes, ...monitors].map((c) => c.connect()));
    cleanups.push(async () => {
      await Promise.allSettled([...nodes, ...monitors].map((c) => c.close()));
    });
    // The master a key is on: the others answer MOVED.
    const owner = async (key: string) => {
      const found = await Promise.all(
        nodes.map((n) =>
          n.exists(key).then(
            () => true,
            () => false,
          ),
        ),
      );
      return found.indexOf(true);
    };
    // Three counters, each on another master, the first (the visitor's, counted first) on node `first`.
    let names: string[] = [];
    let on: number[] = [];
    for (let i = 0; new Set(on).size < 3; i++) {
      names = [`msg:visitor:${i}`, `msg:ip:${i}`, `msg:site:${i}`];
      on = await Promise.all(names.map((name) => owner(`${t.prefix}rate:${name}`)));
    }
    const limits = names.map((key) => ({ key, limit: 10, windowMs: 60_000 }));
    const c = await t.store.createConversation(conversation("c1"));
    // Each master loads the counting script now: a first EVALSHA there would be followed by an EVAL.
    await t.store.hits(limits);
    const lines = urls.map(() => [] as string[]);
    await Promise.all(
      monitors.map((m, i) =>
        m.monitor((line: string) => {
          // Sent over the network, not run by a script ("[0 lua]").
          if (line.includes(`${t.prefix}rate:`) && !/\[\d+ lua\]/.test(line)) lines[i]?.push(line);
        }),
      ),
    );
    const seen = (counter: number) => lines[on[counter] as number]?.some((l) => l.includes(`rate:${names[counter]}"`));
    // The first counter's master holds every write until unpaused: counted one after another, the others would
    // not be sent before its answer.
    const first = nodes[on[0] as number];
    await first?.sendCommand(["CLIENT", "PAUSE", "10000", "WRITE"]);
    let turn: ReturnType<typeof t.store.updateConversationTurn> | undefined;
    try {
      const said = [{ conversationId: c.id, clientId: "m1", author: "visitor" as const, text: "hi", at: 2 }];
      turn = t.store.updateConversationTurn({ ...c, updatedAt: 2 }, undefined, said, 1, limits);
      await until(() => Boolean(seen(1) && seen(2)), 5000, "the second and third counters counted");
      expect(seen(0)).toBe(false);
    } finally {
      await first?.sendCommand(["CLIENT", "UNPAUSE"]);
    }
    const written = await turn;
    expect(written && "conversation" in written).toBe(true);
    // One script call per counter, each on its own master, and nothing more for the limits.
    expect([0, 1, 2].map((i) => lines[on[i] as number]?.filter((l) => l.includes(`rate:${names[i]}"`)).length)).toEqual(
      [1, 1, 1],
    );
  });
});
