// Presence in the visitor's widget, in real Chromium against the real server: the rep's typing indicator, the
// visitor's typing as the rep hears it, read receipts, and the launcher's unread badge across two tabs of a returning
// visitor whose chat app loaded in the background. The rep is a socket.io client.
import type { BrowserContext, Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Message, Typing } from "../../shared/protocol/index.ts";
import { appOnRedis, ok, onMessage, ownerOnline, type RepClient } from "../support/app.ts";
import { openChat, qualifyInWidget, sharedBrowser } from "../support/browser.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("browser: widget presence", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();
  const _closers = shared.closers;

  // Opens the chat and answers like a hot lead, by buttons: the conversation ends queued for a rep.
  async function qualifiedVisitor(page: Page, email: string): Promise<Locator> {
    const chat = await openChat(page);
    await qualifyInWidget(chat, email);
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("connecting you with a rep");
    return chat;
  }

  // The owner, as a rep on a socket, accepts the lead with this email.
  async function repAccepts(rep: RepClient, email: string): Promise<{ rep: RepClient; conversationId: string }> {
    let conversationId: string | undefined;
    await expect
      .poll(async () => {
        const inbox = await ok(rep.emitWithAck("inbox:get", {}));
        conversationId = inbox.offers.find((o) => o.email === email)?.conversationId;
        return conversationId;
      })
      .toBeTruthy();
    if (!conversationId) throw new Error("no offer");
    await ok(rep.emitWithAck("offer:accept", { conversationId }));
    return { rep, conversationId };
  }

  const repSays = (rep: RepClient, conversationId: string, text: string) =>
    ok(
      rep.emitWithAck("message:send", { conversationId, clientId: `rep-${Math.random().toString(36).slice(2)}`, text }),
    );

  it("shows the rep typing outside the log, and hides it on stop, on their message, and after 10 s", async () => {
    const h = app();
    const page = await (await shared.browser().newContext()).newPage();
    await page.goto(await shared.host(h));
    const online = await ownerOnline(h);
    const chat = await qualifiedVisitor(page, "ty@acme.io");
    const { rep, conversationId } = await repAccepts(online, "ty@acme.io");
    const log = chat.getByRole("log");
    await expect.poll(() => log.textContent()).toContain("Owner joined the chat.");
    const typing = chat.getByRole("status").filter({ hasText: "is typing" });

    await ok(rep.emitWithAck("typing:set", { conversationId, typing: true }));
    await expect.poll(() => typing.textContent()).toBe("Owner is typing…");
    expect(await log.textContent()).not.toContain("is typing");
    await ok(rep.emitWithAck("typing:set", { conversationId, typing: false }));
    await expect.poll(() => typing.count()).toBe(0);

    await ok(rep.emitWithAck("typing:set", { conversationId, typing: true }));
    await expect.poll(() => typing.count()).toBe(1);
    await repSays(rep, conversationId, "Here is the pricing sheet.");
    await expect.poll(() => log.textContent()).toContain("Here is the pricing sheet.");
    expect(await typing.count()).toBe(0);

    // A typing:false lost on the way: the indicator goes by itself.
    await ok(rep.emitWithAck("typing:set", { conversationId, typing: true }));
    await expect.poll(() => typing.count()).toBe(1);
    await sleep(8000);
    expect(await typing.count()).toBe(1);
    await expect.poll(() => typing.count(), { timeout: 5000 }).toBe(0);
  });

  it("tells the rep while the visitor types, at most every 3 s, and stops after 4 s idle or on send", async () => {
    const h = app();
    const page = await (await shared.browser().newContext()).newPage();
    await page.goto(await shared.host(h));
    const online = await ownerOnline(h);
    const chat = await qualifiedVisitor(page, "vt@acme.io");
    const { rep } = await repAccepts(online, "vt@acme.io");
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("Owner joined the chat.");
    const heard: { at: number; typing: boolean }[] = [];
    rep.on("typing:updated", (t: Typing) => {
      if (t.author === "visitor") heard.push({ at: Date.now(), typing: t.typing });
    });

    const box = chat.getByRole("textbox", { name: "Message" });
    // When the page saw the last key (the same clock as this process's): the idle 4 s count from it, not from when
    // the test got round to reading the time (on a loaded machine a key press, or a sleep, can take a while).
    await box.evaluate((el) =>
      el.addEventListener("keydown", () => {
        (window as unknown as { lastKeyAt: number }).lastKeyAt = Date.now();
      }),
    );
    // About 4.5 s of steady typing, a key every 300 ms: true at once, once more after 3 s, never false meanwhile.
    // Timed by the clock, not by a count of keys.
    const start = Date.now();
    while (Date.now() - start < 4500) {
      await box.press("a");
      await sleep(300);
    }
    const lastKey = await box.evaluate(() => (window as unknown as { lastKeyAt: number }).lastKeyAt);
    await expect.poll(() => heard.length, { timeout: 3000 }).toBeGreaterThanOrEqual(2);
    const during = heard.filter((e) => e.at < lastKey + 1000);
    expect(during.map((e) => e.typing)).toEqual([true, true]);
    expect((during[1]?.at ?? 0) - (during[0]?.at ?? 0)).toBeGreaterThanOrEqual(2900);
    await expect.poll(() => heard.some((e) => !e.typing), { timeout: 6000 }).toBe(true);
    const stop = heard.find((e) => !e.typing);
    expect((stop?.at ?? 0) - lastKey).toBeGreaterThanOrEqual(3500);

    // Typing again, then sending: false goes out with the send, not 4 s later.
    // (The server drops a `true` that follows any typing event within 500 ms, so wait that out first.)
    await sleep(600);
    heard.length = 0;
    await box.press("b");
    await expect.poll(() => heard.length).toBe(1);
    const sent = Date.now();
    await box.press("Enter");
    await expect.poll(() => heard.some((e) => !e.typing)).toBe(true);
    expect((heard.find((e) => !e.typing)?.at ?? 0) - sent).toBeLessThan(2000);
  });

  it("shows Read under the visitor's latest message the rep has read, and keeps it after a reload", async () => {
    const h = app();
    const page = await (await shared.browser().newContext()).newPage();
    await page.goto(await shared.host(h));
    const online = await ownerOnline(h);
    const chat = await qualifiedVisitor(page, "rr@acme.io");
    const { rep, conversationId } = await repAccepts(online, "rr@acme.io");
    const log = chat.getByRole("log");
    await expect.poll(() => log.textContent()).toContain("Owner joined the chat.");
    const fromVisitor: Message[] = [];
    onMessage(rep, (m: Message) => {
      if (m.author === "visitor") fromVisitor.push(m);
    });
    const box = chat.getByRole("textbox", { name: "Message" });
    const say = async (text: string) => {
      await box.fill(text);
      await box.press("Enter");
      await expect.poll(() => fromVisitor.find((m) => m.text === text)?.seq).toBeTruthy();
      return fromVisitor.find((m) => m.text === text)?.seq ?? 0;
    };
    const bubble = (text: string) => log.locator(".banter-msg").filter({ hasText: text });

    const first = await say("Is anyone there?");
    await say("Hello?");
    expect(await log.getByText("Read by Owner").count()).toBe(0);

    await ok(rep.emitWithAck("conversation:read", { conversationId, seq: first }));
    await expect.poll(() => bubble("Is anyone there?").textContent()).toContain("Read by Owner");
    expect(await bubble("Hello?").textContent()).not.toContain("Read");
    // Seen on screen: a small "Read"; the full sentence is for screen readers.
    expect(await bubble("Is anyone there?").getByText("Read", { exact: true }).isVisible()).toBe(true);

    const lastSeq = fromVisitor[fromVisitor.length - 1]?.seq ?? 0;
    await ok(rep.emitWithAck("conversation:read", { conversationId, seq: lastSeq }));
    await expect.poll(() => bubble("Hello?").textContent()).toContain("Read by Owner");
    expect(await log.getByText("Read by Owner").count()).toBe(1);

    await page.reload();
    const again = page.getByRole("dialog", { name: "Chat with Demo site" }).getByRole("log");
    await expect
      .poll(() => again.locator(".banter-msg").filter({ hasText: "Hello?" }).textContent())
      .toContain("Read by Owner");
  });

  it("counts unread messages on the launcher in every tab, and clears them when read in one", async () => {
    const h = app();
    const context: BrowserContext = await shared.browser().newContext();
    const url = await shared.host(h);
    const tabA = await context.newPage();
    await tabA.goto(url);
    const online = await ownerOnline(h);
    const chatA = await qualifiedVisitor(tabA, "un@acme.io");
    const { rep, conversationId } = await repAccepts(online, "un@acme.io");
    await expect.poll(() => chatA.getByRole("log").textContent()).toContain("Owner joined the chat.");
    await chatA.getByRole("button", { name: "Minimize chat" }).click();
    await expect.poll(() => tabA.getByRole("button", { name: "Open chat" }).count()).toBe(1);

    // A second tab of the returning visitor: the chat app loads in the background (panel closed) and connects.
    const tabB = await context.newPage();
    const socketB = tabB.waitForEvent("websocket");
    await tabB.goto(url);
    await socketB;
    const launcherB = tabB.getByRole("button", { name: /^Open chat/ });
    expect(await launcherB.getAttribute("aria-expanded")).toBe("false");
    expect(await tabB.getByRole("dialog").count()).toBe(0);

    await repSays(rep, conversationId, "Still with us?");
    await expect.poll(() => launcherB.getAttribute("aria-label")).toBe("Open chat, 1 unread message");
    await expect
      .poll(() => tabA.getByRole("button", { name: /^Open chat/ }).getAttribute("aria-label"))
      .toBe("Open chat, 1 unread message");
    // The badge shows the number; it is hidden from screen readers, which get it in the button's name.
    expect(await launcherB.locator(".badge").textContent()).toBe("1");
    expect(await launcherB.locator(".badge").isVisible()).toBe(true);

    await repSays(rep, conversationId, "I can call you this afternoon.");
    await expect.poll(() => launcherB.getAttribute("aria-label")).toBe("Open chat, 2 unread messages");

    // Read in tab A: tab B's badge clears through the shared read mark.
    await tabA.bringToFront();
    await tabA.getByRole("button", { name: /^Open chat/ }).click();
    await expect
      .poll(() => tabA.getByRole("dialog", { name: "Chat with Demo site" }).getByRole("log").textContent())
      .toContain("I can call you this afternoon.");
    await expect.poll(() => launcherB.getAttribute("aria-label")).toBe("Open chat");
    expect(await launcherB.locator(".badge").isVisible()).toBe(false);

    // What the visitor sends in one tab appears in the other, and is not unread there.
    const boxA = tabA.getByRole("dialog", { name: "Chat with Demo site" }).getByRole("textbox", { name: "Message" });
    await boxA.fill("Sent from tab A");
    await boxA.press("Enter");
    await launcherB.click();
    const logB = tabB.getByRole("dialog", { name: "Chat with Demo site" }).getByRole("log");
    await expect.poll(() => logB.textContent()).toContain("Sent from tab A");
    expect((await logB.textContent())?.match(/Sent from tab A/g)).toHaveLength(1);
    expect(await tabB.getByRole("button", { name: "Close chat" }).getAttribute("aria-label")).toBe("Close chat");
  });
});
