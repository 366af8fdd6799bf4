// The rep's path end to end in real Chromium, by keyboard alone where a rep would: log in, an offer rings with
// the lead card, accept, chat, close with an outcome. axe-core checks every state on the way, and the widget
// closed and open on the customer's page.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appOnRedis, ownerEmail, ownerPassword } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { openChat, qualifyInWidget, sharedBrowser } from "../support/browser.ts";

const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute("aria-label") ?? el?.textContent?.trim() ?? "";
  });

// Presses Tab until the focused element's name matches, as a keyboard user moves through the page.
async function tabTo(page: Page, name: RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (name.test(await focusedName(page))) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

describe("browser: the rep's path", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  it("logs in, takes a ringing offer, chats and closes with an outcome, by keyboard, with no axe violations", async () => {
    const rep = await (await shared.browser().newContext()).newPage();
    await rep.goto(`${app().url}/console`);
    await rep.getByLabel("Email").waitFor();
    await expectAccessible(rep, "the login page");
    // The form is reachable and submittable by keyboard.
    await rep.getByLabel("Email").focus();
    await rep.keyboard.type(ownerEmail);
    await rep.keyboard.press("Tab");
    await rep.keyboard.type(ownerPassword);
    await rep.keyboard.press("Enter");
    const offers = rep.getByRole("region", { name: "Offers" });
    await expect.poll(() => offers.count()).toBe(1);
    await expect.poll(() => rep.getByRole("banner").textContent()).toContain("Online");
    await expectAccessible(rep, "the Chats page, empty");

    const visitor = await (await shared.browser().newContext()).newPage();
    await visitor.goto(await shared.host(app()));
    await visitor.getByRole("button", { name: /^Open chat/ }).waitFor();
    await expectAccessible(visitor, "the customer page with the widget closed");
    const chat = await openChat(visitor);
    await expectAccessible(visitor, "the widget open");
    await qualifyInWidget(chat, "keys@big.co");

    const card = offers.getByRole("article").filter({ hasText: "keys@big.co" });
    await expect.poll(() => card.count()).toBe(1);
    // The lead card explains the score before anyone accepts.
    expect(await card.textContent()).toMatch(/hot/i);
    await expectAccessible(rep, "the Chats page with an offer ringing");

    await rep.locator("body").focus();
    await tabTo(rep, /^Accept/);
    await rep.keyboard.press("Enter");
    const pane = rep.getByRole("region", {
      name: "Conversation with keys@big.co",
    });
    await expect.poll(() => pane.count()).toBe(1);
    const log = chat.getByRole("log");
    await expect.poll(() => log.textContent()).toMatch(/joined|Owner/);

    const box = pane.getByRole("textbox", { name: "Message" });
    await box.focus();
    await rep.keyboard.type("Hi, I can help with that.");
    await rep.keyboard.press("Enter");
    await expect.poll(() => log.textContent()).toContain("Hi, I can help with that.");
    await chat.getByRole("textbox", { name: "Message" }).fill("Great, thanks!");
    await chat.getByRole("textbox", { name: "Message" }).press("Enter");
    await expect.poll(() => pane.getByRole("log", { name: "Conversation" }).textContent()).toContain("Great, thanks!");
    await expectAccessible(rep, "the Chats page with a live chat");
    await expectAccessible(visitor, "the widget in a live chat");

    await tabTo(rep, /^Close conversation$/);
    await rep.keyboard.press("Enter");
    const dialog = rep.getByRole("dialog", { name: "Close conversation" });
    await expect.poll(() => dialog.count()).toBe(1);
    await expectAccessible(rep, "the close dialog");
    await dialog.getByRole("radio", { name: "Meeting booked" }).focus();
    await rep.keyboard.press("Space");
    await rep.keyboard.press("Tab");
    await rep.keyboard.press("Enter");
    await expect.poll(() => dialog.count()).toBe(0);
    await expect
      .poll(() => pane.getByRole("status").filter({ hasText: "This conversation is closed." }).textContent())
      .toContain("Outcome: Meeting booked.");
    const stored = await app().store.listConversations(app().siteKey, 10);
    expect(stored.find((c) => c.status === "closed")?.outcome).toBe("meeting-booked");
  });
});
