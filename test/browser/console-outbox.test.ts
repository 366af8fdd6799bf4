// The rep's unacknowledged sends survive a reload: kept in localStorage, shown again as pending, resent once the
// console is back online, and stored exactly once (the server deduplicates by clientId). The rep works in real
// Chromium; the visitor is a socket.io client; the console's socket traffic is cut by routing it in the page.
import type { Page, WebSocketRoute } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Message } from "../../shared/protocol/index.ts";
import { appOnRedis, connected, ok, onMessage, ownerOnline, qualifyHot, type VisitorClient } from "../support/app.ts";
import { consoleLogin, sharedBrowser } from "../support/browser.ts";

const outboxKey = "banter:console:outbox";

describe("browser: console outbox", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();
  const _closers = shared.closers;

  // A hot lead waiting for a rep, and every message the visitor's socket hears.
  async function hotVisitor(email: string): Promise<{ v: VisitorClient; visitorToken: string; heard: Message[] }> {
    await ownerOnline(app());
    const v = app().visitor();
    await connected(v);
    const { visitorToken } = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const heard: Message[] = [];
    onMessage(v, (m) => heard.push(m));
    await qualifyHot(v, email);
    return { v, visitorToken, heard };
  }

  // The console's socket.io connections run through the test: `toServer` and `toPage` pick the frames that pass
  // (socket.io frames are text such as `42/rep,["message:send",{...}]`); `cut` passes none, so a new connection
  // never completes its handshake; `drop()` ends the open connections, as a network blip would.
  async function switchedTraffic(page: Page) {
    type Frame = string | Buffer;
    const sw = { cut: false, toServer: (_f: Frame) => true, toPage: (_f: Frame) => true };
    const open: { page: WebSocketRoute; server: WebSocketRoute }[] = [];
    // Requests that reached the server, by socket.io ack id.
    const asked = new Map<string, string>();
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => {
        if (sw.cut || !sw.toServer(m)) return;
        const [, ack, event] = /^42\/rep,(\d+)\["([^"]+)"/.exec(String(m)) ?? [];
        if (ack && event) asked.set(ack, event);
        server.send(m);
      });
      server.onMessage((m) => {
        if (sw.cut || !sw.toPage(m)) return;
        ws.send(m);
      });
      open.push({ page: ws, server });
    });
    return {
      sw,
      // The request a server frame answers, if it is an answer.
      answerTo: (frame: Frame) => asked.get(/^43\/rep,(\d+)\[/.exec(String(frame))?.[1] ?? ""),
      async drop() {
        for (const c of open.splice(0)) {
          await c.server.close();
          await c.page.close();
        }
      },
    };
  }

  async function repAccepts(page: Page, email: string) {
    await consoleLogin(page, app().url);
    const card = page.getByRole("region", { name: "Offers" }).getByRole("article").filter({ hasText: email });
    await card.getByRole("button", { name: "Accept" }).click();
    const pane = page.getByRole("region", { name: `Conversation with ${email}` });
    await expect.poll(() => pane.getByRole("log", { name: "Conversation" }).textContent()).toContain(email);
    return pane;
  }

  const stored = (page: Page) => page.evaluate((key) => localStorage.getItem(key), outboxKey);
  const count = (text: string | null, part: string) => (text ?? "").split(part).length - 1;

  it("sends written while offline after a reload, exactly once", async () => {
    const { v, visitorToken, heard } = await hotVisitor("off@big.co");
    const page = await (await shared.browser().newContext()).newPage();
    const traffic = await switchedTraffic(page);
    const pane = await repAccepts(page, "off@big.co");

    traffic.sw.cut = true;
    await traffic.drop();
    await expect.poll(() => page.getByRole("banner").textContent()).toContain("Reconnecting…");
    const box = pane.getByRole("textbox", { name: "Message" });
    await box.fill("Written on a train");
    await box.press("Enter");
    const log = pane.getByRole("log", { name: "Conversation" });
    await expect.poll(() => log.textContent()).toContain("Written on a train");
    expect(await log.textContent()).toContain("sending…");
    expect(await stored(page)).toContain("Written on a train");

    // Reload: memory is gone, storage is not. The console is online again, but its sends are held for now, so the
    // restored message can be seen waiting.
    traffic.sw.cut = false;
    traffic.sw.toServer = (frame) => !String(frame).includes('"message:send"');
    await page.reload();
    await page
      .getByRole("region", { name: "Conversations" })
      .getByRole("button", { name: /off@big\.co/ })
      .click();
    const restored = page.getByRole("region", { name: "Conversation with off@big.co" }).getByRole("log");
    await expect.poll(() => restored.textContent()).toContain("Written on a train");
    expect(await restored.textContent()).toContain("sending…");
    expect(heard.filter((m) => m.text === "Written on a train")).toHaveLength(0);

    // The network blips and comes back: the console resends at once, and the visitor gets it once.
    traffic.sw.toServer = () => true;
    await traffic.drop();
    await expect.poll(() => heard.filter((m) => m.text === "Written on a train").length, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => stored(page)).toBeNull();

    // The console shows it once, stored; the visitor's transcript holds it once.
    await expect.poll(async () => count(await restored.textContent(), "sending…")).toBe(0);
    expect(count(await restored.textContent(), "Written on a train")).toBe(1);
    const transcript = await ok(v.emitWithAck("conversation:join", { visitorToken, lastSeq: 0 }));
    expect(transcript.messages.filter((m) => m.text === "Written on a train")).toHaveLength(1);
  });

  it("resends a message whose ack was lost, and the server keeps one copy", async () => {
    const { heard } = await hotVisitor("ack@big.co");
    const page = await (await shared.browser().newContext()).newPage();
    const traffic = await switchedTraffic(page);
    const pane = await repAccepts(page, "ack@big.co");

    // The server stores it and tells the visitor, but the console never hears back.
    traffic.sw.toPage = () => false;
    const box = pane.getByRole("textbox", { name: "Message" });
    await box.fill("Did this arrive?");
    await box.press("Enter");
    await expect.poll(() => heard.filter((m) => m.text === "Did this arrive?").length).toBe(1);
    expect(await pane.getByRole("log").textContent()).toContain("sending…");
    expect(await stored(page)).toContain("Did this arrive?");

    traffic.sw.toPage = () => true;
    await page.reload();
    await expect.poll(() => stored(page), { timeout: 15_000 }).toBeNull();
    await page
      .getByRole("region", { name: "Conversations" })
      .getByRole("button", { name: /ack@big\.co/ })
      .click();
    const log = page.getByRole("region", { name: "Conversation with ack@big.co" }).getByRole("log");
    await expect.poll(() => log.textContent()).toContain("Did this arrive?");
    await expect.poll(async () => count(await log.textContent(), "sending…")).toBe(0);
    expect(count(await log.textContent(), "Did this arrive?")).toBe(1);
    // No second broadcast: the resend was deduplicated.
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.filter((m) => m.text === "Did this arrive?")).toHaveLength(1);
  });

  it("shows a refused send as not sent, keeps it out of storage, and Retry asks again", async () => {
    const { v } = await hotVisitor("gone@big.co");
    const page = await (await shared.browser().newContext()).newPage();
    const traffic = await switchedTraffic(page);
    // Read receipts stay home too: the answer to one that crosses the visitor's close would tell the console it
    // ended (and disable the box) before the send this test is about.
    traffic.sw.toServer = (frame) => !/"conversation:read"/.test(String(frame));
    const pane = await repAccepts(page, "gone@big.co");

    // The visitor leaves, but the console does not hear of it: from now on it hears only the answers to its sends,
    // so its send meets a closed conversation (CLOSED).
    traffic.sw.toPage = (frame) => traffic.answerTo(frame) === "message:send";
    await ok(v.emitWithAck("conversation:close", {}));
    const box = pane.getByRole("textbox", { name: "Message" });
    await box.fill("Still there?");
    await box.press("Enter");
    const log = pane.getByRole("log", { name: "Conversation" });
    await expect.poll(() => log.textContent()).toContain("not sent");
    expect(await page.getByRole("alert").filter({ hasText: "Message not sent" }).count()).toBe(1);
    expect(await stored(page)).toBeNull();

    // Retry is refused the same way, and still leaves nothing behind.
    await pane.getByRole("button", { name: "Retry unsent message" }).click();
    await expect.poll(() => log.textContent()).toContain("not sent");
    expect(await page.getByRole("alert").filter({ hasText: "Message not sent" }).count()).toBe(1);
    expect(await stored(page)).toBeNull();
  });

  it("retries a rate-limited send by itself, keeps it pending, and delivers everything in order", async () => {
    const { heard } = await hotVisitor("fast@big.co");
    const page = await (await shared.browser().newContext()).newPage();
    const pane = await repAccepts(page, "fast@big.co");
    const box = pane.getByRole("textbox", { name: "Message" });
    // A rep may send 30 messages in 10 s (server/limits.ts); the rest wait for the server's retryAfterMs.
    const texts = Array.from({ length: 33 }, (_, i) => `Line ${i + 1}`);
    for (const text of texts) {
      await box.fill(text);
      await box.press("Enter");
    }
    const log = pane.getByRole("log", { name: "Conversation" });
    await expect.poll(() => heard.filter((m) => m.author === "rep").length).toBe(30);
    expect(await log.textContent()).toContain("sending…");
    expect(await log.textContent()).not.toContain("not sent");
    expect(await stored(page)).toContain("Line 33");

    await expect.poll(() => heard.filter((m) => m.author === "rep").length, { timeout: 20_000 }).toBe(33);
    expect(heard.filter((m) => m.author === "rep").map((m) => m.text)).toEqual(texts);
    await expect.poll(async () => count(await log.textContent(), "sending…")).toBe(0);
    expect(await stored(page)).toBeNull();
  });
});
