// The site owner's path end to end in real Chromium, in one go: create a site, edit and publish its playbook,
// copy the snippet onto a customer page on another origin, and see the visitor's lead in Leads, the Inbox and the
// Funnel. Each page's details have their own tests (console-sites, console-playbooks, console-leads, …).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { appOnRedis } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, openFromNav, qualifyInWidget, sharedBrowser } from "../support/browser.ts";

const question = "What should Acme help you with?";

describe("browser: the owner's path", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  it("creates a site, publishes an edited playbook, installs the snippet and sees the lead", {
    timeout: 90_000,
  }, async () => {
    let customerHtml = "";
    const customer = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(customerHtml);
    });
    await new Promise<void>((resolve) => customer.listen(0, "127.0.0.1", resolve));
    shared.closers.push(() => new Promise((resolve) => customer.close(() => resolve())));
    const customerOrigin = `http://127.0.0.1:${(customer.address() as AddressInfo).port}`;

    const context = await shared.browser().newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app().url });
    const owner = await context.newPage();
    await consoleLogin(owner, app().url);
    const nav = owner.getByRole("navigation", { name: "Console" });

    // 1. A new site allowing the customer's origin.
    await openFromNav(owner, "Sites");
    await owner.getByRole("link", { name: "New site" }).click();
    await owner.getByLabel("Site name").fill("Acme");
    await owner.getByLabel("Origins allowed to show the chat").fill(customerOrigin);
    await owner.getByRole("button", { name: "Create site" }).click();
    await expect.poll(() => owner.getByRole("heading", { name: "Acme", level: 1 }).count()).toBe(1);

    // 2. The snippet, copied as the owner would.
    await owner.getByRole("button", { name: "Copy snippet" }).click();
    await expect.poll(() => owner.getByRole("status").filter({ hasText: "Copied" }).count()).toBe(1);
    const snippet = await owner.evaluate(() => navigator.clipboard.readText());

    // 3. Its playbook: a new first question, published.
    // Each page's heading first: a click that comes before the lazy page has drawn lands on the page before it.
    await openFromNav(owner, "Playbooks");
    await owner.getByRole("heading", { name: "Playbooks", level: 1 }).waitFor();
    await owner.getByRole("main").getByRole("link", { name: "Acme" }).click();
    await owner.getByRole("heading", { name: "Playbook for Acme", level: 1 }).waitFor();
    await owner.getByRole("button", { name: /^Questions/ }).click();
    await owner.getByRole("button", { name: /^Need/ }).click();
    const q1 = owner.getByRole("group", { name: /^Question 1:/ });
    await q1.getByLabel("Text", { exact: true }).fill(question);
    await expect
      .poll(() => owner.getByRole("region", { name: "Preview" }).getByRole("log").textContent())
      .toContain(question);
    await owner.getByRole("button", { name: "Publish", exact: true }).click();
    await owner.getByRole("button", { name: "Publish now" }).click();
    await expect.poll(() => owner.getByText("Published version 2").count()).toBeGreaterThan(0);
    await expectAccessible(owner, "the playbook editor after publishing");

    // The owner stays online (Chats), so the hot lead is offered rather than sent to the fallback.
    await nav.getByRole("link", { name: /^Chats/ }).click();
    await expect.poll(() => owner.getByRole("banner").textContent()).toContain("Online");

    // 4. A visitor on the customer's page, which pasted the snippet.
    customerHtml = `<!doctype html><html lang="en"><head><title>Acme</title></head>
<body><h1>Acme</h1>${snippet}</body></html>`;
    const visitor = await (await shared.browser().newContext()).newPage();
    await visitor.goto(`${customerOrigin}/pricing`);
    await visitor.getByRole("button", { name: /^Open chat/ }).click();
    const chat = visitor.getByRole("dialog", { name: "Chat with Acme" });
    const log = chat.getByRole("log");
    await expect.poll(() => log.textContent()).toContain(question);
    await qualifyInWidget(chat, "buyer@acme-corp.com");
    await expect
      .poll(() => owner.getByRole("region", { name: "Offers" }).getByRole("article").textContent())
      .toContain("buyer@acme-corp.com");

    // 5. The lead, in Leads (hot), in the Inbox (waiting for a rep) and in the Funnel.
    await nav.getByRole("link", { name: "Leads" }).click();
    const row = owner.getByRole("row", { name: /buyer@acme-corp\.com/ });
    await expect.poll(() => row.textContent()).toMatch(/hot/i);
    expect(await row.textContent()).toContain("Acme");
    await expectAccessible(owner, "the leads table with the new lead");

    await nav.getByRole("link", { name: "Inbox" }).click();
    await owner.getByLabel("Search by name, email or company").fill("acme-corp");
    await owner.getByLabel("Search by name, email or company").press("Enter");
    await expect.poll(() => owner.getByRole("link", { name: /buyer@acme-corp\.com/ }).count()).toBe(1);

    await nav.getByRole("link", { name: "Funnel" }).click();
    const stages = owner.getByRole("region", { name: "Stages" });
    // The first report (the oldest site's) fills the form; choose once it is there.
    await expect.poll(() => stages.getByRole("img").count()).toBe(1);
    await owner.getByLabel("Site", { exact: true }).selectOption({ label: "Acme" });
    await owner.getByRole("button", { name: "Show" }).click();
    await expect.poll(() => stages.getByRole("img", { name: /Acme,[^:]*: 1 opened the chat/ }).count()).toBe(1);
    await expectAccessible(owner, "the funnel of the new site");
  });
});
