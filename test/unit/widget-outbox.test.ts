// The widget's saved outbox: anything in storage is parsed defensively, and a send older than a day is dropped.
import { describe, expect, it } from "vitest";
import { outboxMaxAgeMs as maxAgeMs } from "../../shared/protocol/index.ts";
import { parseSaved } from "../../widget/chat/outbox-store.ts";

describe("saved widget outbox", () => {
  it("keeps well-formed sends, drops malformed and stale ones", () => {
    const now = Date.now();
    const raw = JSON.stringify([
      { clientId: "a", label: "hi", req: { clientId: "a", text: "hi" }, at: now - 1000 },
      { clientId: "b", label: "old", req: { clientId: "b", text: "old" }, at: now - maxAgeMs - 1 },
      { clientId: "c", label: "x", req: { clientId: "other", text: "x" } },
      { clientId: "bad id", label: "x", req: { clientId: "bad id", text: "x" } },
      { clientId: "d", label: "Yes", req: { clientId: "d", choice: "__yes" } },
      "junk",
    ]);
    expect(parseSaved(raw).map((s) => s.clientId)).toEqual(["a", "d"]);
    expect(parseSaved("{not json")).toEqual([]);
    expect(parseSaved(JSON.stringify({ a: 1 }))).toEqual([]);
  });
});
