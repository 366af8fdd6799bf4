// The visitor's sends in real Chromium: kept across reloads while the server refuses them for a moment or the
// network is gone, retried with growing delays, slowed down by the server's rate limit, refused in the composer
// when too long, and a long transcript fetched page by page. Each is checked against the store: exactly once.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyVisitor } from "../../server/auth/tokens.ts";
import type { Message } from "../../shared/protocol/index.ts";
import { appOnRedis, type Harness, startApp } from "../support/app.ts";
import { customerPage, hostPage, openChat, sharedBrowser } from "../support/browser.ts";
import { redisTestStore } from "../support/redis.ts";

const count = (text: string | null, part: string) => (text ?? "").split(part).length - 1;

describe("browser: widget delivery", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();
  const closers = shared.closers;

  // A customer's page (on 127.0.0.1) embedding the widget from the Banter server (named as localhost).
  async function customer(h: Harness, setup?: (page: Page) => Promise<void>): Promise<Page> {
    const host = await hostPage(customerPage(h.url.replace("127.0.0.1", "localhost"), h.siteKey));
    closers.push(host.close);
    const page = await (await shared.browser().newContext()).newPage();
    await setup?.(page);
    await page.goto(host.url);
    return page;
  }

  const stored = (page: Page, h: Harness) =>
    page.evaluate((key) => localStorage.getItem(key), `banter:${h.siteKey}:outbox`);

  // What the server holds for this page's visitor, read straight from the store.
  async function serverTranscript(page: Page, h: Harness): Promise<Message[]> {
    const token = await page.evaluate((key) => localStorage.getItem(key), `banter:${h.siteKey}:visitor`);
    const visitorId = token ? verifyVisitor("test-secret", token) : null;
    if (!visitorId) throw new Error("no visitor token in the page");
    const id = await h.store.findVisitorConversation(h.siteKey, visitorId);
    // Nothing stored yet: the visitor has not written (engine rule H3).
    return id ? h.store.listMessages(id, 0) : [];
  }
  const copies = async (page: Page, h: Harness, text: string) =>
    (await serverTranscript(page, h)).filter((m) => m.author === "visitor" && m.text === text).length;

  // The widget's socket.io traffic through switches the test controls. `refuse`: message:send is answered
  // UNAVAILABLE without reaching the server (frames look like `42/visitor,3["message:send",{...}]`, the answer
  // `43/visitor,3[{...}]`). `cut`: every connection is dropped and new ones fail, as when the network goes.
  async function switchedTraffic(page: Page) {
    const sw = { refuse: false, cut: false, refusedAt: [] as number[] };
    const open: { close(): Promise<void> }[] = [];
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (sw.cut) {
        // Fail it as a lost network does. A clean close during the handshake would leave socket.io waiting for its
        // 20 s connect timeout; an engine.io frame it cannot parse is an error, retried with its usual backoff.
        setTimeout(() => ws.send("x"), 50);
        return;
      }
      const server = ws.connectToServer();
      ws.onMessage((m) => {
        const send = typeof m === "string" ? /^42\/visitor,(\d+)\["message:send"/.exec(m) : null;
        if (send && sw.refuse) {
          sw.refusedAt.push(Date.now());
          const error = { code: "UNAVAILABLE", message: "The chat is unavailable for a moment." };
          ws.send(`43/visitor,${send[1]}[${JSON.stringify({ ok: false, error })}]`);
          return;
        }
        server.send(m);
      });
      server.onMessage((m) => ws.send(m));
      open.push({ close: () => ws.close() });
    });
    await page.route(/\/socket\.io\//, (route) => (sw.cut ? route.abort() : route.continue()));
    return {
      sw,
      async cut() {
        sw.cut = true;
        for (const c of open.splice(0)) await c.close();
      },
    };
  }

  it("retries a transiently refused send with growing delays, keeps it across a reload, delivers it once", async () => {
    const h = app();
    let traffic: Awaited<ReturnType<typeof switchedTraffic>> | undefined;
    const page = await customer(h, async (p) => {
      traffic = await switchedTraffic(p);
    });
    if (!traffic) throw new Error("no traffic switch");
    const { sw } = traffic;
    const chat = await openChat(page);
    const log = chat.getByRole("log");

    sw.refuse = true;
    await chat.getByRole("textbox", { name: "Message" }).fill("Hello while you were busy");
    await chat.getByRole("textbox", { name: "Message" }).press("Enter");
    await expect.poll(() => sw.refusedAt.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    // Backoff with jitter: about 1 s, then about 2 s (each within ±25 %).
    const [a = 0, b = 0, c = 0] = sw.refusedAt;
    expect(b - a).toBeGreaterThanOrEqual(700);
    expect(c - b).toBeGreaterThanOrEqual(1400);
    expect(c - b).toBeGreaterThan(b - a);
    expect(await log.textContent()).toContain("sending…");
    // UNAVAILABLE is retried quietly: the bubble says "sending…", no alert shows (empty alerts are hidden).
    expect(await chat.getByRole("alert").count()).toBe(0);
    expect(await stored(page, h)).toContain("Hello while you were busy");
    expect(await copies(page, h, "Hello while you were busy")).toBe(0);

    // Reload: the panel reopens, the pending bubble is back from storage and is sent again after the join.
    const before = sw.refusedAt.length;
    await page.reload();
    const again = page.getByRole("dialog", { name: "Chat with Demo site" }).getByRole("log");
    await expect.poll(() => again.textContent()).toContain("Hello while you were busy");
    expect(await again.textContent()).toContain("sending…");
    await expect.poll(() => sw.refusedAt.length).toBeGreaterThan(before);

    sw.refuse = false;
    await expect.poll(() => stored(page, h), { timeout: 10_000 }).toBeNull();
    await expect.poll(async () => count(await again.textContent(), "sending…")).toBe(0);
    expect(await copies(page, h, "Hello while you were busy")).toBe(1);
    await page.reload();
    const third = page.getByRole("dialog", { name: "Chat with Demo site" }).getByRole("log");
    await expect.poll(() => third.textContent()).toContain("Hello while you were busy");
    expect(count(await third.textContent(), "Hello while you were busy")).toBe(1);
  });

  it("keeps a message written offline across a reload and sends it once the network is back", async () => {
    const h = app();
    let traffic: Awaited<ReturnType<typeof switchedTraffic>> | undefined;
    const page = await customer(h, async (p) => {
      traffic = await switchedTraffic(p);
    });
    if (!traffic) throw new Error("no traffic switch");
    const chat = await openChat(page);

    await traffic.cut();
    await expect.poll(() => chat.getByRole("status").first().textContent()).toContain("Reconnecting…");
    await chat.getByRole("textbox", { name: "Message" }).fill("Written in a tunnel");
    await chat.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("Written in a tunnel");
    expect(await chat.getByRole("log").textContent()).toContain("sending…");
    expect(await stored(page, h)).toContain("Written in a tunnel");

    // Reload while still offline, then the network comes back: socket.io reconnects, the join goes first, then the
    // send. Exactly one copy reaches the server.
    await page.reload();
    const again = page.getByRole("dialog", { name: "Chat with Demo site" }).getByRole("log");
    await expect.poll(() => again.textContent()).toContain("Written in a tunnel");
    traffic.sw.cut = false;
    await expect.poll(() => stored(page, h), { timeout: 15_000 }).toBeNull();
    await expect.poll(async () => count(await again.textContent(), "sending…")).toBe(0);
    expect(await copies(page, h, "Written in a tunnel")).toBe(1);
    expect(count(await again.textContent(), "Written in a tunnel")).toBe(1);
  });

  it("restores well-formed items from a stored outbox and ignores the malformed ones", async () => {
    const h = app();
    const page = await customer(h);
    const saved = (id: string, text: string) => ({ clientId: id, label: text, req: { clientId: id, text } });
    // A new visitor's app loads on the first click, so storage can be prepared before it reads it.
    await page.evaluate(([key, value]: [string, string]) => localStorage.setItem(key, value), [
      `banter:${h.siteKey}:outbox`,
      JSON.stringify([
        saved("kept-1", "Restored hello"),
        null,
        5,
        "text",
        { clientId: "<b>", label: "bad id", req: { clientId: "<b>", text: "bad id" } },
        { clientId: "both", label: "both", req: { clientId: "both", text: "a", choice: "b" } },
        { clientId: "mismatch", label: "mismatch", req: { clientId: "other", text: "mismatch" } },
        { clientId: "long", label: "long", req: { clientId: "long", text: "x".repeat(2001) } },
        saved("kept-1", "Restored hello"),
      ]),
    ] as [string, string]);
    const chat = await openChat(page);
    await expect.poll(() => copies(page, h, "Restored hello")).toBe(1);
    await expect.poll(() => stored(page, h)).toBeNull();
    const sent = (await serverTranscript(page, h)).filter((m) => m.author === "visitor").map((m) => m.text);
    expect(sent).toEqual(["Restored hello"]);
    expect(count(await chat.getByRole("log").textContent(), "Restored hello")).toBe(1);

    // Not JSON at all: ignored, and the chat works.
    await page.evaluate((key) => localStorage.setItem(key, "{not json"), `banter:${h.siteKey}:outbox`);
    await page.reload();
    const again = page.getByRole("dialog", { name: "Chat with Demo site" });
    await expect.poll(() => again.getByRole("log").textContent()).toContain("Restored hello");
    await again.getByRole("textbox", { name: "Message" }).fill("Still fine");
    await again.getByRole("textbox", { name: "Message" }).press("Enter");
    await expect.poll(() => copies(page, h, "Still fine")).toBe(1);
  });

  it("refuses a message over 2,000 characters in the composer, with an alert tied to the box", async () => {
    const h = app();
    const page = await customer(h);
    const chat = await openChat(page);
    const box = chat.getByRole("textbox", { name: "Message" });

    // Nothing is cut: the whole text stays in the box for the visitor to shorten.
    await box.fill("a".repeat(2345));
    expect((await box.inputValue()).length).toBe(2345);
    const alert = chat.getByRole("alert").filter({ hasText: "Messages can be at most" });
    await expect.poll(() => alert.textContent()).toBe("Messages can be at most 2,000 characters.");
    // aria-describedby points at the alert and the count, so a screen reader reads both with the box.
    const described = await box.evaluate((el) => {
      const root = el.getRootNode() as ShadowRoot;
      return (el.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => root.getElementById(id)?.textContent)
        .join(" ");
    });
    expect(described).toBe("Messages can be at most 2,000 characters. You have 2,345.");
    expect(await box.getAttribute("aria-invalid")).toBe("true");

    await box.press("Enter");
    await chat.getByRole("button", { name: "Send" }).click();
    await new Promise((r) => setTimeout(r, 300));
    expect(await chat.getByRole("log").textContent()).not.toContain("aaaa");
    expect(await stored(page, h)).toBeNull();
    expect((await serverTranscript(page, h)).filter((m) => m.author === "visitor")).toHaveLength(0);

    // Back to the limit: the alert goes and the message is sent.
    await box.fill("b".repeat(2000));
    await expect.poll(() => alert.count()).toBe(0);
    await box.press("Enter");
    await expect.poll(() => copies(page, h, "b".repeat(2000))).toBe(1);
  });

  it("fetches a transcript longer than one page (500 messages) on join", async () => {
    const h = app();
    const page = await customer(h);
    const chat = await openChat(page);
    // The conversation is stored once the visitor writes (engine rule H3).
    await chat.getByRole("textbox", { name: "Message" }).fill("hello");
    await chat.getByRole("textbox", { name: "Message" }).press("Enter");
    await expect.poll(async () => (await serverTranscript(page, h)).length).toBeGreaterThan(2);
    const held = await serverTranscript(page, h);
    const conversationId = held[0]?.conversationId;
    if (!conversationId) throw new Error("no conversation");
    // Written straight into the store: the open page hears nothing of them.
    for (let i = 1; i <= 620; i++) {
      await h.store.appendMessage({
        conversationId,
        clientId: `bulk-${i}`,
        author: "system",
        text: `Bulk ${i}.`,
        at: 1,
      });
    }
    const lastSeq = await h.store.lastSeq(conversationId);

    await page.reload();
    const log = page.getByRole("dialog", { name: "Chat with Demo site" }).getByRole("log");
    await expect.poll(() => log.textContent(), { timeout: 15_000 }).toContain("Bulk 620.");
    expect(await log.locator(".banter-msg").count()).toBe(lastSeq);
    expect(count(await log.textContent(), "Bulk 500.")).toBe(1);
  });
});

