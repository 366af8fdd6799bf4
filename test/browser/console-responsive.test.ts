// The console on a laptop (1366x768) and on a phone (390x844): every page as the owner, the desk as a rep, the
// login and the invite page. At both sizes nothing scrolls sideways (the document, nor main, which scrolls the
// pages) and axe finds nothing; on the laptop the header's top-level items share one row; on the phone the pages
// are behind a Menu button that opens and closes by keyboard.
import type { BrowserContextOptions, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { call, makeKey } from "../support/api.ts";
import { appOnRedis, connected, ok, qualifyHot } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, sharedBrowser } from "../support/browser.ts";

const laptop: BrowserContextOptions = { viewport: { width: 1366, height: 768 } };
const phone: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

// Long unbroken strings, as real data has them: they must wrap, not widen the page.
const longEmail = "procurement.department.long-address@a-very-long-company-domain-name.example";

describe("browser: the console fits a laptop and a phone", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  async function seed() {
    const h = app();
    const { token } = await h.login();
    // A hot lead nobody took: a lead, a conversation in the inbox, a follow-up, a funnel with figures.
    const v = h.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    await qualifyHot(v, longEmail);
    await makeKey(h, token, "read", "Nightly export to the data warehouse");
    await h.addRep("rep@test.local", "Rita Rep");
    const invited = await call(h.url, token, "POST", "/api/invites", { email: longEmail, role: "rep" });
    expect(invited.status).toBe(201);
    const hook = await call(h.url, token, "POST", `/api/sites/${h.siteKey}/webhooks`, {
      url: "https://hooks.example.com/banter/a-long-path-that-goes-on/and-on-without-any-break",
    });
    expect(hook.status).toBe(201);
    const leads = await call(h.url, token, "GET", "/api/leads");
    return { invite: invited.body.link as string, lead: leads.body.leads[0].conversationId as string };
  }

  // The document never scrolls sideways, nor does main, the pages' own scroller.
  async function expectNoSidewaysScroll(page: Page, width: number, where: string) {
    const sizes = await page.evaluate(() => {
      const main = document.querySelector("main");
      return {
        page: document.documentElement.scrollWidth,
        main: main ? main.scrollWidth - main.clientWidth : 0,
      };
    });
    expect(sizes.page, `page width on ${where}`).toBeLessThanOrEqual(width);
    expect(sizes.main, `main's sideways overflow on ${where}`).toBeLessThanOrEqual(0);
  }

  // Each page's heading, and no "Loading…" left in main: the page drew its data.
  async function settled(page: Page, heading: string | RegExp) {
    const wait = { timeout: 15_000 };
    await expect.poll(() => page.getByRole("heading", { level: 1, name: heading }).isVisible(), wait).toBe(true);
    await expect
      .poll(
        () =>
          page
            .getByRole("main")
            .getByText(/^(Loading|Checking)/)
            .count(),
        wait,
      )
      .toBe(0);
  }

  // From the header, as a person does: through Menu on a phone, through Settings for the settings pages.
  async function go(page: Page, label: string) {
    const menu = page.getByRole("button", { name: "Menu" });
    if (await menu.isVisible()) await menu.click();
    const nav = page.getByRole("navigation", { name: "Console" });
    const link = nav.getByRole("link", { name: label, exact: true });
    if (!(await link.isVisible())) await nav.getByRole("button", { name: "Settings" }).click();
    await link.click();
  }

  it("every owner page, the desk as a rep, the login and the invite page, at 1366x768 and 390x844", {
    timeout: 300_000,
  }, async () => {
    const { invite, lead } = await seed();
    const url = app().url;
    const pages: [label: string, heading: string | RegExp, then?: (page: Page) => Promise<void>][] = [
      ["Chats", "Chats"],
      ["Inbox", "Inbox"],
      ["Follow-ups", "Follow-ups"],
      ["Leads", "Leads"],
      ["Funnel", "Funnel"],
      ["Sites", "Sites"],
      ["Playbooks", "Playbooks"],
      ["Team", "Team"],
      ["Saved replies", "Saved replies"],
      ["Webhooks", "Webhooks"],
      ["API keys", "API keys"],
      ["Email", /^Email/],
      [
        "Privacy",
        "Privacy",
        async (page) => {
          await page.getByRole("textbox", { name: "Email or visitor id" }).fill(longEmail);
          await page.getByRole("button", { name: "Find" }).click();
          await expect.poll(() => page.getByRole("main").getByRole("table").count()).toBe(1);
        },
      ],
      ["Account", "Your account"],
    ];

    for (const [size, options] of [
      [390, phone],
      [1366, laptop],
    ] as const) {
      const context = await shared.browser().newContext(options);
      const page = await context.newPage();

      await page.goto(`${url}/console`);
      await settled(page, "Log in to Banter");
      await expectNoSidewaysScroll(page, size, `the login page at ${size}`);
      await expectAccessible(page, `the login page at ${size}`);

      await page.goto(invite);
      await settled(page, "Join the team on Banter");
      await expectNoSidewaysScroll(page, size, `the invite page at ${size}`);
      await expectAccessible(page, `the invite page at ${size}`);

      await consoleLogin(page, url);
      await settled(page, "Chats");
      // The status shows once the socket has said who is here.
      await expect
        .poll(() => page.getByRole("radio", { name: "Available" }).isVisible(), { timeout: 15_000 })
        .toBe(true);
      const menu = page.getByRole("button", { name: "Menu" });
      const nav = page.getByRole("navigation", { name: "Console" });
      if (size === 1366) {
        // One row: every top-level item of the nav, and the status and Log out, centred on one line.
        expect(await menu.isVisible()).toBe(false);
        const middles = await page.evaluate(() =>
          [
            ...document.querySelectorAll(".console-nav > ul > li"),
            document.querySelector(".console-status"),
            document.querySelector(".console-logout"),
          ].map((e) => {
            const box = (e as Element).getBoundingClientRect();
            return (box.top + box.bottom) / 2;
          }),
        );
        expect(middles.length).toBe(9);
        expect(Math.max(...middles) - Math.min(...middles), `middles ${middles}`).toBeLessThanOrEqual(1);
      } else {
        // Behind Menu: it opens by keyboard with focus inside, and Escape closes it and gives focus back.
        expect(await nav.isVisible()).toBe(false);
        expect(await page.getByRole("button", { name: "Log out" }).isVisible()).toBe(true);
        await menu.focus();
        await page.keyboard.press("Enter");
        await expect.poll(() => menu.getAttribute("aria-expanded")).toBe("true");
        expect(await nav.isVisible()).toBe(true);
        expect(await page.evaluate(() => document.activeElement?.closest("#console-menu") !== null)).toBe(true);
        await expectAccessible(page, "the open menu at 390");
        await page.keyboard.press("Escape");
        await expect.poll(() => menu.getAttribute("aria-expanded")).toBe("false");
        expect(await nav.isVisible()).toBe(false);
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Menu");
      }

      for (const [label, heading, then] of pages) {
        await go(page, label);
        await settled(page, heading);
        await then?.(page);
        await expectNoSidewaysScroll(page, size, `${label} at ${size}`);
        await expectAccessible(page, `${label} at ${size}`);
      }
      // A lead's and a site's own pages, opened by address.
      for (const [path, heading] of [
        [`leads/${lead}`, `Lead: ${longEmail}`],
        [`inbox/${lead}`, longEmail],
        [`sites/${app().siteKey}`, "Demo site"],
        [`playbooks/${app().siteKey}`, "Playbook for Demo site"],
      ] as const) {
        await page.evaluate((hash) => {
          location.hash = hash;
        }, `#/${path}`);
        await settled(page, heading);
        await expectNoSidewaysScroll(page, size, `#/${path} at ${size}`);
        await expectAccessible(page, `#/${path} at ${size}`);
      }
      await context.close();

      // The desk as a rep: status and Log out within reach.
      const repContext = await shared.browser().newContext(options);
      const rep = await repContext.newPage();
      await consoleLogin(rep, url, "rep@test.local");
      await settled(rep, "Chats");
      await expect.poll(() => rep.getByRole("radio", { name: "Away" }).isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await rep.getByRole("button", { name: "Log out" }).isVisible()).toBe(true);
      await expectNoSidewaysScroll(rep, size, `the rep's desk at ${size}`);
      await expectAccessible(rep, `the rep's desk at ${size}`);
      await repContext.close();
    }
  });
});
