// A message's link (the site's booking page, offered while the visitor waits) in the visitor's widget, in real
// Chromium against the real server: shown under the text as a safe new-tab link only when it is http(s).
import { describe, expect, it } from "vitest";
import type { Message } from "../../shared/protocol/index.ts";
import { appOnRedis } from "../support/app.ts";
import { sharedBrowser } from "../support/browser.ts";

describe("browser: widget message links", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  it("shows a message's link under its text only for http(s), as a new-tab link named by its label", async () => {
    const h = app();
    const context = await shared.browser().newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(await shared.host(h));
    await page.getByRole("button", { name: "Open chat" }).click();
    const chat = page.getByRole("dialog", { name: "Chat with Demo site" });
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("What brings you here today?");
    // The conversation is stored once the visitor writes (engine rule H3).
    await chat.getByRole("textbox", { name: "Message" }).fill("hello");
    await chat.getByRole("textbox", { name: "Message" }).press("Enter");
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("Sorry, I didn't catch that.");
    // The widget's read mark names its conversation.
    await expect
      .poll(() => page.evaluate((k) => localStorage.getItem(k), `banter:${h.siteKey}:read`))
      .toContain("conversationId");
    const raw = await page.evaluate((k) => localStorage.getItem(k), `banter:${h.siteKey}:read`);
    const { conversationId } = JSON.parse(raw ?? "{}") as { conversationId: string };

    const links: [string, Message["link"]][] = [
      ["Pick a time that suits you.", { url: "https://cal.example.com/demo?rep=ana&src=chat", label: "Book a call" }],
      ["Or read the plain version.", { url: "http://example.com/plans", label: "See plans" }],
      ["Script.", { url: "javascript:window.__xss=1", label: "Evil script" }],
      ["Spaced script.", { url: " JavaScript:window.__xss=1", label: "Evil spaced" }],
      ["Data.", { url: "data:text/html,<script>window.__xss=1</script>", label: "Evil data" }],
      ["Relative.", { url: "/book", label: "Evil relative" }],
      ["Markup label.", { url: "https://example.com/x", label: "<img src=x onerror=window.__xss=1>Markup" }],
    ];
    for (const [i, [text, link]] of links.entries()) {
      await h.store.appendMessage({
        conversationId,
        clientId: `bot-link-${i}`,
        author: "bot",
        text,
        at: Date.now(),
        link,
      });
    }
    // No broadcast: the reload's join brings them.
    await page.reload();
    const log = page.getByRole("dialog", { name: "Chat with Demo site" }).getByRole("log");
    await expect.poll(() => log.textContent()).toContain("Markup label.");

    // Every text is there; only the http(s) ones have a link, and nothing else of the others shows.
    for (const [text] of links) expect(await log.textContent()).toContain(text);
    const anchors = log.getByRole("link");
    expect(await anchors.count()).toBe(3);
    expect(await log.textContent()).not.toContain("Evil");
    expect(await log.locator("a").count()).toBe(3);

    const book = log.getByRole("link", { name: "Book a call" });
    expect(await book.getAttribute("href")).toBe("https://cal.example.com/demo?rep=ana&src=chat");
    expect(await book.getAttribute("target")).toBe("_blank");
    expect(await book.getAttribute("rel")).toBe("noopener noreferrer");
    // Under its own message's text, and named for screen readers as opening a new tab.
    expect(await log.locator(".banter-msg").filter({ hasText: "Pick a time" }).getByRole("link").count()).toBe(1);
    expect(await book.getAttribute("aria-label")).toBeNull();
    expect(await book.textContent()).toBe("Book a call (opens in a new tab)");
    expect(await log.getByRole("link", { name: "See plans" }).getAttribute("href")).toBe("http://example.com/plans");

    // A label is text, never markup.
    const markup = log.getByRole("link", { name: /Markup/ });
    expect(await markup.textContent()).toContain("<img src=x onerror=window.__xss=1>Markup");
    expect(await markup.locator("img").count()).toBe(0);

    // Reachable by keyboard.
    await book.focus();
    expect(await book.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);

    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  }, 60_000);
});
