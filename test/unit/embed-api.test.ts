// The pure parts of the embed API: reading queued calls, page addresses, the tag's colour, identify's checks, and
// the events the host page hears from two successive states of the chat.
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { identifyRequest } from "../../server/transport/schemas.ts";
import type { Message } from "../../shared/protocol/index.ts";
import { queueStub } from "../../shared/sites/snippet.ts";
import type { ChatState } from "../../widget/chat/chat-state.ts";
import { type ChatEvents, tellChanges } from "../../widget/chat/embed-events.ts";
import { identityOf } from "../../widget/chat/identity.ts";
import { callOf, hexColor, pageAddress, queuedCalls } from "../../widget/loader/embed.ts";

describe("embed API: queued calls", () => {
  it("reads what the snippet's stub queued (arguments objects), in order", () => {
    // The stub exactly as the snippet has it, run with a window of its own.
    const page: Record<string, unknown> = {};
    page.window = page;
    runInNewContext(/<script>(.*)<\/script>/.exec(queueStub)?.[1] ?? "", page);
    const Banter = page.Banter as (...a: unknown[]) => void;
    Banter("identify", { email: "a@b.co" });
    Banter("open");
    expect(queuedCalls(Banter)).toEqual([["identify", { email: "a@b.co" }], ["open"]]);
  });

  it("reads the older array queue of names and lists", () => {
    expect(queuedCalls(["open", ["page", "/pricing"]])).toEqual([["open"], ["page", "/pricing"]]);
    expect(callOf("toggle")).toEqual(["toggle"]);
  });

  it("finds nothing in a stub that was never called, nothing, or something else", () => {
    expect(queuedCalls(() => {})).toEqual([]);
    expect(queuedCalls(undefined)).toEqual([]);
    expect(queuedCalls({ q: "x" })).toEqual([]);
  });
});

describe("embed API: page addresses", () => {
  const base = "https://acme.com/shop/cart?x=1";

  it("resolves relative addresses against the page", () => {
    expect(pageAddress("/pricing", base)).toBe("https://acme.com/pricing");
    expect(pageAddress("checkout", base)).toBe("https://acme.com/shop/checkout");
  });

  it("keeps hash routes and drops in-page anchors", () => {
    expect(pageAddress("https://acme.com/#/pricing", base)).toBe("https://acme.com/#/pricing");
    expect(pageAddress("https://acme.com/#!/pricing", base)).toBe("https://acme.com/#!/pricing");
    expect(pageAddress("https://acme.com/guide#install", base)).toBe("https://acme.com/guide");
  });

  it("refuses what is not an http(s) page, and cuts very long ones", () => {
    expect(pageAddress("javascript:alert(1)", base)).toBeUndefined();
    expect(pageAddress("mailto:a@b.co", base)).toBeUndefined();
    expect(pageAddress("http://[bad", base)).toBeUndefined();
    expect(pageAddress(`/p?${"a".repeat(5000)}`, base)).toHaveLength(2048);
  });
});

describe("embed API: data-color", () => {
  it("takes #rgb and #rrggbb only", () => {
    for (const ok of ["#fff", "#2563EB", "#000000"]) expect(hexColor(ok)).toBe(true);
    for (const bad of ["red", "#ff", "#12345", "2563eb", "#2563eb;background:url(x)", "#ggg"]) {
      expect(hexColor(bad)).toBe(false);
    }
  });
});

