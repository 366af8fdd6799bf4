// Email in real Chromium, with no SMTP configured: a visitor on a customer page (another origin) asks for their
// transcript at the end of a chat, gives an email when the chat knows none, and is told honestly that nothing was
// sent; the owner finds it kept on the Email page, titled so, and reads it as text.
import { describe, expect, it } from "vitest";
import { appOnRedis } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, openChat, openFromNav, sharedBrowser } from "../support/browser.ts";

describe("browser: email", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  it("the widget's transcript request, then the Email page (not sent: no SMTP configured)", {
    timeout: 60_000,
  }, async () => {
    const h = app();
    const page = await (await shared.browser().newContext()).newPage();
    await page.goto(await shared.host(h));
    const chat = await openChat(page);
    const box = chat.getByRole("textbox", { name: "Message" });
    await box.fill("<img src=x onerror=alert(1)> call me maybe");
    await box.press("Enter");
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("call me maybe");
    await chat.getByRole("button", { name: "End chat" }).click();
    await chat.getByRole("button", { name: "Email me this transcript" }).click();
    // The chat knows no email: the control asks for one.
    const email = chat.getByRole("textbox", { name: "Your email" });
    await email.fill("visitor@example.com");
    await expectAccessible(page, "the ended chat asking for an email");
    await chat.getByRole("button", { name: "Send transcript" }).click();
    await expect.poll(() => chat.getByRole("status").filter({ hasText: "nothing was sent" }).count()).toBe(1);
    expect(await chat.textContent()).toContain("Email isn't set up here, so nothing was sent.");

    const owner = await (await shared.browser().newContext()).newPage();
    const dialogs: string[] = [];
    owner.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await consoleLogin(owner, h.url);
    await openFromNav(owner, "Email");
    const heading = owner.getByRole("heading", { name: "Email (not sent: no SMTP configured)", level: 1 });
    await expect.poll(() => heading.count()).toBe(1);
    const row = owner.getByRole("row", { name: /visitor@example\.com/ });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain("Chat transcript");
    expect(await row.textContent()).toContain("Not sent: no SMTP configured");
    await expectAccessible(owner, "the Email page, no SMTP");

    await row.getByRole("link", { name: /^Your chat with Demo site/ }).click();
    await expect.poll(() => owner.locator("pre.email-text").count()).toBe(1);
    const text = (await owner.locator("pre.email-text").textContent()) ?? "";
    expect(text).toContain("You (");
    expect(text).toContain("<img src=x onerror=alert(1)> call me maybe");
    expect(await owner.locator("pre.email-text img").count()).toBe(0);
    expect(dialogs).toEqual([]);
    await expectAccessible(owner, "one email, no SMTP");
  });
});
