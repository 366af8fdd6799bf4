// The store contract, privacy: a data subject's indexes and erasure: every test runs against the memory store and a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { limitKeys } from "../../../server/store/keys.ts";
import type { Conversation, Store } from "../../../server/store/types.ts";
import { conversation, delivery, restartedName, storeFactories } from "../../support/store-contract.ts";

describe.each(storeFactories)("store contract, privacy: %s", (name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  it("erases a visitor: every conversation they had, with messages and index entries; others untouched", async () => {
    const first = await store.createConversation(conversation("c1", "v1"));
    await store.appendMessage({ conversationId: "c1", clientId: "m1", author: "visitor", text: "hi", at: 1 });
    await store.updateConversation({ ...first, status: "closed" });
    const second = await store.createConversation({ ...conversation("c2", "v1"), createdAt: 2 });
    const queued = (await store.updateConversation({ ...second, status: "queued", queuedAt: 2 })) as Conversation;
    await store.updateConversation({ ...queued, status: "live", repId: "r1" });
    await store.scheduleDue("wait", "c2", 100);
    const note = { id: "n1", conversationId: "c2", authorId: "r1", authorName: "Rita", text: "call back", at: 2 };
    expect(await store.addNote(note, 500)).toBe("added");
    expect(await store.addNote({ ...note, id: "n2", conversationId: "c3" }, 500)).toBe("missing");
    const other = await store.createConversation(conversation("c3", "v2"));
    expect(await store.addNote({ ...note, id: "n3", conversationId: "c3" }, 500)).toBe("added");
    await store.updateConversation({ ...other, status: "queued", queuedAt: 3 });
    await store.appendMessage({ conversationId: "c3", clientId: "m1", author: "visitor", text: "hello", at: 3 });
    await store.scheduleDue("wait", "c3", 100);
    await store.enqueueDelivery({ ...delivery("d1", 5), conversationId: "c1" }, 100);
    await store.enqueueDelivery({ ...delivery("d2", 5), conversationId: "c2" }, 100);
    await store.enqueueDelivery({ ...delivery("d3", 5), conversationId: "c3" }, 100);

    expect(await store.eraseVisitor("site1", "v1")).toEqual(["c1", "c2"]);
    expect((await store.listDeliveries("site1", "e1", 10)).map((d) => d.id)).toEqual(["d3"]);
    expect(await store.deliveryBacklog()).toBe(1);
    // An event racing the erasure cannot bring the lead card back: nothing is enqueued about a conversation gone.
    expect(await store.enqueueDelivery({ ...delivery("d4", 5), conversationId: "c2" }, 100)).toBe(false);
    expect(await store.getDelivery("d4")).toBeNull();
    expect([await store.getConversation("c1"), await store.getConversation("c2")]).toEqual([null, null]);
    expect(await store.listMessages("c1", 0)).toEqual([]);
    expect(await store.listNotes("c2")).toEqual([]);
    expect((await store.listNotes("c3")).map((n) => n.id)).toEqual(["n3"]);
    expect(await store.findMessage("c1", "m1")).toBeNull();
    expect(await store.lastSeq("c1")).toBe(0);
    expect(await store.findVisitorConversation("site1", "v1")).toBeNull();
    expect(await store.listRepConversations("r1")).toEqual([]);
    expect((await store.listConversations("site1", 10)).map((c) => c.id)).toEqual(["c3"]);
    expect(await store.listQueue("site1")).toEqual(["c3"]);
    expect(await store.takeDue(200, 10)).toEqual([{ kind: "wait", conversationId: "c3" }]);
    expect((await store.listMessages("c3", 0)).map((m) => m.text)).toEqual(["hello"]);
    expect(await store.eraseVisitor("site1", "v1")).toEqual([]);
    // A returning visitor after an erasure starts afresh.
    expect((await store.createConversation(conversation("c4", "v1"))).id).toBe("c4");
  });

  // Rate windows are not kept across a restart (transientMaps): nothing to see on a store restarted under them.
  it.skipIf(name === restartedName)(
    "erasing a visitor drops the counters that name them: their messages and their behaviour reports",
    async () => {
      await store.createConversation(conversation("c1", "v1"));
      const keys = [limitKeys.visitorMessages("site1", "v1"), limitKeys.visitorActivity("site1", "v1")];
      for (const key of keys) {
        expect((await store.hit(key, 1, 60_000)).allowed).toBe(true);
        expect((await store.hit(key, 1, 60_000)).allowed).toBe(false);
      }
      await store.eraseVisitor("site1", "v1");
      for (const key of keys) expect((await store.hit(key, 1, 60_000)).allowed).toBe(true);
    },
  );

  it("indexes a data subject's conversations by email (captured or identified) and by visitor; erasure unindexes", async () => {
    const withEmail = (c: Conversation, email: string): Conversation => ({
      ...c,
      engine: {
        ...c.engine,
        slots: {
          ...c.engine.slots,
          email: {
            slot: "email",
            questionId: "email",
            label: "Email",
            order: 9,
            value: { kind: "email", email },
            display: email,
            words: email,
            at: 1,
          },
        },
      },
    });
    // Known at creation (identify), then later (the bot collects it), in any case.
    await store.createConversation({ ...conversation("c1", "v1"), identity: { email: "Ana@X.co", verified: false } });
    const second = await store.createConversation(conversation("c2", "v2"));
    expect(await store.listEmailConversations("ana@x.co")).toEqual(["c1"]);
    await store.updateConversation(withEmail(second, "ana@x.co"));
    expect(await store.listEmailConversations(" ANA@x.co ")).toEqual(["c1", "c2"]);
    expect(await store.listEmailConversations("bo@x.co")).toEqual([]);
    // Another email of the same visitor, on a later conversation.
    const c2 = (await store.getConversation("c2")) as Conversation;
    await store.updateConversation({ ...c2, status: "closed" });
    await store.createConversation(withEmail({ ...conversation("c3", "v2"), createdAt: 2 }, "bo@x.co"));
    expect(await store.listVisitorConversations("site1", "v2")).toEqual(["c2", "c3"]);
    expect(await store.listVisitorConversations("site2", "v2")).toEqual([]);

    expect(await store.eraseVisitor("site1", "v2")).toEqual(["c2", "c3"]);
    expect(await store.listEmailConversations("ana@x.co")).toEqual(["c1"]);
    expect(await store.listEmailConversations("bo@x.co")).toEqual([]);
    expect(await store.listVisitorConversations("site1", "v2")).toEqual([]);
    expect(await store.listVisitorConversations("site1", "v1")).toEqual(["c1"]);
  });

  it("erasure unindexes a conversation from an email it no longer has (a replaced identify)", async () => {
    const created = await store.createConversation({
      ...conversation("c1", "v1"),
      identity: { email: "a@x.co", verified: false },
    });
    // A verified identify replaces the unverified one: the conversation now knows b@y.co only.
    const changed = await store.updateConversation({
      ...created,
      identity: { userId: "u-1", email: "b@y.co", verified: true },
    });
    expect(changed?.identity?.email).toBe("b@y.co");
    // Someone else keeps a@x.co's index alive.
    await store.createConversation({ ...conversation("c2", "v2"), identity: { email: "a@x.co", verified: false } });
    // Found by the new email, and by the old one until erased.
    expect(await store.listEmailConversations("b@y.co")).toEqual(["c1"]);
    expect(await store.listEmailConversations("a@x.co")).toEqual(["c1", "c2"]);

    expect(await store.eraseVisitor("site1", "v1")).toEqual(["c1"]);
    expect(await store.listEmailConversations("a@x.co")).toEqual(["c2"]);
    expect(await store.listEmailConversations("b@y.co")).toEqual([]);
    // A conversation under the same id again (never in practice: ids are random) knows no email, and no index still
    // names the erased one, so neither email finds it.
    await store.createConversation(conversation("c1", "v3"));
    expect(await store.listEmailConversations("a@x.co")).toEqual(["c2"]);
    expect(await store.listEmailConversations("b@y.co")).toEqual([]);
  });
});
