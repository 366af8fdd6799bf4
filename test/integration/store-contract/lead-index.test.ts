// The store contract, the leads index (issue 20): rows by term, one per person, paged and counted, kept by every
// write and by erasure. Every test runs against the memory store and a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Conversation, Store } from "../../../server/store/types.ts";
import { lead, storeFactories } from "../../support/store-contract.ts";

describe.each(storeFactories)("store contract, leads index: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  const ids = (cs: Conversation[]) => cs.map((c) => c.id);
  const person = async (key: string) => (await store.listPersonConversations("site1", [key]))[0] ?? [];
  const rows = (terms: string[], more: { from?: number; to?: number; limit?: number } = {}) =>
    store.queryLeadRows({ siteKey: "site1", terms, limit: 50, ...more });

  it("files each row under its terms as written, and moves it when a write changes them", async () => {
    await store.createConversation(lead("a", 1, { tier: "hot" }));
    const b = await store.createConversation(lead("b", 2, { tier: "cold" }));
    await store.createConversation(lead("c", 3, { tier: "hot" }));
    await store.createConversation(lead("other", 4, { tier: "hot", site: "site2" }));
    expect(ids(await rows(["all"]))).toEqual(["c", "b", "a"]);
    expect(ids(await rows(["all", "tier:hot"]))).toEqual(["c", "a"]);
    expect(await store.countLeadRows({ siteKey: "site1", terms: ["tier:hot"] })).toBe(2);
    // The bot scores b hot, and sales takes it: the same write moves it.
    const sales = { status: "working" as const, ownerId: "u1", history: [] };
    await store.updateConversation({ ...lead("b", 2, { tier: "hot" }), rev: b.rev, sales });
    expect(ids(await rows(["tier:hot"]))).toEqual(["c", "b", "a"]);
    expect(ids(await rows(["tier:cold"]))).toEqual([]);
    expect(ids(await rows(["owner:u1", "status:working"]))).toEqual(["b"]);
    expect(ids(await rows(["owner:unassigned"]))).toEqual(["c", "a"]);
    expect(await store.countLeadRows({ siteKey: "site1", terms: ["tier:hot", "owner:unassigned"] })).toBe(2);
    expect(ids(await rows(["all"], { from: 2, to: 3 }))).toEqual(["b"]);
    expect(await store.countLeadRows({ siteKey: "site1", terms: ["tier:hot", "owner:unassigned"], from: 2 })).toBe(1);
  });

  it("pages rows newest first, ties in the same ms by id, none skipped or repeated, with filters", async () => {
    let n = 0;
    for (const id of ["b", "e", "a", "d", "c", "f", "g"]) {
      await store.createConversation(lead(id, id < "f" ? 5 : 4, { tier: n++ % 2 === 0 ? "hot" : "cold" }));
    }
    await store.createConversation(lead("y", 6, { tier: "hot" }));
    const pageAll = async (terms: string[], size: number) => {
      const seen: string[] = [];
      let after: { createdAt: number; id: string } | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const page = await store.queryLeadRows({ siteKey: "site1", terms, limit: size, ...(after ? { after } : {}) });
        seen.push(...ids(page));
        const last = page.at(-1);
        if (page.length < size || !last) break;
        after = { createdAt: last.createdAt, id: last.id };
      }
      return seen;
    };
    expect(await pageAll(["all"], 2)).toEqual(["y", "e", "d", "c", "b", "a", "g", "f"]);
    // hot: b, a, c, g (every other, in creation order) and y.
    expect(await pageAll(["tier:hot"], 2)).toEqual(["y", "c", "b", "a", "g"]);
    expect(await pageAll(["all", "tier:hot"], 1)).toEqual(["y", "c", "b", "a", "g"]);
  });

  it("one row per person: their newest conversation, even when an older one is written later", async () => {
    await store.createConversation(lead("first", 1, { tier: "hot", email: "Ana@Acme.io", visitor: "v1" }));
    await store.createConversation(lead("other", 2, { tier: "cold", visitor: "v2" }));
    const second = await store.createConversation(lead("second", 3, { tier: "warm", visitor: "v3" }));
    expect(ids(await rows(["all"]))).toEqual(["second", "other", "first"]);
    // The second conversation learns the email: it is the same person, and their newest is their row.
    await store.updateConversation({ ...lead("second", 3, { tier: "warm", email: "ana@acme.io" }), rev: second.rev });
    expect(ids(await rows(["all"]))).toEqual(["second", "other"]);
    expect(ids(await rows(["tier:hot"]))).toEqual([]);
    expect(await store.countLeadRows({ siteKey: "site1", terms: ["all"] })).toBe(2);
    const first = await store.getConversation("first");
    if (!first) throw new Error("first is stored");
    await store.updateConversation({ ...first, sales: { status: "won", history: [] } });
    expect(ids(await rows(["status:won"]))).toEqual([]);
    expect(ids(await person("site1|email:ana@acme.io"))).toEqual(["second", "first"]);
    // It changes its email again: the person's row is their first conversation again.
    const now = await store.getConversation("second");
    if (!now) throw new Error("second is stored");
    await store.updateConversation({ ...now, engine: lead("second", 3, { email: "bo@x.io" }).engine });
    expect(ids(await rows(["all"]))).toEqual(["second", "other", "first"]);
    expect(ids(await rows(["status:won"]))).toEqual(["first"]);
    expect(ids(await person("site1|email:ana@acme.io"))).toEqual(["first"]);
    // Several people read together, in the order asked; a key nobody is known by has none.
    const people = await store.listPersonConversations("site1", [
      "site1|email:nobody@x.io",
      "site1|email:bo@x.io",
      "site1|email:ana@acme.io",
    ]);
    expect(people.map(ids)).toEqual([[], ["second"], ["first"]]);
  });

  it("finds rows by the words of a name, email or company, each word by its beginning", async () => {
    await store.createConversation(lead("ana", 1, { name: "Ana Lopez", email: "ana.lopez@acme.io" }));
    await store.createConversation(lead("bo", 2, { name: "Bo Acker", email: "bo@globex.com" }));
    const found = async (q: string) => ids(await rows(["all", ...q.split(" ").map((w) => `q:${w}`)]));
    expect(await found("lop")).toEqual(["ana"]);
    expect(await found("ac")).toEqual(["bo", "ana"]);
    expect(await found("acme io")).toEqual(["ana"]);
    expect(await found("globex")).toEqual(["bo"]);
    expect(await found("cme")).toEqual([]);
  });

  it("erasing a visitor takes their rows off, and their person's other conversation becomes the row", async () => {
    await store.createConversation(lead("old", 1, { tier: "hot", email: "ana@acme.io", visitor: "laptop" }));
    await store.createConversation(lead("new", 2, { tier: "cold", email: "ana@acme.io", visitor: "phone" }));
    expect(ids(await rows(["all"]))).toEqual(["new"]);
    expect(await store.eraseVisitor("site1", "phone")).toEqual(["new"]);
    expect(ids(await rows(["all"]))).toEqual(["old"]);
    expect(ids(await rows(["tier:hot"]))).toEqual(["old"]);
    expect(ids(await rows(["tier:cold"]))).toEqual([]);
    expect(ids(await person("site1|email:ana@acme.io"))).toEqual(["old"]);
    await store.eraseVisitor("site1", "laptop");
    expect(await rows(["all"])).toEqual([]);
    expect(await store.countLeadRows({ siteKey: "site1", terms: ["all"] })).toBe(0);
    expect(await person("site1|email:ana@acme.io")).toEqual([]);
  });

  it("counts two filters exactly through every kind of write: scored, taken, merged into a person, erased", async () => {
    const terms = ["tier:hot", "tier:cold", "owner:u1", "owner:unassigned", "status:working", "status:new"];
    const pairs = terms.flatMap((a, i) => terms.slice(i + 1).map((b) => [a, b]));
    // Each pair's total is the number of rows a page finds under both.
    const agree = async (when: string) => {
      for (const pair of pairs) {
        const found = (await rows(pair)).length;
        expect(await store.countLeadRows({ siteKey: "site1", terms: pair }), `${when}: ${pair}`).toBe(found);
      }
    };
    await store.createConversation(lead("a", 1, { tier: "hot", email: "ana@acme.io", visitor: "va" }));
    const b = await store.createConversation(lead("b", 2, { tier: "cold" }));
    await store.createConversation(lead("c", 3, { tier: "hot" }));
    await agree("created");
    const sales = { status: "working" as const, ownerId: "u1", history: [] };
    await store.updateConversation({ ...lead("b", 2, { tier: "hot" }), rev: b.rev, sales });
    await agree("scored and taken");
    expect(await store.countLeadRows({ siteKey: "site1", terms: ["tier:hot", "owner:u1"] })).toBe(1);
    // a's person chats again, cold: their row is the new conversation.
    await store.createConversation(lead("a2", 4, { tier: "cold", email: "ana@acme.io", visitor: "va2" }));
    await agree("merged");
    expect(await store.countLeadRows({ siteKey: "site1", terms: ["tier:hot", "owner:unassigned"] })).toBe(1);
    await store.eraseVisitor("site1", "va2");
    await agree("the newer erased");
    expect(await store.countLeadRows({ siteKey: "site1", terms: ["tier:hot", "owner:unassigned"] })).toBe(2);
    for (const v of ["va", "v-b", "v-c"]) await store.eraseVisitor("site1", v);
    await agree("all erased");
  });
});