describe("embed API: identify", () => {
  const hash = "ab12".repeat(16);

  it("keeps the known fields, a numeric userId as text", () => {
    expect(identityOf({ email: "bo@big.co", name: " Bo ", userId: 42, userHash: hash })).toEqual({
      email: "bo@big.co",
      name: "Bo",
      userId: "42",
      userHash: hash,
    });
    expect(identityOf({ email: "bo@big.co", name: undefined, userId: null })).toEqual({ email: "bo@big.co" });
  });

  it("says what is wrong with anything else", () => {
    expect(identityOf("bo@big.co")).toMatch(/identify needs an object/);
    expect(identityOf(null)).toMatch(/identify needs an object/);
    expect(identityOf({ mail: "bo@big.co" })).toMatch(/does not know "mail"/);
    expect(identityOf({ email: { x: 1 } })).toMatch(/email must be text/);
    expect(identityOf({ name: "x".repeat(101) })).toMatch(/name must be text of 1 to 100/);
    expect(identityOf({ userId: "7", userHash: "ab12" })).toMatch(/64 hex characters/);
    expect(identityOf({ userHash: hash })).toMatch(/needs the userId/);
    expect(identityOf({})).toMatch(/an email, a name or a userId/);
  });

  // The widget checks first so that a host page's mistake never reaches the join (which the server would refuse).
  it("accepts exactly what the server's join accepts", () => {
    const cases: unknown[] = [
      { email: "bo@big.co" },
      { email: "not-an-email" },
      { email: "a@b" },
      { name: "Bo" },
      { name: "   " },
      { name: "x".repeat(100) },
      { name: "x".repeat(101) },
      { userId: "u-1", userHash: hash },
      { userId: "u-1", userHash: hash.toUpperCase() },
      { userId: "u-1", userHash: `${hash}0` },
      { userId: "x".repeat(128) },
      { userId: "x".repeat(129) },
      { userHash: hash },
      {},
    ];
    for (const c of cases) {
      const widget = typeof identityOf(c) !== "string";
      const server = identifyRequest.safeParse(c).success;
      expect(widget, JSON.stringify(c)).toBe(server);
    }
  });
});

describe("embed API: events from the chat's state", () => {
  const msg = (seq: number, author: Message["author"], text: string, conversationId = "c1"): Message => ({
    conversationId,
    seq,
    clientId: `m${seq}`,
    author,
    text,
    at: 1000 + seq,
  });
  const state = (patch: Partial<ChatState>): ChatState => ({
    conversationId: "c1",
    status: "bot",
    repReadSeq: 0,
    repTyping: null,
    queue: null,
    messages: [],
    outbox: [],
    link: "online",
    error: null,
    ...patch,
  });
  const told = (prev: ChatState, next: ChatState) => {
    const out: [keyof ChatEvents, unknown][] = [];
    tellChanges(prev, next, (name, data) => out.push([name, data]));
    return out;
  };

  it("tells each new message once, the visitor's own included", () => {
    const one = [msg(1, "bot", "Hi")];
    const a = state({ messages: one });
    const b = state({
      messages: [...one, msg(2, "visitor", "Budget?"), { ...msg(3, "rep", "Hello"), authorName: "Ana" }],
    });
    expect(told(a, b)).toEqual([
      ["message", { author: "visitor", text: "Budget?", at: 1002 }],
      ["message", { author: "rep", authorName: "Ana", text: "Hello", at: 1003 }],
    ]);
    expect(told(b, { ...b, messages: [...b.messages] })).toEqual([]);
  });

  it("tells the qualification when it first appears in the same conversation", () => {
    const q = { tier: "hot", score: 85, stage: "sql" } as const;
    expect(told(state({}), state({ qualification: q }))).toEqual([["qualified", q]]);
    expect(told(state({ qualification: q }), state({ qualification: q }))).toEqual([]);
    // A conversation met for the first time (a join) is where it stands, not news.
    expect(told(state({ conversationId: null }), state({ qualification: q }))).toEqual([]);
  });

  it("tells the handoff when the lead is queued and when a rep takes it", () => {
    expect(told(state({}), state({ status: "queued" }))).toEqual([["handoff", { status: "queued" }]]);
    expect(told(state({ status: "queued" }), state({ status: "live", repName: "Ana" }))).toEqual([
      ["handoff", { status: "live", repName: "Ana" }],
    ]);
    expect(told(state({ status: "live" }), state({ status: "closed" }))).toEqual([]);
    expect(told(state({ conversationId: "c0", status: "queued" }), state({ status: "live" }))).toEqual([]);
  });
});
