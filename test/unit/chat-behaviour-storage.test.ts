// The chat app's reading of the loader's behaviour storage (widget/chat/storage.ts), over a fake localStorage:
// junk stays off the wire, and an oversized record is cut to fit one socket frame, the newest kept.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { behaviourReported, storedBehaviour } from "../../widget/chat/storage.ts";

const data = new Map<string, string>();
beforeEach(() => {
  data.clear();
  vi.stubGlobal("localStorage", {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => data.set(k, v),
    removeItem: (k: string) => data.delete(k),
  });
});
afterEach(() => vi.unstubAllGlobals());

const visit = { count: 1, firstAt: 1, startedAt: 1 };

describe("the chat app's behaviour storage", () => {
  it("nothing without a visit record; junk lists read as empty", () => {
    expect(storedBehaviour("k")).toBeUndefined();
    data.set("banter:k:visit", "{not json");
    expect(storedBehaviour("k")).toBeUndefined();
    data.set("banter:k:visit", JSON.stringify(visit));
    data.set("banter:k:unreported", '"a string"');
    data.set("banter:k:events", "{broken");
    expect(storedBehaviour("k")).toEqual({ visit, pages: [], events: [] });
  });

  it("an oversized record is cut to fit a socket frame, oldest first; the visit record outlives a report", () => {
    const pages = Array.from({ length: 50 }, (_, i) => ({ url: `https://acme.io/${i}/${"x".repeat(1000)}`, at: i }));
    data.set("banter:k:visit", JSON.stringify(visit));
    data.set("banter:k:unreported", JSON.stringify(pages));
    data.set("banter:k:events", JSON.stringify([{ name: "demo", at: 5 }]));
    const r = storedBehaviour("k");
    expect(JSON.stringify(r).length).toBeLessThanOrEqual(32_000);
    expect(r?.pages.at(-1)).toEqual(pages.at(-1));
    expect(r?.pages.length).toBeLessThan(50);
    expect(r?.events).toEqual([{ name: "demo", at: 5 }]);
    behaviourReported("k");
    expect([...data.keys()]).toEqual(["banter:k:visit"]);
  });
});
