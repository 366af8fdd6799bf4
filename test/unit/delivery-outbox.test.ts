// The delivery kit's outbox (widget/transport/outbox.ts), driven by a fake send and fake timers: order, retries and
// their waits, the give-up rule, dedupe by clientId, and what a reconnect sends again.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BanterError, ErrorCode, internalRetries, type Message, retryMaxMs } from "../../shared/protocol/index.ts";
import { createOutbox, type Pending } from "../../widget/transport/outbox.ts";
import type { OutboxStore } from "../../widget/transport/outbox-store.ts";

interface Item {
  clientId: string;
  conversationId?: string;
  text: string;
}

// A send the test answers by hand.
interface Call {
  item: Item;
  at: number;
  failedAt?: number;
  ok(): void;
  fail(code: ErrorCode, retryAfterMs?: number): void;
}

function harness(author: "visitor" | "rep" = "visitor") {
  const stored = new Map<string, Item>();
  const store: OutboxStore<Item> = {
    load: () => [...stored.values()],
    put: (item) => {
      stored.delete(item.clientId);
      stored.set(item.clientId, item);
    },
    drop: (ids) => {
      for (const id of ids) stored.delete(id);
    },
  };
  const calls: Call[] = [];
  const delivered: string[] = [];
  const failed: { clientId: string; code: string }[] = [];
  const waits: string[] = [];
  let seq = 0;
  let shown: Pending<Item>[] = [];
  const outbox = createOutbox<Item>({
    author,
    store,
    send: (item) =>
      new Promise<Message>((resolve, reject) => {
        const call: Call = {
          item,
          at: Date.now(),
          ok: () => resolve(message(item, author, ++seq)),
          fail: (code, retryAfterMs) => {
            call.failedAt = Date.now();
            reject(new BanterError(code, `${code}!`, retryAfterMs));
          },
        };
        calls.push(call);
      }),
    delivered: (item) => delivered.push(item.clientId),
    failed: (item, err) => failed.push({ clientId: item.clientId, code: err.code }),
    waiting: (err) => waits.push(err.code),
    changed: (items) => {
      shown = items;
    },
    // The middle of the jitter: waits are exactly 1 s, 2 s, 4 s ...
    random: () => 0.5,
  });
  const last = () => {
    const call = calls.at(-1);
    if (!call) throw new Error("nothing sent");
    return call;
  };
  return {
    outbox,
    stored: () => [...stored.keys()],
    calls,
    last,
    delivered,
    failed,
    waits,
    shown: () => shown.map((o) => `${o.clientId}${o.failed ? (o.refused ? "!" : "?") : ""}`),
  };
}

function message(item: Item, author: Message["author"], seq: number): Message {
  return { conversationId: item.conversationId ?? "c", seq, clientId: item.clientId, author, text: item.text, at: 1 };
}

const item = (clientId: string, conversationId?: string): Item =>
  conversationId ? { clientId, conversationId, text: clientId } : { clientId, text: clientId };

// Lets the answers' promise callbacks run, then moves the clock.
const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

