// The delivery kit's read marks (widget/transport/read-marks.ts) on fake timers: coalesced, forward only, retried
// and given up on by the outbox's rule.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  BanterError,
  type ConversationView,
  ErrorCode,
  internalRetries,
  readDebounceMs,
  retryMaxMs,
} from "../../shared/protocol/index.ts";
import { createReadReporter } from "../../widget/transport/read-marks.ts";

function harness(answer: (seq: number) => Promise<void>) {
  const reported: [string, number][] = [];
  const reads = createReadReporter({
    report: async (conversationId, seq) => {
      reported.push([conversationId, seq]);
      await answer(seq);
      return { id: conversationId, siteKey: "s", status: "live", lastSeq: seq, repReadSeq: seq } as ConversationView;
    },
    reported() {},
  });
  return { reads, reported };
}

describe("delivery kit: read marks", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends a burst of marks as one, after readDebounceMs, and never a lower mark", async () => {
    const h = harness(async () => {});
    h.reads.resume();
    h.reads.mark("a", 3);
    h.reads.mark("a", 5);
    h.reads.mark("a", 4);
    await vi.advanceTimersByTimeAsync(readDebounceMs - 1);
    expect(h.reported).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.reported).toEqual([["a", 5]]);
    h.reads.mark("a", 5);
    h.reads.mark("a", 2);
    await vi.advanceTimersByTimeAsync(readDebounceMs);
    expect(h.reported).toEqual([["a", 5]]);
  });

  it("waits for resume, retries UNAVAILABLE, and gives up on INTERNAL after internalRetries tries", async () => {
    let fail: ErrorCode | undefined = ErrorCode.UNAVAILABLE;
    const h = harness(async () => {
      if (fail) throw new BanterError(fail, "no");
    });
    h.reads.mark("a", 2);
    await vi.advanceTimersByTimeAsync(retryMaxMs);
    expect(h.reported).toEqual([]);
    h.reads.resume();
    await vi.advanceTimersByTimeAsync(readDebounceMs);
    for (let i = 0; i < 10; i++) await vi.advanceTimersByTimeAsync(retryMaxMs);
    // Still going, long past the tries INTERNAL gets.
    expect(h.reported.length).toBeGreaterThan(internalRetries + 5);
    expect(new Set(h.reported.map(([id, seq]) => `${id}:${seq}`))).toEqual(new Set(["a:2"]));
    fail = undefined;
    // The wait is at most retryMaxMs plus a quarter (jitter).
    await vi.advanceTimersByTimeAsync(2 * retryMaxMs);
    const sent = h.reported.length;
    await vi.advanceTimersByTimeAsync(retryMaxMs);
    expect(h.reported.length).toBe(sent);
    fail = ErrorCode.INTERNAL;

    h.reads.mark("b", 7);
    for (let i = 0; i < 10; i++) await vi.advanceTimersByTimeAsync(retryMaxMs);
    expect(h.reported.filter(([id]) => id === "b")).toHaveLength(internalRetries + 1);

    // A refusal is final at once; the next mark goes out again.
    fail = ErrorCode.FORBIDDEN;
    h.reads.mark("c", 1);
    for (let i = 0; i < 3; i++) await vi.advanceTimersByTimeAsync(retryMaxMs);
    expect(h.reported.filter(([id]) => id === "c")).toEqual([["c", 1]]);
    fail = undefined;
    h.reads.mark("c", 1);
    await vi.advanceTimersByTimeAsync(readDebounceMs);
    expect(h.reported.filter(([id]) => id === "c")).toEqual([
      ["c", 1],
      ["c", 1],
    ]);
  });
});
