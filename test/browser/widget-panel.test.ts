// The visitor's panel as a visitor meets it, in real Chromium on a customer's page (another origin): the header
// the owner set up (display name, picture, reply time), the message box, the end of a conversation, the keyboard
// order, and the full-screen panel on a phone, which holds focus like a modal dialog.
import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Site } from "../../server/store/types.ts";
import { appOnRedis } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { sharedBrowser } from "../support/browser.ts";

// A 1x1 PNG, served for the owner's picture address (an https host the test cannot reach otherwise).
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const avatar = "https://images.acme.example/ana.png";

// How long to wait for what comes over the network (the app's first load, the bot's turn) on a busy machine.
const soon = { timeout: 10_000 };

const isFocused = (l: Locator) => l.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el);

describe("browser: the visitor's panel", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  async function visit(opts: { site?: Partial<Site>; size?: { width: number; height: number }; zone?: string } = {}) {
    const h = app();
    if (opts.site) await h.store.updateSite(h.siteKey, (s) => ({ ...s, ...opts.site }));
    const context = await shared.browser().newContext({
      viewport: opts.size ?? { width: 1366, height: 768 },
      ...(opts.zone ? { timezoneId: opts.zone } : {}),
    });
    const page = await context.newPage();
    await page.route(avatar, (route) => route.fulfill({ contentType: "image/png", body: png }));
    await page.goto(await shared.host(h));
    const launcher = page.getByRole("button", { name: /^Open chat/ });
    await launcher.click();
    const chat = page.getByRole("dialog", { name: /^Chat with/ });
    await expect.poll(() => chat.getByRole("log").textContent(), soon).toContain("What brings you here today?");
    return { h, page, chat, launcher, box: chat.getByRole("textbox", { name: "Message" }) };
  }

  it("shows the owner's display name, picture and reply time in the header, and a placeholder in the box", async () => {
    const { page, chat, box } = await visit({
      site: { displayName: "Acme Sales", avatarUrl: avatar, replyTime: "minutes" },
    });
    expect(await chat.getByRole("heading", { level: 2 }).textContent()).toBe("Acme Sales");
    expect(await chat.getAttribute("aria-label")).toBe("Chat with Acme Sales");
    const picture = chat.getByRole("img", { name: "Acme Sales" });
    expect(await picture.getAttribute("src")).toBe(avatar);
    await expect.poll(() => picture.evaluate((img) => (img as HTMLImageElement).naturalWidth), soon).toBe(1);
    expect(await chat.getByText("Usually replies in a few minutes").isVisible()).toBe(true);
    expect(await chat.textContent()).not.toContain("Demo site");
    expect(await box.getAttribute("placeholder")).toBe("Write a message…");
    await expectAccessible(page, "the chat open, with a picture and a reply time");
  });

  it("falls back to the name's first letter without a picture, or when the page cannot load it", async () => {
    const plain = await visit();
    expect(await plain.chat.getByRole("heading", { level: 2 }).textContent()).toBe("Demo site");
    expect(await plain.chat.getByRole("img").count()).toBe(0);
    expect(await plain.chat.locator(".banter-chat-avatar").textContent()).toBe("D");
    // No reply time set: no line that promises one.
    expect(await plain.chat.textContent()).not.toContain("replies");

    // An address the page cannot load (here: a host that does not resolve).
    const broken = await visit({ site: { avatarUrl: "https://images.acme.invalid/ana.png" } });
    await expect.poll(() => broken.chat.locator(".banter-chat-avatar").textContent(), soon).toBe("D");
    expect(await broken.chat.getByRole("img").count()).toBe(0);
  });

  it("outside business hours, the reply-time line says when the team is back instead", async () => {
    // Open only on the weekday three days from now (UTC), from 09:00: closed now, whatever the time.
    const day = (new Date().getUTCDay() + 3) % 7;
    const { chat } = await visit({
      site: {
        replyTime: "minutes",
        routing: { businessHours: { timeZone: "UTC", days: [{ day, open: "09:00", close: "17:00" }] } },
      },
      zone: "UTC",
    });
    const weekday = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][day];
    expect(await chat.getByText(`Back ${weekday} at 9:00 AM`).isVisible()).toBe(true);
    expect(await chat.textContent()).not.toContain("Usually replies");
  });

  it("Tab from the message box reaches the quick replies after it", async () => {
    const { page, chat, box } = await visit();
    await box.focus();
    await page.keyboard.press("Tab");
    expect(await isFocused(chat.getByRole("button", { name: "Send" }))).toBe(true);
    await page.keyboard.press("Tab");
    const replies = chat.getByRole("group", { name: "Quick replies" });
    expect(await isFocused(replies.getByRole("button").first())).toBe(true);
  });

  it("after the conversation ends, the last message stays fully in view above the ended bar", async () => {
    const { page, chat } = await visit();
    const log = chat.getByRole("log");
    // Enough of a conversation that the log scrolls.
    for (const [answer, next] of [
      ["Capture more leads from our website", "What budget"],
      ["$5k to $25k", "Who makes the buying decision?"],
      ["I do", "When do you need this in place?"],
      ["This month", "best email"],
    ] as const) {
      await chat.getByRole("button", { name: answer }).click();
      await expect.poll(() => log.textContent(), soon).toContain(next);
    }
    await chat.getByRole("button", { name: "End chat" }).click();
    const ended = chat.getByText("This conversation has ended.");
    await ended.waitFor();
    const last = log.locator(".banter-msg").last();
    await expect.poll(() => last.textContent(), soon).toContain("ended the chat");
    // Layout settles after the ended bar appears; the log keeps its newest message in view.
    await expect
      .poll(async () => {
        const [m, bar, view] = await Promise.all([last.boundingBox(), ended.boundingBox(), log.boundingBox()]);
        return Boolean(m && bar && view && m.y + m.height <= bar.y && m.y + m.height <= view.y + view.height);
      })
      .toBe(true);
    await expectAccessible(page, "the chat after it ended");
  }, 60_000);

  it("on a phone the full-screen panel keeps Tab and Shift+Tab inside, and Escape returns to the launcher", async () => {
    const { page, chat, launcher, box } = await visit({ size: { width: 390, height: 844 } });
    expect(await chat.getAttribute("aria-modal")).toBe("true");
    await expectAccessible(page, "the chat full screen at 390x844");
    const minimize = chat.getByRole("button", { name: "Minimize chat" });
    const lastReply = chat.getByRole("group", { name: "Quick replies" }).getByRole("button").last();
    // Forward from the last control wraps to the first, backward from the first to the last.
    await lastReply.focus();
    await page.keyboard.press("Tab");
    expect(await isFocused(chat.getByRole("button", { name: "End chat" }))).toBe(true);
    await page.keyboard.press("Shift+Tab");
    expect(await isFocused(lastReply)).toBe(true);
    // A whole round of Tabs never leaves the panel.
    await box.focus();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      expect(await chat.evaluate((el) => el.contains((el.getRootNode() as ShadowRoot).activeElement))).toBe(true);
    }
    await minimize.focus();
    await page.keyboard.press("Escape");
    expect(await chat.isVisible()).toBe(false);
    expect(await isFocused(launcher)).toBe(true);
  }, 60_000);

  it("on a desktop the panel is a popover beside the page: Tab moves on past it", async () => {
    const { page, chat } = await visit();
    expect(await chat.getAttribute("aria-modal")).toBeNull();
    await chat.getByRole("group", { name: "Quick replies" }).getByRole("button").last().focus();
    await page.keyboard.press("Tab");
    expect(await isFocused(page.getByRole("button", { name: "Close chat" }))).toBe(true);
  });
});
