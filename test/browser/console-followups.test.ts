// The follow-up queue in real Chromium: a visitor on a customer's page (another origin, in Paris) leaves a
// callback with nobody online; a rep in New York finds it under Follow-ups, overdue or due, with the time the
// visitor asked for in both zones, and marks it done in one click. Axe clean at 1366x768 and 390x844.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appOnRedis } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, openChat, qualifyInWidget, sharedBrowser } from "../support/browser.ts";

const shots = process.env.SCREENSHOTS_DIR;
// With SCREENSHOTS_DIR set, pictures of what a person would see, for a reviewer to look at.
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
};

// How many rows the console's nav takes: the distinct tops of its links.
const navRows = (page: Page) =>
  page.evaluate(
    () => new Set([...document.querySelectorAll(".console-nav li")].map((li) => (li as HTMLElement).offsetTop)).size,
  );

describe("browser: console follow-ups", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  it("a callback left in the widget is in the rep's Follow-ups, in both zones, and done in one click", async () => {
    const h = app();
    const visitor = await (await shared.browser().newContext({ timezoneId: "Europe/Paris" })).newPage();
    await visitor.goto(await shared.host(h));
    const chat = await openChat(visitor);
    await qualifyInWidget(chat, "ana@acme.io");
    const log = chat.getByRole("log");
    await expect.poll(() => log.textContent(), { timeout: 10_000 }).toContain("Nobody from the team is online");
    const box = chat.getByRole("textbox", { name: "Message" });
    await box.fill("+33 6 12 34 56 78, tomorrow at 10");
    await box.press("Enter");
    await expect.poll(() => log.textContent()).toContain("A rep will call you");

    // An item already past due beside it (written to the store: a real one would need an hour's wait).
    const conversationId = (await h.store.listConversations(h.siteKey, 1))[0]?.id as string;
    await h.store.openFollowUp({
      id: `fu_${conversationId}_hot-uncontacted`,
      siteKey: h.siteKey,
      conversationId,
      kind: "hot-uncontacted",
      dueAt: Date.now() - 3600_000,
      state: "open",
      createdAt: Date.now() - 7200_000,
      rev: 0,
    });

    await h.addRep("ann@test.local", "Ann");
    const context = await shared.browser().newContext({
      timezoneId: "America/New_York",
      viewport: { width: 1366, height: 768 },
    });
    const page = await context.newPage();
    await consoleLogin(page, h.url, "ann@test.local");
    const nav = page.getByRole("navigation", { name: "Console" });
    await nav.getByRole("link", { name: "Follow-ups" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Follow-ups", level: 1 }).count()).toBe(1);
    const row = page.getByRole("listitem").filter({ hasText: "Callback" });
    await expect.poll(() => row.count()).toBe(1);
    const text = (await row.textContent()) ?? "";
    expect(text).toContain("ana@acme.io");
    expect(text).toContain("10:00 their time (Europe/Paris)");
    expect(text).toContain("04:00 yours");
    expect(text).toContain("asked for “tomorrow at 10”");
    expect(await row.getByRole("link", { name: /^Call/ }).getAttribute("href")).toBe("tel:+33612345678");
    // Overdue stands out in words, not colour alone, under its own heading.
    const overdue = page.getByRole("region", { name: /^Overdue/ }).getByRole("listitem");
    await expect.poll(() => overdue.first().textContent()).toContain("OverdueHot lead not contacted");
    expect(await row.getByRole("link", { name: /^Email/ }).getAttribute("href")).toBe("mailto:ana@acme.io");
    await expectAccessible(page, "follow-ups, 1366x768");
    await shot(page, "followups-1366");

    // The snooze menu opens by keyboard and is labelled.
    await row.getByRole("button", { name: /^Snooze/ }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("list", { name: "Snooze until" }).count()).toBe(1);
    await expectAccessible(page, "follow-ups, snooze menu open");
    await shot(page, "followups-snooze-1366");
    await page.keyboard.press("Enter");

    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "followups-390");
    // What sticks out past the screen's edge, if anything: the page itself must not scroll sideways.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > 391)
        .map((e) => `${e.tagName}.${e.className}`)
        .slice(0, 8),
    );
    expect(wide).toEqual([]);
    await expectAccessible(page, "follow-ups, 390x844");

    await page.setViewportSize({ width: 1366, height: 768 });
    await row.getByRole("button", { name: /^Done/ }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Done: Callback" }).count()).toBe(1);
    await expect.poll(() => row.count()).toBe(0);
    const [item] = await h.store.listConversationFollowUps(conversationId);
    expect(item).toMatchObject({ kind: "callback", state: "done" });

    // The lead's page: the rep takes the unowned lead, then marks it lost with the reason lost needs.
    await page.goto(`${h.url}/console#/inbox/${encodeURIComponent(item?.conversationId ?? "")}`);
    const panel = page.getByRole("region", { name: "Owner and status" });
    await panel.getByRole("button", { name: "Take this lead" }).click();
    await expect.poll(() => panel.textContent()).toContain("Owner: Ann");
    await panel.getByLabel("Status").selectOption("lost");
    await panel.getByLabel("Reason").fill("Went with a competitor");
    await panel.getByRole("button", { name: "Save status" }).click();
    await expect
      .poll(() => panel.getByRole("listitem").allTextContents())
      .toEqual([expect.stringContaining("Lost (Went with a competitor)")]);
    await expectAccessible(page, "lead owner and status");
    await shot(page, "lead-status-1366");

    // The owner's nav, with every page, at 1366 wide: how many rows it takes (reported, and not more than before
    // plus the one entry could make).
    const owner = await (await shared.browser().newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await consoleLogin(owner, h.url);
    await expect.poll(() => owner.getByRole("navigation", { name: "Console" }).count()).toBe(1);
    await shot(owner, "owner-nav-1366");
    expect(await navRows(owner)).toBeLessThanOrEqual(2);
  });
});
