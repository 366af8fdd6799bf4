// Waiting for a rep in the visitor's widget, in real Chromium against the real server: the place in line from
// queue:updated, how it moves when a rep takes the lead ahead, and the page's time zone on the lead card. The owner,
// as a rep on a socket, is online (so the leads are queued and ring, rather than falling back at once) but accepts
// nothing until both visitors wait; then takes the first by id. And the line's return when the rep leaves.
import type { Locator, Page, WebSocket } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { QueueState } from "../../shared/protocol/index.ts";
import { appOnRedis, connected, type Harness, ok, startApp } from "../support/app.ts";
import { openChat, qualifyInWidget, sharedBrowser } from "../support/browser.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The sentence the widget should show for a queue state, written out here as the spec (docs/widget.md).
function expectedLine(q: QueueState): string {
  const place = q.position === 1 ? "You're next in line" : `You're number ${q.position} in line`;
  if (q.estimateMs === null) return place;
  const minutes = Math.round(q.estimateMs / 60_000);
  const wait =
    q.estimateMs < 60_000 ? "less than a minute" : minutes === 1 ? "about 1 minute" : `about ${minutes} minutes`;
  return `${place}, ${wait} to wait`;
}

// A socket.io event frame on the visitor namespace: `42/visitor,[ack id]["event", payload]`.
function eventOf(payload: string | Buffer): { name: string; data: unknown } | null {
  const m = /^42(?:\/visitor,)?\d*(\[.*)$/s.exec(payload.toString());
  if (!m?.[1]) return null;
  try {
    const [name, data] = JSON.parse(m[1]) as [string, unknown];
    return { name, data };
  } catch {
    return null;
  }
}

// Records what one page's widget sent and received over its websocket, from before the page loads.
function wiretap(page: Page) {
  const sent: { name: string; data: unknown }[] = [];
  const received: { name: string; data: unknown }[] = [];
  page.on("websocket", (ws: WebSocket) => {
    ws.on("framesent", (f) => {
      const e = eventOf(f.payload);
      if (e) sent.push(e);
    });
    ws.on("framereceived", (f) => {
      const e = eventOf(f.payload);
      if (e) received.push(e);
    });
  });
  return { sent, received };
}

describe("browser: widget queue", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  // A visitor in a browser of their own, in the given time zone, who answers like a hot lead by buttons.
  async function hotVisitor(h: Harness, url: string, email: string, timezoneId: string) {
    const page = await (await shared.browser().newContext({ timezoneId })).newPage();
    const wire = wiretap(page);
    await page.goto(url);
    const chat = await openChat(page);
    await qualifyInWidget(chat, email);
    // The place in line is the widget's only status line that mentions the line.
    const line: Locator = chat.getByRole("status").filter({ hasText: /in line/ });
    // Its text now, "" when it is empty (a locator's textContent would wait for it to appear).
    const lineText = async () => (await line.allTextContents()).join("");
    // The widget's read mark names its conversation: the test's way to the id without asking the server.
    const conversationId = async (): Promise<string> => {
      const raw = await page.evaluate((k) => localStorage.getItem(k), `banter:${h.siteKey}:read`);
      const id = (JSON.parse(raw ?? "{}") as { conversationId?: string }).conversationId;
      if (!id) throw new Error("the widget holds no conversation");
      return id;
    };
    const lastQueue = () =>
      wire.received
        .filter((e) => e.name === "queue:updated")
        .map((e) => e.data as QueueState)
        .at(-1);
    const expected = () => {
      const q = lastQueue();
      return q ? expectedLine(q) : null;
    };
    return { page, chat, log: chat.getByRole("log"), line, lineText, wire, conversationId, lastQueue, expected };
  }

  it("tells each waiting visitor their place, and moves the second up when a rep takes the first", async () => {
    const h = app();
    const url = await shared.host(h);
    const { token } = await h.login();
    const rep = h.rep(token);
    await connected(rep);
    await ok(rep.emitWithAck("presence:set", { status: "available" }));
    // The console's heartbeat: without it the rep would count as offline after 30 s.
    const beat = setInterval(() => void rep.emitWithAck("presence:heartbeat", {}).catch(() => {}), 5000);
    rep.on("disconnect", () => clearInterval(beat));

    const first = await hotVisitor(h, url, "first@acme.io", "America/Sao_Paulo");
    await expect.poll(first.lineText, { timeout: 15_000 }).toMatch(/^You're next in line/);
    const second = await hotVisitor(h, url, "second@acme.io", "Asia/Kolkata");
    await expect.poll(second.lineText, { timeout: 15_000 }).toMatch(/^You're number 2 in line/);
    expect(await first.lineText()).toMatch(/^You're next in line/);

    // What shows is what the server said last, in the documented words, in one polite, whole-sentence region.
    for (const v of [first, second]) {
      expect(v.lastQueue()?.conversationId).toBe(await v.conversationId());
      await expect.poll(async () => (await v.lineText()) === v.expected()).toBe(true);
      expect(await v.line.getAttribute("aria-live")).toBe("polite");
      expect(await v.line.getAttribute("aria-atomic")).toBe("true");
    }

    // Every join told the server the page's time zone.
    const joins = first.wire.sent.filter((e) => e.name === "conversation:join");
    expect(joins.length).toBeGreaterThan(0);
    for (const j of joins) expect((j.data as { timeZone?: string }).timeZone).toBe("America/Sao_Paulo");

    // From here on, count every change of the second visitor's line: a repeated broadcast must not rewrite it.
    await second.line.evaluate((el) => {
      const w = window as unknown as { lineChanges: string[] };
      w.lineChanges = [];
      new MutationObserver(() => w.lineChanges.push(el.textContent ?? "")).observe(el, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });

    const detail = await ok(rep.emitWithAck("offer:accept", { conversationId: await first.conversationId() }));
    // The time zone the page sent reaches the rep's lead card.
    expect(detail.lead.timeZone).toBe("America/Sao_Paulo");

    await expect.poll(second.lineText, { timeout: 15_000 }).toMatch(/^You're next in line/);
    await expect.poll(async () => (await second.lineText()) === second.expected()).toBe(true);
    // The first visitor has a rep now: their line is gone (the region stays, empty).
    await expect.poll(() => first.log.textContent()).toContain("joined the chat");
    await expect.poll(() => first.line.count()).toBe(0);

    // Let any late broadcasts land: each change the line made said something new.
    await sleep(1000);
    const changes = await second.page.evaluate(() => (window as unknown as { lineChanges: string[] }).lineChanges);
    expect(changes.length).toBeGreaterThan(0);
    for (let i = 1; i < changes.length; i++) expect(changes[i]).not.toBe(changes[i - 1]);
  }, 120_000);

  it("shows the place in line again when the rep leaves and the chat is queued once more", async () => {
    // Its own app with short-lived console tabs, so a rep whose tab goes quiet is offline within a second.
    const quick = await startApp(app().store, { tabTtlMs: 400, ...(app().redis ? { redis: app().redis } : {}) });
    const beats: ReturnType<typeof setInterval>[] = [];
    try {
      const repNamed = async (name: string) => {
        const email = `${name.toLowerCase()}@quick.local`;
        await quick.addRep(email, name);
        const socket = quick.rep((await quick.login(email)).token);
        await connected(socket);
        await ok(socket.emitWithAck("presence:set", { status: "available" }));
        // The console's heartbeat, every 100 ms here, until the tab "closes".
        const beat = setInterval(() => void socket.emitWithAck("presence:heartbeat", {}).catch(() => {}), 100);
        beats.push(beat);
        socket.on("disconnect", () => clearInterval(beat));
        return socket;
      };
      const ann = await repNamed("Ann");
      // Bob is online too but takes nothing: without him the lead would fall back to a callback, not queue.
      await repNamed("Bob");

      const v = await hotVisitor(quick, await shared.host(quick), "back@acme.io", "Europe/Lisbon");
      await expect.poll(v.lineText, { timeout: 15_000 }).toMatch(/^You're next in line/);
      await ok(ann.emitWithAck("offer:accept", { conversationId: await v.conversationId() }));
      await expect.poll(() => v.log.textContent()).toContain("Ann joined the chat.");
      await expect.poll(() => v.line.count()).toBe(0);

      ann.disconnect();
      await expect
        .poll(() => v.log.textContent(), { timeout: 10_000 })
        .toContain("Ann left the chat. Connecting you to another rep.");
      await expect.poll(v.lineText, { timeout: 10_000 }).toMatch(/^You're next in line/);
      await expect.poll(async () => (await v.lineText()) === v.expected()).toBe(true);
      expect(await v.chat.textContent()).not.toContain("You are chatting with Ann");
    } finally {
      for (const b of beats) clearInterval(b);
      await quick.close();
    }
  }, 120_000);
});
