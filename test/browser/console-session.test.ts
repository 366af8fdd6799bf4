// "Your session has ended" is news only to someone who was signed in: a first visit shows the plain sign-in form;
// a session that ends under a signed-in console (here its cookie is gone, and the next call answers 401) brings
// the form back with the message.
import { describe, expect, it } from "vitest";
import { appOnRedis } from "../support/app.ts";
import { consoleLogin, sharedBrowser } from "../support/browser.ts";

const ended = "Your session has ended. Please log in again.";

describe("browser: the console's session", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  it("a first visit shows the sign-in form without a message; an ended session says so", {
    timeout: 60_000,
  }, async () => {
    const context = await shared.browser().newContext();
    const page = await context.newPage();
    await page.goto(`${app().url}/console`);
    const form = page.getByRole("form", { name: "Log in to Banter" });
    await expect.poll(() => form.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole("alert").filter({ hasText: ended }).count()).toBe(0);

    await consoleLogin(page, app().url);
    const nav = page.getByRole("navigation", { name: "Console" });
    await expect.poll(() => nav.isVisible(), { timeout: 15_000 }).toBe(true);
    await context.clearCookies();
    // By address, not the nav: a call the console was still making (the Chats page loading) may already have
    // found the session gone and put the form back, which is the same ending.
    await page.evaluate(() => {
      location.hash = "#/team";
    });
    await expect.poll(() => page.getByRole("alert").filter({ hasText: ended }).count(), { timeout: 15_000 }).toBe(1);
    expect(await form.isVisible()).toBe(true);
    await context.close();
  });
});
