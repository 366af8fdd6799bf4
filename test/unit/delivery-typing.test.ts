// The delivery kit's typing (widget/transport/typing.ts) on fake timers: ours is throttled and ends by itself, theirs
// expires without news.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { typingExpiryMs, typingIdleMs, typingRefreshMs } from "../../shared/protocol/index.ts";
import { typingIndicators, typingSignal } from "../../widget/transport/typing.ts";

describe("delivery kit: typing", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("says true at once and again only every typingRefreshMs, false after typingIdleMs without a key", () => {
    const said: [number, boolean][] = [];
    const start = Date.now();
    const signal = typingSignal((typing) => said.push([Date.now() - start, typing]));
    // A key every 300 ms for about 4.5 s.
    for (let i = 0; i < 15; i++) {
      signal.input();
      vi.advanceTimersByTime(300);
    }
    expect(said).toEqual([
      [0, true],
      [typingRefreshMs, true],
    ]);
    vi.advanceTimersByTime(typingIdleMs - 301);
    expect(said).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(said.at(-1)).toEqual([14 * 300 + typingIdleMs, false]);
  });

  it("stop says false once and only after a true; reset says nothing", () => {
    const said: boolean[] = [];
    const signal = typingSignal((typing) => said.push(typing));
    signal.stop();
    signal.input();
    signal.stop();
    signal.stop();
    vi.advanceTimersByTime(typingIdleMs);
    expect(said).toEqual([true, false]);
    signal.input();
    signal.reset();
    vi.advanceTimersByTime(typingIdleMs);
    // After a reset the next key says true again at once.
    signal.input();
    expect(said).toEqual([true, false, true, true]);
  });

  it("forgets their typing typingExpiryMs after the last news, per conversation", () => {
    const seen: [string, string | null][] = [];
    const indicators = typingIndicators<string>((id, name) => seen.push([id, name]));
    indicators.set("a", "Ana");
    vi.advanceTimersByTime(typingExpiryMs - 1000);
    // News refreshes the expiry.
    indicators.set("a", "Ana");
    indicators.set("b", "Bo");
    vi.advanceTimersByTime(typingExpiryMs - 1);
    expect(seen).toEqual([
      ["a", "Ana"],
      ["a", "Ana"],
      ["b", "Bo"],
    ]);
    vi.advanceTimersByTime(1);
    expect(seen.slice(3)).toEqual([
      ["a", null],
      ["b", null],
    ]);

    // A false ends it at once, and nothing expires later.
    indicators.set("a", "Ana");
    indicators.set("a", null);
    vi.advanceTimersByTime(typingExpiryMs);
    expect(seen.slice(5)).toEqual([
      ["a", "Ana"],
      ["a", null],
    ]);

    // Cleared (the app is going away): no expiry is heard.
    indicators.set("b", "Bo");
    indicators.clear();
    vi.advanceTimersByTime(typingExpiryMs);
    expect(seen.slice(7)).toEqual([["b", "Bo"]]);
  });
});
