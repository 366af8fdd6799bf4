// Typing indicators and read receipts between a visitor (a socket.io client) and a rep in real Chromium: the
// console shows the visitor typing and tells the visitor when the rep types; opening a conversation while the page
// is visible marks it read, and unread counts follow the same mark, across a reload too.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { ConversationView, Message, Typing } from "../../shared/protocol/index.ts";
import { appOnRedis, connected, ok, onMessage, ownerOnline, qualifyHot, type VisitorClient } from "../support/app.ts";
import { consoleLogin, sharedBrowser } from "../support/browser.ts";

interface Visitor {
  v: VisitorClient;
  // Everything the visitor's socket heard, in order.
  messages: Message[];
  views: ConversationView[];
  typing: Typing[];
  lastSeq(): number;
}

describe("browser: console typing and read receipts", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();
  const _closers = shared.closers;

  async function hotVisitor(email: string): Promise<Visitor> {
    await ownerOnline(app());
    const v = app().visitor();
    await connected(v);
    const joined = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const messages = [...joined.messages];
    const views: ConversationView[] = [];
    const typing: Typing[] = [];
    onMessage(v, (m) => messages.push(m));
    v.on("conversation:updated", (c) => views.push(c));
    v.on("typing:updated", (t) => typing.push(t));
    await qualifyHot(v, email);
    return { v, messages, views, typing, lastSeq: () => Math.max(0, ...messages.map((m) => m.seq)) };
  }

  async function repLogsIn(): Promise<Page> {
    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, app().url);
    return page;
  }

  async function accept(page: Page, email: string) {
    const card = page.getByRole("region", { name: "Offers" }).getByRole("article").filter({ hasText: email });
    await card.getByRole("button", { name: "Accept" }).click();
    const pane = page.getByRole("region", { name: `Conversation with ${email}` });
    await expect.poll(() => pane.getByRole("log", { name: "Conversation" }).textContent()).toContain(email);
    return pane;
  }

  const listItem = (page: Page, email: string) =>
    page.getByRole("region", { name: "Conversations" }).getByRole("button", { name: new RegExp(email) });

  // The server drops a visitor's typing that comes faster than twice a second.
  const pause = (ms = 600) => new Promise((r) => setTimeout(r, ms));

  it("shows the visitor typing, clears it, and tells the visitor when the rep types", async () => {
    const visitor = await hotVisitor("ty@big.co");
    const page = await repLogsIn();
    const pane = await accept(page, "ty@big.co");
    const typingLine = pane.getByRole("status").filter({ hasText: "Visitor is typing…" });

    await ok(visitor.v.emitWithAck("typing:set", { typing: true }));
    await expect.poll(() => typingLine.count()).toBe(1);
    await expect.poll(() => listItem(page, "ty@big.co").textContent()).toContain("visitor is typing");
    await pause();
    await ok(visitor.v.emitWithAck("typing:set", { typing: false }));
    await expect.poll(() => typingLine.count()).toBe(0);
    expect(await listItem(page, "ty@big.co").textContent()).not.toContain("typing");

    // A message ends the typing it came from.
    await pause();
    await ok(visitor.v.emitWithAck("typing:set", { typing: true }));
    await expect.poll(() => typingLine.count()).toBe(1);
    await ok(visitor.v.emitWithAck("message:send", { clientId: "v-typed", text: "Here is my question" }));
    await expect.poll(() => pane.getByRole("log").textContent()).toContain("Here is my question");
    expect(await typingLine.count()).toBe(0);

    // The rep types: the visitor hears it; sending ends it.
    const box = pane.getByRole("textbox", { name: "Message" });
    await box.pressSequentially("Sure, ", { delay: 20 });
    await expect.poll(() => visitor.typing.some((t) => t.author === "rep" && t.typing)).toBe(true);
    await box.pressSequentially("ask away", { delay: 20 });
    await box.press("Enter");
    await expect.poll(() => visitor.typing.at(-1)).toMatchObject({ author: "rep", typing: false });
    await expect.poll(() => visitor.messages.some((m) => m.text === "Sure, ask away")).toBe(true);
    // Typing true goes out once, not per keystroke.
    expect(visitor.typing.filter((t) => t.author === "rep" && t.typing).length).toBeLessThanOrEqual(2);
  });

  it("forgets a visitor's typing after 10 s without news", { timeout: 40_000 }, async () => {
    const visitor = await hotVisitor("quiet@big.co");
    const page = await repLogsIn();
    const pane = await accept(page, "quiet@big.co");
    const typingLine = pane.getByRole("status").filter({ hasText: "Visitor is typing…" });

    await ok(visitor.v.emitWithAck("typing:set", { typing: true }));
    await expect.poll(() => typingLine.count()).toBe(1);
    const since = Date.now();
    // The visitor stops mid-word and says nothing more: no typing false ever comes.
    await expect.poll(() => typingLine.count(), { timeout: 15_000, interval: 250 }).toBe(0);
    expect(Date.now() - since).toBeGreaterThan(8_000);
  });

  it("opening a conversation marks it read up to the last seq; unread counts follow the same mark", async () => {
    const a = await hotVisitor("a@big.co");
    const b = await hotVisitor("b@big.co");
    const page = await repLogsIn();

    // Accepting opens A: the visitor hears it is read up to the last message (the rep joining).
    await accept(page, "a@big.co");
    await expect.poll(() => a.views.at(-1)?.repReadSeq).toBe(a.lastSeq());
    expect(a.lastSeq()).toBeGreaterThan(5);

    // B, opened and then left: its new message counts as unread, and is not reported read.
    await accept(page, "b@big.co");
    await expect.poll(() => b.views.at(-1)?.repReadSeq).toBe(b.lastSeq());
    await listItem(page, "a@big.co").click();
    await ok(b.v.emitWithAck("message:send", { clientId: "b-1", text: "Anyone there?" }));
    await expect.poll(() => listItem(page, "b@big.co").textContent()).toContain("1 unread");
    await pause();
    expect(b.views.at(-1)?.repReadSeq).toBe(b.lastSeq() - 1);

    // A, open and visible: its new message is read at once.
    await ok(a.v.emitWithAck("message:send", { clientId: "a-1", text: "Thanks!" }));
    await expect.poll(() => a.views.at(-1)?.repReadSeq).toBe(a.lastSeq());
    expect(await listItem(page, "a@big.co").textContent()).not.toContain("unread");

    // The mark lives on the server: after a reload B still has one unread, A none.
    await page.reload();
    await expect.poll(() => listItem(page, "b@big.co").textContent()).toContain("1 unread");
    expect(await listItem(page, "a@big.co").textContent()).not.toContain("unread");

    // While the page is hidden, an open conversation is not read.
    await listItem(page, "b@big.co").click();
    await expect.poll(() => b.views.at(-1)?.repReadSeq).toBe(b.lastSeq());
    await expect.poll(() => listItem(page, "b@big.co").textContent()).not.toContain("unread");
    await setHidden(page, true);
    await ok(b.v.emitWithAck("message:send", { clientId: "b-2", text: "Hello?" }));
    await expect.poll(() => listItem(page, "b@big.co").textContent()).toContain("1 unread");
    await pause();
    expect(b.views.at(-1)?.repReadSeq).toBe(b.lastSeq() - 1);
    await setHidden(page, false);
    await expect.poll(() => b.views.at(-1)?.repReadSeq).toBe(b.lastSeq());
    await expect.poll(() => listItem(page, "b@big.co").textContent()).not.toContain("unread");
  });
});

// Headless pages count as visible and focused; this stands in for the rep switching to another tab.
async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    Object.defineProperty(document, "visibilityState", { value: h ? "hidden" : "visible", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);
}