describe("delivery kit: outbox", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("holds sends until resumed, then delivers one at a time in order, and forgets each once stored", async () => {
    const h = harness();
    h.outbox.send(item("a"));
    h.outbox.send(item("b"));
    await tick();
    expect(h.calls).toHaveLength(0);
    expect(h.stored()).toEqual(["a", "b"]);
    expect(h.shown()).toEqual(["a", "b"]);

    h.outbox.resume();
    await tick();
    expect(h.calls.map((c) => c.item.clientId)).toEqual(["a"]);
    h.last().ok();
    await tick();
    expect(h.calls.map((c) => c.item.clientId)).toEqual(["a", "b"]);
    h.last().ok();
    await tick();
    expect(h.delivered).toEqual(["a", "b"]);
    expect(h.stored()).toEqual([]);
    expect(h.shown()).toEqual([]);
  });

  it("runs each conversation's line on its own: a wait in one does not hold up another", async () => {
    const h = harness("rep");
    h.outbox.resume();
    h.outbox.send(item("a1", "A"));
    h.outbox.send(item("a2", "A"));
    h.outbox.send(item("b1", "B"));
    await tick();
    expect(h.calls.map((c) => c.item.clientId)).toEqual(["a1", "b1"]);
    h.calls[0]?.fail(ErrorCode.UNAVAILABLE);
    h.calls[1]?.ok();
    await tick();
    // A waits before a1 goes again; a2 never overtakes it.
    expect(h.calls.map((c) => c.item.clientId)).toEqual(["a1", "b1"]);
    await tick(1000);
    expect(h.calls.map((c) => c.item.clientId)).toEqual(["a1", "b1", "a1"]);
  });

  it("retries transient failures with growing waits, never sooner than retryAfterMs, capped", async () => {
    const h = harness();
    h.outbox.resume();
    h.outbox.send(item("a"));
    await tick();
    for (let i = 0; i < 8; i++) {
      h.last().fail(ErrorCode.UNAVAILABLE);
      await tick(retryMaxMs);
    }
    h.last().fail(ErrorCode.RATE_LIMITED, 45_000);
    await tick();
    const before = h.calls.length;
    await tick(44_999);
    expect(h.calls.length).toBe(before);
    await tick(1);
    expect(h.calls.length).toBe(before + 1);
    const gaps = h.calls.slice(1, 9).map((c, i) => c.at - (h.calls[i]?.failedAt ?? 0));
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 16_000, retryMaxMs, retryMaxMs, retryMaxMs]);
    // The rate limit is passed on (the chat shows it); nothing has failed.
    expect(h.waits.filter((c) => c === ErrorCode.RATE_LIMITED)).toHaveLength(1);
    expect(h.failed).toEqual([]);
    expect(h.shown()).toEqual(["a"]);
  });

  it("gives up on INTERNAL after internalRetries tries, keeps it stored, and sends it again on resume", async () => {
    const h = harness();
    h.outbox.resume();
    h.outbox.send(item("a"));
    h.outbox.send(item("b"));
    await tick();
    for (let i = 0; i <= internalRetries; i++) {
      h.last().fail(ErrorCode.INTERNAL);
      await tick(retryMaxMs);
    }
    expect(h.calls.filter((c) => c.item.clientId === "a")).toHaveLength(internalRetries + 1);
    expect(h.failed).toEqual([{ clientId: "a", code: ErrorCode.INTERNAL }]);
    expect(h.shown()).toEqual(["a?", "b"]);
    expect(h.stored()).toEqual(["a", "b"]);
    // The line moves on to b.
    expect(h.last().item.clientId).toBe("b");
    h.last().ok();
    await tick();

    h.outbox.pause();
    expect(h.outbox.resume().map((o) => o.clientId)).toEqual(["a"]);
    await tick();
    expect(h.last().item.clientId).toBe("a");
    h.last().ok();
    await tick();
    expect(h.stored()).toEqual([]);
    expect(h.shown()).toEqual([]);
  });

  it("gives up on a refusal at once: out of storage, shown not sent, never resent by itself", async () => {
    for (const code of [ErrorCode.CLOSED, ErrorCode.BAD_REQUEST, ErrorCode.FORBIDDEN]) {
      const h = harness();
      h.outbox.resume();
      h.outbox.send(item("a"));
      await tick();
      h.last().fail(code);
      await tick(retryMaxMs);
      expect(h.calls).toHaveLength(1);
      expect(h.failed).toEqual([{ clientId: "a", code }]);
      expect(h.shown()).toEqual(["a!"]);
      expect(h.stored()).toEqual([]);

      h.outbox.pause();
      expect(h.outbox.resume()).toEqual([]);
      await tick(retryMaxMs);
      expect(h.calls).toHaveLength(1);
      h.outbox.dropRefused();
      expect(h.shown()).toEqual([]);
    }
  });

  it("sends a refused item again when asked, at the back of its line, and stores it again", async () => {
    const h = harness("rep");
    h.outbox.resume();
    h.outbox.send(item("a", "A"));
    h.outbox.send(item("b", "A"));
    await tick();
    h.last().fail(ErrorCode.CLOSED);
    await tick();
    expect(h.shown()).toEqual(["a!", "b"]);
    h.outbox.send(item("a", "A"));
    expect(h.shown()).toEqual(["b", "a"]);
    expect(h.stored()).toEqual(["b", "a"]);
  });

  it("dedupes by clientId: a second send, a restore and a broadcast of the stored copy add nothing", async () => {
    const h = harness();
    h.outbox.send(item("a"));
    h.outbox.send(item("a"));
    expect(h.outbox.restore([item("a"), item("b"), item("b")]).map((o) => o.clientId)).toEqual(["b"]);
    expect(h.shown()).toEqual(["a", "b"]);
    h.outbox.resume();
    await tick();
    expect(h.calls).toHaveLength(1);

    // b's stored copy arrives another way (a join's catch-up): b is done without being sent. Another author's
    // message with the same clientId is not ours.
    h.outbox.settle([message(item("b"), "bot", 7)]);
    expect(h.shown()).toEqual(["a", "b"]);
    h.outbox.settle([message(item("b"), "visitor", 7)]);
    expect(h.shown()).toEqual(["a"]);
    expect(h.stored()).toEqual(["a"]);
    // So is a, in flight: its failed answer is neither retried nor reported.
    h.outbox.settle([message(item("a"), "visitor", 8)]);
    h.last().fail(ErrorCode.UNAVAILABLE);
    await tick(retryMaxMs);
    expect(h.calls).toHaveLength(1);
    expect(h.failed).toEqual([]);
    expect(h.waits).toEqual([]);
  });

  it("after a reconnect, sends again at once; a late success from before still counts, a late failure does not", async () => {
    const h = harness();
    h.outbox.resume();
    h.outbox.send(item("a"));
    await tick();
    h.last().fail(ErrorCode.UNAVAILABLE);
    await tick();
    // Resuming does not wait out the backoff begun before the disconnect.
    h.outbox.pause();
    h.outbox.resume();
    await tick();
    expect(h.calls).toHaveLength(2);

    const reconnect = async () => {
      h.outbox.pause();
      h.outbox.resume();
      await tick();
    };
    await reconnect();
    expect(h.calls).toHaveLength(3);
    h.calls[1]?.fail(ErrorCode.CLOSED);
    await tick();
    expect(h.failed).toEqual([]);
    expect(h.shown()).toEqual(["a"]);

    await reconnect();
    expect(h.calls).toHaveLength(4);
    h.calls[2]?.ok();
    await tick();
    expect(h.delivered).toEqual(["a"]);
    expect(h.stored()).toEqual([]);
    expect(h.shown()).toEqual([]);
    h.calls[3]?.fail(ErrorCode.UNAVAILABLE);
    await tick(retryMaxMs);
    expect(h.calls).toHaveLength(4);
  });

  it("does nothing more once stopped: storage keeps what was not delivered", async () => {
    const h = harness();
    h.outbox.resume();
    h.outbox.send(item("a"));
    await tick();
    h.outbox.stop();
    h.last().ok();
    await tick();
    expect(h.delivered).toEqual([]);
    expect(h.stored()).toEqual(["a"]);
  });
});
