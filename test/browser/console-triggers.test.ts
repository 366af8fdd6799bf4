// Proactive messages in the console, in real Chromium: the owner adds one with real controls (pages, time on the
// page, a quick reply, a playbook question to start at), sees a refusal by its field, switches it off and on, and
// deletes it; every state is accessible, and what the list shows is what the server stored.
import { describe, expect, it } from "vitest";
import { appOnRedis } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, sharedBrowser } from "../support/browser.ts";

describe("browser: console proactive messages", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  it("add, refuse by field, switch off, edit and delete a proactive message", { timeout: 60_000 }, async () => {
    const h = app();
    const page = await (await shared.browser().newContext()).newPage();
    page.on("dialog", (d) => void d.accept());
    await consoleLogin(page, h.url);
    await page.getByRole("navigation", { name: "Console" }).waitFor();
    await page.goto(`${h.url}/console#/sites/${h.siteKey}`);
    const section = page.getByRole("region", { name: "Proactive messages" });
    await section.getByText("No proactive messages yet.").waitFor();

    await section.getByRole("button", { name: "Add a proactive message" }).click();
    const form = page.getByRole("form", { name: "New proactive message" });
    await form.getByLabel("Name (for you)").fill("Pricing page, 30 s");
    await form.getByLabel("On some pages only").check();
    await form.getByLabel("Page addresses").fill("/pricing*");
    await form.getByLabel("After time on the page").check();
    await form.getByLabel("Seconds on the page").fill("30");
    await form.getByLabel("Quick reply 1 (optional)").fill("Which plan fits me?");
    await form.getByLabel("Clicking the message starts the chat at").selectOption("budget");
    // No message yet: refused by the server, the error by its field, focus on it.
    await form.getByRole("button", { name: "Save message" }).click();
    const message = form.getByLabel("Message", { exact: true });
    await expect.poll(() => message.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
    await expectAccessible(page, "the proactive message form with an error");
    expect((await h.store.getSite(h.siteKey))?.triggers ?? []).toEqual([]);

    await message.fill("Comparing plans? I can help.");
    await form.getByRole("button", { name: "Save message" }).click();
    await section.getByText("Saved. Visitors see it from their next page view.").waitFor();
    const [stored] = (await h.store.getSite(h.siteKey))?.triggers ?? [];
    expect(stored).toMatchObject({
      name: "Pricing page, 30 s",
      enabled: true,
      when: { urls: ["/pricing*"], secondsOnPage: 30 },
      message: "Comparing plans? I can help.",
      quickReplies: ["Which plan fits me?"],
      startAt: "budget",
    });
    expect(await section.getByRole("listitem").textContent()).toContain("On /pricing*, after 30 s on the page");
    await expectAccessible(page, "the proactive messages list");

    const toggle = section.getByRole("switch", { name: "Show “Pricing page, 30 s”" });
    expect(await toggle.getAttribute("aria-checked")).toBe("true");
    await toggle.click();
    await expect.poll(() => toggle.getAttribute("aria-checked")).toBe("false");
    expect((await h.store.getSite(h.siteKey))?.triggers?.[0]?.enabled).toBe(false);

    await section.getByRole("button", { name: "Edit Pricing page, 30 s" }).click();
    const edit = page.getByRole("form", { name: "Edit “Pricing page, 30 s”" });
    await edit.getByLabel("Returning visitors only").check();
    await edit.getByRole("button", { name: "Save message" }).click();
    await section.getByText("Saved. Visitors see it from their next page view.").waitFor();
    const edited = (await h.store.getSite(h.siteKey))?.triggers?.[0];
    expect(edited).toMatchObject({ id: stored?.id, when: { returning: true } });

    await section.getByRole("button", { name: "Delete Pricing page, 30 s" }).click();
    await section.getByText("No proactive messages yet.").waitFor();
    expect((await h.store.getSite(h.siteKey))?.triggers).toEqual([]);
  });
});
