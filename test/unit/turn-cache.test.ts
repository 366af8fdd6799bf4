// The process's copies of conversations for their next bot turn (server/conversation/turn-cache.ts): bounded,
// least recently used first out, and each copy used for one turn at most.
import { describe, expect, it } from "vitest";
import { turnCache } from "../../server/conversation/turn-cache.ts";
import type { Conversation } from "../../server/store/types.ts";

const copy = (id: string, rev = 1) => ({ conversation: { id, rev } as Conversation, lastSeq: 2 });

describe("turn cache", () => {
  it("keeps at most its size, dropping the least recently written", () => {
    const cache = turnCache(2);
    cache.put(copy("a"));
    cache.put(copy("b"));
    cache.put(copy("a", 2));
    cache.put(copy("c"));
    expect(cache.size).toBe(2);
    expect(cache.take("b")).toBeUndefined();
    expect(cache.take("a")?.conversation.rev).toBe(2);
    expect(cache.take("c")).toBeDefined();
  });

  it("hands a copy out once: a second turn at the same time reads the conversation", () => {
    const cache = turnCache();
    cache.put(copy("a"));
    expect(cache.take("a")).toBeDefined();
    expect(cache.take("a")).toBeUndefined();
  });

  it("keeps nothing at size 0", () => {
    const cache = turnCache(0);
    cache.put(copy("a"));
    expect(cache.take("a")).toBeUndefined();
  });
});
