// The delivery kit's storage (widget/transport/outbox-store.ts) with both apps' formats, over a fake localStorage:
// what a reload gets back, what tabs leave of each other's sends, the bounds, the age rule, and a logout's clear.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clockSkewMs, type Message, outboxMaxAgeMs } from "../../shared/protocol/index.ts";
import { outboxStore, type SavedSend } from "../../widget/chat/outbox-store.ts";
import { clearOutbox, loadOutbox, type OutboxEntry, repOutbox } from "../../widget/console/desk/outbox.ts";
import { createOutbox } from "../../widget/transport/outbox.ts";

class MemoryStorage {
  readonly data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal("localStorage", storage);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const saved = (clientId: string, at = Date.now()): SavedSend => ({
  clientId,
  label: clientId,
  req: { clientId, text: `text ${clientId}` },
  at,
});
const entry = (clientId: string, conversationId = "conv-a", at = Date.now(), repId = "rep-1"): OutboxEntry => ({
  repId,
  conversationId,
  clientId,
  text: `text ${clientId}`,
  at,
});
const ids = (items: { clientId: string }[]) => items.map((s) => s.clientId);

describe("delivery kit: stored outbox", () => {
  it("gives a reload back what was put, as it was put, and forgets what was dropped", () => {
    const at = Date.now() - 1000;
    outboxStore("site").put(saved("a", at));
    outboxStore("site").put({ clientId: "b", label: "Yes", req: { clientId: "b", choice: "__yes" }, at });
    expect(outboxStore("site").load()).toEqual([
      saved("a", at),
      { clientId: "b", label: "Yes", req: { clientId: "b", choice: "__yes" }, at },
    ]);
    expect(outboxStore("other-site").load()).toEqual([]);

    outboxStore("site").drop(new Set(["a"]));
    expect(ids(outboxStore("site").load())).toEqual(["b"]);
    outboxStore("site").drop(new Set(["b"]));
    expect(storage.getItem("banter:site:outbox")).toBeNull();

    repOutbox.put(entry("r1", "conv-a", at));
    repOutbox.put(entry("r2", "conv-b", at + 1));
    expect(loadOutbox("rep-1")).toEqual([entry("r1", "conv-a", at), entry("r2", "conv-b", at + 1)]);
  });

  it("leaves another tab's sends alone, and a put of a held clientId replaces it at the back", () => {
    const tabA = outboxStore("site");
    const tabB = outboxStore("site");
    tabA.put(saved("a"));
    tabB.put(saved("b"));
    tabA.put(saved("c"));
    tabA.drop(new Set(["a", "c"]));
    expect(ids(tabB.load())).toEqual(["b"]);
    tabB.put(saved("d"));
    tabB.put(saved("b"));
    expect(ids(tabA.load())).toEqual(["d", "b"]);
  });

  it("does not write a cleared key back (logout) when a late answer drops a send", () => {
    repOutbox.put(entry("r1"));
    repOutbox.put(entry("r2"));
    clearOutbox();
    repOutbox.drop(new Set(["r1"]));
    expect(storage.getItem("banter:console:outbox")).toBeNull();
  });

  it("drops sends older than a day or stamped ahead of the clock, in both formats", () => {
    const now = Date.now();
    outboxStore("site").put(saved("old", now - outboxMaxAgeMs - 1));
    outboxStore("site").put(saved("ahead", now + clockSkewMs + 60_000));
    outboxStore("site").put(saved("fresh", now - outboxMaxAgeMs + 60_000));
    expect(ids(outboxStore("site").load())).toEqual(["fresh"]);

    repOutbox.put(entry("old", "conv-a", now - outboxMaxAgeMs - 1));
    repOutbox.put(entry("ahead", "conv-a", now + clockSkewMs + 60_000));
    repOutbox.put(entry("fresh", "conv-a", now - outboxMaxAgeMs + 60_000));
    expect(ids(loadOutbox("rep-1"))).toEqual(["fresh"]);
  });

  it("keeps the console's bounds: the last 20 per conversation, the 20 conversations written to last", () => {
    const now = Date.now();
    for (let i = 0; i < 25; i++) repOutbox.put(entry(`m${i}`, "conv-a", now - 1000 + i));
    expect(ids(loadOutbox("rep-1"))).toEqual(Array.from({ length: 20 }, (_, i) => `m${i + 5}`));
    for (let i = 0; i < 20; i++) repOutbox.put(entry(`c${i}`, `conv-${i}`, now - 500 + i));
    const conversations = new Set(loadOutbox("rep-1").map((e) => e.conversationId));
    expect(conversations.size).toBe(20);
    expect(conversations.has("conv-a")).toBe(false);
    // Another rep's sends stay stored but are not this rep's to send.
    repOutbox.put(entry("theirs", "conv-0", now, "rep-2"));
    expect(ids(loadOutbox("rep-2"))).toEqual(["theirs"]);
    expect(ids(loadOutbox("rep-1"))).not.toContain("theirs");
  });

  it("never throws when storage does: sends then live in memory only", () => {
    vi.stubGlobal("localStorage", {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    });
    const store = outboxStore("site");
    expect(() => store.put(saved("a"))).not.toThrow();
    expect(() => store.drop(new Set(["a"]))).not.toThrow();
    expect(store.load()).toEqual([]);
    expect(loadOutbox("rep-1")).toEqual([]);
  });

  it("round trip through a reload: a send made offline is shown again, sent after the join, and then forgotten", async () => {
    const send = vi.fn(
      async (s: SavedSend): Promise<Message> => ({
        conversationId: "c",
        seq: 1,
        clientId: s.clientId,
        author: "visitor",
        text: s.label,
        at: 1,
      }),
    );
    const page = () =>
      createOutbox<SavedSend>({ author: "visitor", store: outboxStore("site"), send, delivered() {}, failed() {} });

    const before = page();
    before.send(saved("a"));
    before.stop();
    expect(send).not.toHaveBeenCalled();

    const after = page();
    expect(ids(after.restore(outboxStore("site").load()))).toEqual(["a"]);
    expect(ids(after.list())).toEqual(["a"]);
    after.resume();
    await vi.waitFor(() => expect(after.list()).toEqual([]));
    expect(send).toHaveBeenCalledTimes(1);
    expect(storage.getItem("banter:site:outbox")).toBeNull();
  });
});
