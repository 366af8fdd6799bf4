// The store contract, conversations: every test runs against the memory store and a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Conversation, Store } from "../../../server/store/types.ts";
import { conversation, line, storeFactories, unrestartedFactories } from "../../support/store-contract.ts";

describe.each(storeFactories)("store contract, conversations: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  it("creates one conversation per visitor: the second create returns the first", async () => {
    const first = await store.createConversation(conversation("c1", "v1"));
    expect(first.rev).toBe(1);
    const second = await store.createConversation(conversation("c2", "v1"));
    expect(second.id).toBe("c1");
    expect(await store.findVisitorConversation("site1", "v1")).toBe("c1");
    expect(await store.getConversation("c2")).toBeNull();
  });

  it("lists a site's conversations newest first", async () => {
    await store.createConversation({ ...conversation("old", "v1"), createdAt: 1 });
    await store.createConversation({ ...conversation("new", "v2"), createdAt: 3 });
    await store.createConversation({ ...conversation("mid", "v3"), createdAt: 2 });
    await store.createConversation({ ...conversation("elsewhere", "v4"), siteKey: "site2", createdAt: 4 });
    expect((await store.listConversations("site1", 10)).map((c) => c.id)).toEqual(["new", "mid", "old"]);
    expect((await store.listConversations("site1", 2)).map((c) => c.id)).toEqual(["new", "mid"]);
  });

  it("pages through every conversation of a site, ties in the same ms included, none skipped or repeated", async () => {
    // Five created in the same ms, two before: a flood's shape.
    for (const [i, id] of ["b", "e", "a", "d", "c"].entries())
      await store.createConversation({ ...conversation(id, `v${i}`), createdAt: 5 });
    await store.createConversation({ ...conversation("x", "vx"), createdAt: 4 });
    await store.createConversation({ ...conversation("y", "vy"), createdAt: 6 });
    const seen: string[] = [];
    let after: { createdAt: number; id: string } | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await store.listConversations("site1", 2, after);
      seen.push(...page.map((c) => c.id));
      const last = page.at(-1);
      if (page.length < 2 || !last) break;
      after = { createdAt: last.createdAt, id: last.id };
      // A conversation created meanwhile is newer: it is not on a later page, and shifts nothing.
      if (pages === 0) await store.createConversation({ ...conversation("late", "vl"), createdAt: 9 });
    }
    expect(seen).toEqual(["y", "e", "d", "c", "b", "a", "x"]);
    expect(await store.listConversations("site1", 5, { createdAt: 4, id: "x" })).toEqual([]);
  });

  it("concurrent creates for one visitor end in one conversation", async () => {
    const ids = await Promise.all(
      ["a", "b", "c", "d", "e"].map((id) => store.createConversation(conversation(id, "v1"))),
    );
    expect(new Set(ids.map((c) => c.id)).size).toBe(1);
    expect(await store.findVisitorConversation("site1", "v1")).toBe(ids[0]?.id);
  });

  it("a closed conversation is replaced by a new one when the visitor comes back", async () => {
    const first = await store.createConversation(conversation("c1", "v1"));
    await store.updateConversation({ ...first, status: "closed" });
    const second = await store.createConversation(conversation("c2", "v1"));
    expect(second.id).toBe("c2");
    expect((await store.getConversation("c1"))?.status).toBe("closed");
    expect(await store.findVisitorConversation("site1", "v1")).toBe("c2");
  });

  it("never writes over a conversation with the same id: a closed one is returned as it is, its answers kept", async () => {
    const first = await store.createConversation(conversation("c1", "v1"));
    const closed = await store.updateConversation({ ...first, status: "closed", outcome: "not-a-fit" });
    const again = await store.createConversation({ ...conversation("c1", "v1"), createdAt: 99 });
    expect(again).toMatchObject({ id: "c1", status: "closed", outcome: "not-a-fit", rev: closed?.rev });
    expect(await store.getConversation("c1")).toEqual(closed);
  });

  it("updates conversations by compare-and-set on rev", async () => {
    const c = await store.createConversation(conversation("c1"));
    const a = await store.updateConversation({ ...c, status: "queued", queuedAt: 10 });
    expect(a?.rev).toBe(2);
    // A writer holding the old rev loses and changes nothing.
    expect(await store.updateConversation({ ...c, status: "closed" })).toBeNull();
    expect((await store.getConversation("c1"))?.status).toBe("queued");
  });

  it("keeps the site queue and the rep's live set in step with status", async () => {
    const c1 = await store.createConversation(conversation("c1"));
    const c2 = await store.createConversation(conversation("c2"));
    await store.updateConversation({ ...c2, status: "queued", queuedAt: 20 });
    const q1 = await store.updateConversation({ ...c1, status: "queued", queuedAt: 10 });
    expect(await store.listQueue("site1")).toEqual(["c1", "c2"]);
    const live = await store.updateConversation({ ...(q1 as Conversation), status: "live", repId: "r1" });
    expect(await store.listQueue("site1")).toEqual(["c2"]);
    expect(await store.listRepConversations("r1")).toEqual(["c1"]);
    await store.updateConversation({ ...(live as Conversation), status: "closed" });
    expect(await store.listRepConversations("r1")).toEqual([]);
    // Moving a live chat to another rep (a transfer) or off any rep takes it off the previous rep's set.
    const c3 = await store.createConversation(conversation("c3"));
    const r1 = (await store.updateConversation({ ...c3, status: "live", repId: "r1" })) as Conversation;
    const r2 = (await store.updateConversation({ ...r1, repId: "r2" }, "r1")) as Conversation;
    expect([await store.listRepConversations("r1"), await store.listRepConversations("r2")]).toEqual([[], ["c3"]]);
    const { repId: _gone, ...requeued } = r2;
    await store.updateConversation({ ...requeued, status: "queued", queuedAt: 5 }, "r2");
    expect(await store.listRepConversations("r2")).toEqual([]);
  });

  it("two accepts of one queued lead: exactly one wins", async () => {
    const c = await store.createConversation(conversation("c1"));
    const queued = (await store.updateConversation({ ...c, status: "queued", queuedAt: 1 })) as Conversation;
    const results = await Promise.all(
      ["r1", "r2", "r3"].map((repId) => store.updateConversation({ ...queued, status: "live", repId })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("a write that makes a chat live for a rep takes a place within their capacity, or writes nothing", async () => {
    const live = async (id: string) => {
      const c = await store.createConversation(conversation(id));
      return (await store.updateConversationIfRoom(
        { ...c, status: "live", repId: "r1" },
        undefined,
        2,
      )) as Conversation;
    };
    await live("c1");
    const second = await live("c2");
    expect(second.rev).toBe(2);
    const c3 = await store.createConversation(conversation("c3"));
    const queued = (await store.updateConversation({ ...c3, status: "queued", queuedAt: 1 })) as Conversation;
    expect(await store.updateConversationIfRoom({ ...queued, status: "live", repId: "r1" }, undefined, 2)).toBe("full");
    expect(await store.getConversation("c3")).toMatchObject({ status: "queued", rev: queued.rev });
    expect(await store.listQueue("site1")).toEqual(["c3"]);
    // A chat already theirs takes no second place; another rep has room of their own; a stale rev loses as ever.
    expect(await store.updateConversationIfRoom({ ...second, repReadSeq: 1 }, "r1", 2)).toMatchObject({ rev: 3 });
    expect(
      await store.updateConversationIfRoom({ ...queued, status: "live", repId: "r2" }, undefined, 1),
    ).toMatchObject({
      repId: "r2",
    });
    expect(await store.updateConversationIfRoom({ ...queued, status: "live", repId: "r3" }, undefined, 1)).toBeNull();
    expect([await store.listRepConversations("r1"), await store.listRepConversations("r2")]).toEqual([
      ["c1", "c2"],
      ["c3"],
    ]);
  });

  it("two accepts at once by one rep of capacity 1, of two leads: exactly one wins", async () => {
    const queued = await Promise.all(
      ["c1", "c2"].map(async (id) => {
        const c = await store.createConversation(conversation(id));
        return (await store.updateConversation({ ...c, status: "queued", queuedAt: 1 })) as Conversation;
      }),
    );
    const results = await Promise.all(
      queued.map((c) => store.updateConversationIfRoom({ ...c, status: "live", repId: "r1" }, undefined, 1)),
    );
    expect(results.filter((r) => r === "full")).toHaveLength(1);
    expect(results.filter((r) => r !== "full" && r !== null)).toHaveLength(1);
    expect(await store.listRepConversations("r1")).toHaveLength(1);
    expect(await store.listQueue("site1")).toHaveLength(1);
  });

  it("stores a bot turn's state and its lines in one step: a write that loses its compare-and-set says nothing", async () => {
    const c = await store.createConversation(conversation("c1"));
    const won = await store.updateConversationSaying({ ...c, status: "queued", queuedAt: 5 }, undefined, [
      line("b:1:0", "one"),
      line("b:1:1", "two"),
    ]);
    expect(won?.conversation.rev).toBe(2);
    expect(won?.said.map((r) => [r.message.seq, r.message.text, r.duplicate])).toEqual([
      [1, "one", false],
      [2, "two", false],
    ]);
    expect(await store.listQueue(c.siteKey)).toEqual(["c1"]);
    // A writer holding the old rev loses: neither its state nor its lines are stored.
    expect(
      await store.updateConversationSaying({ ...c, status: "closed" }, undefined, [line("b:9:0", "lost")]),
    ).toBeNull();
    expect((await store.getConversation("c1"))?.status).toBe("queued");
    expect((await store.listMessages("c1", 0)).map((m) => m.text)).toEqual(["one", "two"]);
    // A retried turn's lines come back as stored; a write with no lines says nothing.
    const again = await store.updateConversationSaying(won?.conversation as Conversation, undefined, [
      line("b:1:0", "x"),
    ]);
    expect(again?.said.map((r) => [r.message.seq, r.message.text, r.duplicate])).toEqual([[1, "one", true]]);
    expect((await store.updateConversationSaying(again?.conversation as Conversation, undefined, []))?.said).toEqual(
      [],
    );
    expect(await store.lastSeq("c1")).toBe(2);
  });

  it("writes a visitor's line with its bot turn only if the line gets the seq the turn was computed for", async () => {
    const c = await store.createConversation(conversation("c1"));
    const turn = [line("v1", "v1", "visitor"), line("bot:1:0", "bot:1:0")];
    // Another line came first: the turn was computed for seq 1, which is taken now.
    await store.appendMessage(line("other", "other", "visitor"));
    expect(
      await store.updateConversationSaying({ ...c, status: "queued", queuedAt: 1 }, undefined, turn, 1),
    ).toBeNull();
    expect((await store.getConversation("c1"))?.rev).toBe(c.rev);
    expect((await store.listMessages("c1", 0)).map((m) => m.clientId)).toEqual(["other"]);
    // For the right seq, the line, the state and the bot's lines land together.
    const won = await store.updateConversationSaying({ ...c, status: "queued", queuedAt: 1 }, undefined, turn, 2);
    expect(won?.said.map((r) => [r.message.seq, r.message.clientId, r.duplicate])).toEqual([
      [2, "v1", false],
      [3, "bot:1:0", false],
    ]);
    // A resend of a stored line writes nothing, whatever seq it names.
    const again = [line("v1", "v1", "visitor")];
    expect(await store.updateConversationSaying(won?.conversation as Conversation, undefined, again, 4)).toBeNull();
    expect((await store.getConversation("c1"))?.rev).toBe(won?.conversation.rev);
    expect(await store.lastSeq("c1")).toBe(3);
  });
});

// Rate windows are not kept across a restart (store-contract.ts unrestartedFactories).
describe.each(unrestartedFactories)("store contract, conversations with rate limits: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  it("counts a turn's line under its rate limits in the same step as its write, lost or refused", async () => {
    const c = await store.createConversation(conversation("c1"));
    const limits = [
      { key: "visitor", limit: 2, windowMs: 60_000 },
      { key: "site", limit: 10, windowMs: 60_000 },
    ];
    const turn = (n: number) => [line(`v${n}`, `v${n}`, "visitor"), line(`bot:${n}:0`, `bot:${n}:0`)];
    const won = await store.updateConversationTurn({ ...c, status: "bot" }, undefined, turn(1), 1, limits);
    if (!won || !("conversation" in won)) throw new Error("the first turn is within its limits");
    expect(won.said.map((r) => [r.message.seq, r.message.clientId])).toEqual([
      [1, "v1"],
      [2, "bot:1:0"],
    ]);
    // A turn computed on an old copy loses its compare-and-set, and is counted all the same.
    expect(await store.updateConversationTurn({ ...c, status: "bot" }, undefined, turn(2), 1, limits)).toBeNull();
    // The third line is over the visitor's limit: nothing is written, and the site's counter, after the refusing
    // one, does not count it.
    const refused = await store.updateConversationTurn(won.conversation, undefined, turn(3), 3, limits);
    expect(refused).toMatchObject({ retryAfterMs: expect.any(Number) });
    expect(refused && "retryAfterMs" in refused && refused.retryAfterMs).toBeGreaterThan(0);
    expect((await store.getConversation("c1"))?.rev).toBe(won.conversation.rev);
    expect(await store.lastSeq("c1")).toBe(2);
    // The same counters as LimitsStore.hits: the site's holds the two lines counted, not the refused one.
    expect(await store.hits([{ key: "site", limit: 3, windowMs: 60_000 }])).toEqual({ allowed: true, retryAfterMs: 0 });
    expect((await store.hits([{ key: "visitor", limit: 2, windowMs: 60_000 }])).allowed).toBe(false);
  });
});

