// The store contract, the inbox's activity index (issue 20): every conversation by last activity, by view and by
// search, paged and counted, kept by every write and by erasure. Every test runs against every store.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ActivityPosition, Conversation, Store } from "../../../server/store/types.ts";
import type { ConversationStatus } from "../../../shared/protocol/index.ts";
import { lead, storeFactories } from "../../support/store-contract.ts";

describe.each(storeFactories)("store contract, activity index: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  const ids = (ps: ActivityPosition[]) => ps.map((p) => p.id);
  const listed = (terms: string[], after?: ActivityPosition) =>
    store.queryActivity({ siteKey: "site1", terms, limit: 50, ...(after ? { after } : {}) });
  const count = (terms: string[]) => store.countActivity({ siteKey: "site1", terms });
  // A conversation created at `createdAt`, last active at `updatedAt`.
  const active = (id: string, createdAt: number, updatedAt: number, o: Parameters<typeof lead>[2] = {}) => ({
    ...lead(id, createdAt, o),
    updatedAt,
  });
  const write = async (id: string, change: Partial<Conversation>) => {
    const c = await store.getConversation(id);
    if (!c) throw new Error(`${id} is stored`);
    return store.updateConversation({ ...c, ...change });
  };

  it("lists every conversation by last activity, a person's older ones too, and a write moves one to the top", async () => {
    await store.createConversation(active("a", 1, 10, { email: "ana@acme.io" }));
    await store.createConversation(active("b", 2, 30));
    await store.createConversation(active("c", 3, 20, { email: "ana@acme.io", visitor: "v-other" }));
    await store.createConversation(active("d", 4, 40, { site: "site2" }));
    // The leads index has one row for ana (c, her newest); the inbox lists both of her conversations.
    expect(ids(await listed(["all"]))).toEqual(["b", "c", "a"]);
    expect(await listed(["all"])).toContainEqual({ id: "b", updatedAt: 30 });
    expect(await count(["all"])).toBe(3);
    await write("a", { updatedAt: 50 });
    expect(ids(await listed(["all"]))).toEqual(["a", "b", "c"]);
  });

  it("pages newest activity first, ties in the same ms by id descending, none skipped or repeated", async () => {
    for (const [i, id] of ["b", "e", "a", "d", "c", "f", "g"].entries()) {
      await store.createConversation(active(id, i, id < "f" ? 5 : 4));
    }
    await store.createConversation(active("y", 9, 6));
    const seen: string[] = [];
    let after: ActivityPosition | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await store.queryActivity({
        siteKey: "site1",
        terms: ["all"],
        limit: 3,
        ...(after ? { after } : {}),
      });
      seen.push(...ids(page));
      after = page.at(-1);
      if (page.length < 3) break;
    }
    expect(seen).toEqual(["y", "e", "d", "c", "b", "a", "g", "f"]);
    // A page after a cursor holds still while a conversation moves to the top meanwhile.
    await write("a", { updatedAt: 99 });
    expect(ids(await listed(["all"], { id: "c", updatedAt: 5 }))).toEqual(["b", "g", "f"]);
  });

  it("files each conversation under its view, and a status change moves it, with each view's count", async () => {
    const statuses: [string, ConversationStatus][] = [
      ["a", "bot"],
      ["b", "queued"],
      ["c", "live"],
      ["d", "closed"],
      ["e", "closed"],
    ];
    for (const [i, [id, status]] of statuses.entries()) {
      await store.createConversation({ ...active(id, i, 10 + i), status });
    }
    expect(ids(await listed(["view:closed"]))).toEqual(["e", "d"]);
    expect(ids(await listed(["view:live"]))).toEqual(["c"]);
    await write("c", { status: "closed", updatedAt: 20 });
    expect(ids(await listed(["view:closed"]))).toEqual(["c", "e", "d"]);
    expect(await listed(["view:live"])).toEqual([]);
    const counts = await Promise.all(["bot", "queued", "live", "closed"].map((v) => count([`view:${v}`])));
    expect(counts).toEqual([1, 1, 0, 3]);
  });

  it("finds conversations by the words of a name, email or company within a view, and counts them there", async () => {
    await store.createConversation(active("ana", 1, 1, { name: "Ana Lopez", email: "ana.lopez@acme.io" }));
    await store.createConversation(active("bo", 2, 2, { name: "Bo Acker", email: "bo@globex.com" }));
    await store.createConversation({ ...active("cy", 3, 3, { name: "Cy Acme" }), status: "closed" });
    const found = (view: string, q: string) => listed(q.split(" ").map((w) => `q:${view}:${w}`)).then(ids);
    expect(await found("bot", "lop")).toEqual(["ana"]);
    expect(await found("bot", "ac")).toEqual(["bo", "ana"]);
    expect(await found("bot", "acme io")).toEqual(["ana"]);
    expect(await found("closed", "acme")).toEqual(["cy"]);
    expect(await found("bot", "cme")).toEqual([]);
    expect(await count(["q:bot:ac"])).toBe(2);
    expect(await count(["q:bot:acme", "q:bot:io"])).toBe(1);
    expect(await count(["q:closed:ac"])).toBe(1);
    // Bo gives another email: the old one's keys leave, the new one's come.
    await write("bo", { engine: lead("bo", 2, { name: "Bo Acker", email: "bo@initech.com" }).engine, updatedAt: 5 });
    expect(await found("bot", "globex")).toEqual([]);
    expect(await found("bot", "initech")).toEqual(["bo"]);
    // Closing it moves its search keys to the closed view.
    await write("bo", { status: "closed", updatedAt: 6 });
    expect(await found("bot", "ac")).toEqual(["ana"]);
    expect(await found("closed", "ac")).toEqual(["bo", "cy"]);
  });

  it("erasing a visitor takes their conversations off every set, and the counts with them", async () => {
    await store.createConversation(active("old", 1, 1, { name: "Zed Quill", email: "zq@quill.io", visitor: "zed" }));
    const second = await store.createConversation(active("new", 2, 2, { email: "zq@quill.io", visitor: "phone" }));
    await store.updateConversation({ ...second, status: "closed", updatedAt: 3 });
    await store.createConversation(active("kept", 3, 4, { name: "Zed Other" }));
    expect(await count(["q:bot:zed"])).toBe(2);
    expect(await store.eraseVisitor("site1", "phone")).toEqual(["new"]);
    expect(await store.eraseVisitor("site1", "zed")).toEqual(["old"]);
    expect(ids(await listed(["all"]))).toEqual(["kept"]);
    expect(await listed(["view:closed"])).toEqual([]);
    expect(ids(await listed(["q:bot:zed"]))).toEqual(["kept"]);
    expect(await listed(["q:bot:quill"])).toEqual([]);
    expect([await count(["all"]), await count(["view:closed"]), await count(["q:closed:zq"])]).toEqual([1, 0, 0]);
  });
});
