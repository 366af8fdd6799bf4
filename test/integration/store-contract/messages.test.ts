// The store contract, messages and notes: every test runs against the memory store and a real Redis server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../../server/store/types.ts";
import { conversation, line, storeFactories } from "../../support/store-contract.ts";

describe.each(storeFactories)("store contract, messages: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => cleanup());

  it("appends a turn's messages in one step, in order, each deduplicated by clientId", async () => {
    await store.appendMessage(line("v1", "hello", "visitor"));
    const first = await store.appendMessages([line("b:0", "one"), line("b:1", "two")]);
    expect(first.map((r) => [r.message.seq, r.message.text, r.duplicate])).toEqual([
      [2, "one", false],
      [3, "two", false],
    ]);
    // A retried turn: what was stored comes back as it was, a new line gets the next seq.
    const retried = await store.appendMessages([line("b:0", "changed"), line("b:2", "three")]);
    expect(retried.map((r) => [r.message.seq, r.message.text, r.duplicate])).toEqual([
      [2, "one", true],
      [4, "three", false],
    ]);
    expect(await store.appendMessages([])).toEqual([]);
    expect((await store.listMessages("c1", 0)).map((m) => m.text)).toEqual(["hello", "one", "two", "three"]);
  });

  it("appends messages with per-conversation seq and deduplicates by clientId", async () => {
    const draft = { conversationId: "c1", clientId: "m1", author: "visitor" as const, text: "hi", at: 1 };
    const a = await store.appendMessage(draft);
    expect(a).toEqual({ message: { ...draft, seq: 1 }, duplicate: false });
    const again = await store.appendMessage({ ...draft, text: "changed" });
    expect(again).toEqual({ message: { ...draft, seq: 1 }, duplicate: true });
    await store.appendMessage({ ...draft, clientId: "m2", text: "two" });
    await store.appendMessage({ ...draft, conversationId: "c2", clientId: "m1" });
    expect((await store.listMessages("c1", 0)).map((m) => [m.seq, m.text])).toEqual([
      [1, "hi"],
      [2, "two"],
    ]);
    expect((await store.listMessages("c1", 1)).map((m) => m.seq)).toEqual([2]);
    expect(await store.lastSeq("c1")).toBe(2);
    expect(await store.findMessage("c1", "m2")).toMatchObject({ seq: 2, text: "two" });
    expect(await store.findMessage("c1", "nope")).toBeNull();
    expect(await store.lastSeq("c2")).toBe(1);
  });

  it("keeps a conversation's notes oldest first, apart from its messages; none for a missing conversation", async () => {
    await store.createConversation(conversation("c1"));
    await store.createConversation(conversation("c2"));
    const note = (id: string, conversationId: string, at: number) => ({
      id,
      conversationId,
      authorId: "r1",
      authorName: "Rita",
      text: `note ${id}`,
      at,
    });
    expect(await store.addNote(note("n1", "c1", 1), 500)).toBe("added");
    expect(await store.addNote(note("n2", "c1", 2), 500)).toBe("added");
    expect(await store.addNote(note("n3", "c2", 3), 500)).toBe("added");
    expect(await store.addNote(note("n4", "gone", 4), 500)).toBe("missing");
    expect(await store.listNotes("c1")).toEqual([note("n1", "c1", 1), note("n2", "c1", 2)]);
    expect((await store.listNotes("c2")).map((n) => n.id)).toEqual(["n3"]);
    expect(await store.listNotes("gone")).toEqual([]);
    // The cap holds however many notes arrive at once.
    const burst = await Promise.all([5, 6, 7, 8, 9].map((i) => store.addNote(note(`n${i}`, "c2", i), 3)));
    expect(burst.filter((r) => r === "added")).toHaveLength(2);
    expect(burst.filter((r) => r === "full")).toHaveLength(3);
    expect(await store.listNotes("c2")).toHaveLength(3);
    expect(await store.listMessages("c1", 0)).toEqual([]);
  });

  it("concurrent appends get distinct, gapless seqs", async () => {
    const drafts = Array.from({ length: 50 }, (_, i) => ({
      conversationId: "c1",
      clientId: `m${i}`,
      author: "visitor" as const,
      text: String(i),
      at: i,
    }));
    const results = await Promise.all(drafts.map((d) => store.appendMessage(d)));
    expect(results.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual(drafts.map((_, i) => i + 1));
  });
});