describe.each(unrestartedFactories)("store contract, a drafted conversation's first turn: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());
  const limits = [
    { key: "visitor", limit: 1, windowMs: 60_000 },
    { key: "site", limit: 10, windowMs: 60_000 },
  ];
  const first = (id: string) => [
    line("bot:start:0", `${id} greeting`),
    line("v1", `${id} line`, "visitor"),
    line("bot:3:0", `${id} answer`),
  ];

  it("stores the conversation with its greeting, the visitor's line and the bot's, counted, in one step", async () => {
    const created = await store.createConversationTurn(
      { ...conversation("c1", "v1"), status: "bot" },
      first("c1"),
      limits,
    );
    if (created === "exists" || !("conversation" in created)) throw new Error("the draft is new and within its limits");
    expect(created.conversation.rev).toBe(1);
    expect(created.said.map((r) => [r.message.seq, r.message.clientId, r.duplicate])).toEqual([
      [1, "bot:start:0", false],
      [2, "v1", false],
      [3, "bot:3:0", false],
    ]);
    expect(await store.getConversation("c1")).toMatchObject({
      id: "c1",
      rev: 1,
      status: "bot",
    });
    expect(await store.findVisitorConversation("site1", "v1")).toBe("c1");
    expect((await store.listConversations("site1", 10)).map((c) => c.id)).toEqual(["c1"]);
    expect((await store.listMessages("c1", 0)).map((m) => [m.seq, m.text])).toEqual([
      [1, "c1 greeting"],
      [2, "c1 line"],
      [3, "c1 answer"],
    ]);
    expect(await store.lastSeq("c1")).toBe(3);
    // The next turn of the stored conversation follows on from its seq.
    const next = await store.updateConversationSaying(
      created.conversation,
      undefined,
      [line("v2", "v2", "visitor")],
      4,
    );
    expect(next?.said.map((r) => r.message.seq)).toEqual([4]);
    // Counted once: the visitor's counter (limit 1) is used up, the site's holds one line.
    expect((await store.hits([{ key: "visitor", limit: 1, windowMs: 60_000 }])).allowed).toBe(false);
    expect(await store.hits([{ key: "site", limit: 2, windowMs: 60_000 }])).toEqual({ allowed: true, retryAfterMs: 0 });
  });

  it("writes nothing over a stored conversation or past the visitor's open one, and counts the line all the same", async () => {
    const open = await store.createConversation(conversation("c1", "v1"));
    await store.appendMessage(line("bot:start:0", "c1's own greeting"));
    // The same id, stored already (another tab wrote first).
    const wide = limits.map((l) => ({ ...l, limit: 10 }));
    expect(await store.createConversationTurn({ ...conversation("c1", "v1"), status: "bot" }, first("c1"), wide)).toBe(
      "exists",
    );
    // Another id while the visitor's conversation is open.
    expect(await store.createConversationTurn({ ...conversation("c2", "v1"), status: "bot" }, first("c2"), wide)).toBe(
      "exists",
    );
    expect(await store.getConversation("c1")).toMatchObject({
      rev: open.rev,
      status: open.status,
    });
    expect(await store.getConversation("c2")).toBeNull();
    expect((await store.listMessages("c1", 0)).map((m) => m.text)).toEqual(["c1's own greeting"]);
    expect(await store.listMessages("c2", 0)).toEqual([]);
    expect(await store.findVisitorConversation("site1", "v1")).toBe("c1");
    // Both lines were counted.
    expect((await store.hits([{ key: "site", limit: 2, windowMs: 60_000 }])).allowed).toBe(false);
  });

  it("a line over a rate limit stores nothing, and the counters after the refusing one do not count it", async () => {
    await store.hits([{ key: "visitor", limit: 1, windowMs: 60_000 }]);
    const refused = await store.createConversationTurn(
      { ...conversation("c1", "v1"), status: "bot" },
      first("c1"),
      limits,
    );
    expect(refused).toMatchObject({ retryAfterMs: expect.any(Number) });
    expect(refused !== "exists" && "retryAfterMs" in refused && refused.retryAfterMs).toBeGreaterThan(0);
    expect(await store.getConversation("c1")).toBeNull();
    expect(await store.findVisitorConversation("site1", "v1")).toBeNull();
    expect(await store.listMessages("c1", 0)).toEqual([]);
    expect(await store.lastSeq("c1")).toBe(0);
    expect((await store.listConversations("site1", 10)).length).toBe(0);
    expect(await store.hits([{ key: "site", limit: 1, windowMs: 60_000 }])).toEqual({ allowed: true, retryAfterMs: 0 });
  });
});