describe("browser: widget under the server's rate limit", () => {
  const shared = sharedBrowser();
  let h: Harness;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const t = await redisTestStore();
    cleanup = t.cleanup;
    h = await startApp(t.store, { limits: { messagesPerVisitor: { limit: 2, windowMs: 4000 } } });
  });
  afterAll(async () => {
    await h?.close();
    await cleanup?.();
  });

  it("says the server's message, waits as long as it asks, then delivers everything in order", async () => {
    const host = await hostPage(customerPage(h.url.replace("127.0.0.1", "localhost"), h.siteKey));
    shared.closers.push(host.close);
    const page = await (await shared.browser().newContext()).newPage();
    await page.goto(host.url);
    await page.getByRole("button", { name: "Open chat" }).click();
    const chat = page.getByRole("dialog", { name: "Chat with Demo site" });
    const log = chat.getByRole("log");
    await expect.poll(() => log.textContent()).toContain("What brings you here today?");

    const box = chat.getByRole("textbox", { name: "Message" });
    for (const text of ["One thing", "Another thing", "A third thing"]) {
      await box.fill(text);
      await box.press("Enter");
    }
    const alert = chat.getByRole("alert").filter({ hasText: "too fast" });
    await expect.poll(() => alert.textContent()).toMatch(/^You're sending messages too fast; try again in \d s\.$/);
    expect(await log.textContent()).toContain("sending…");

    await expect.poll(async () => count(await log.textContent(), "sending…"), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => alert.count()).toBe(0);
    const token = await page.evaluate((key) => localStorage.getItem(key), `banter:${h.siteKey}:visitor`);
    const visitorId = token ? verifyVisitor("test-secret", token) : null;
    const id = visitorId ? await h.store.findVisitorConversation(h.siteKey, visitorId) : null;
    if (!id) throw new Error("no conversation");
    const sent = (await h.store.listMessages(id, 0)).filter((m) => m.author === "visitor").map((m) => m.text);
    expect(sent).toEqual(["One thing", "Another thing", "A third thing"]);
  });
});
