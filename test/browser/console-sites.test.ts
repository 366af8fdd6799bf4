// Sites in the console, in real Chromium: the owner creates a site, allows a host page's origin, puts the
// launcher on the left with a label, copies the snippet; a customer page on another origin pasting that snippet
// shows the launcher that way; the Sites page then shows the install check with that page's address.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { appOnRedis } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, openFromNav, sharedBrowser } from "../support/browser.ts";

// A customer's server whose page can be written after its origin is known (the site must allow that origin).
async function customerServer(): Promise<{ origin: string; setPage(html: string): void; close(): Promise<void> }> {
  let page = "";
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setPage: (html) => {
      page = html;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("browser: console sites", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  it("create a site, set its origin and launcher, copy the snippet; a customer page shows it; the install check follows", {
    timeout: 60_000,
  }, async () => {
    const h = app();
    const customer = await customerServer();
    shared.closers.push(customer.close);

    const context = await shared.browser().newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: h.url });
    const page = await context.newPage();
    await consoleLogin(page, h.url);
    await openFromNav(page, "Sites");
    await expect.poll(() => page.getByRole("heading", { name: "Sites", level: 1 }).count()).toBe(1);
    await expect.poll(() => page.getByRole("row", { name: /Demo site/ }).count()).toBe(1);
    await expectAccessible(page, "the sites list");

    await page.getByRole("link", { name: "New site" }).click();
    await page.getByRole("button", { name: "Create site" }).click();
    await expect.poll(() => page.getByLabel("Site name").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Origins allowed to show the chat").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "the new site form with errors");
    await page.getByLabel("Site name").fill("Acme");
    await page.getByLabel("Origins allowed to show the chat").fill("https://acme.example");
    await page.getByRole("button", { name: "Create site" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Acme", level: 1 }).count()).toBe(1);
    const siteKey = decodeURIComponent(new URL(page.url()).hash.split("/")[2] ?? "");
    expect(siteKey).toMatch(/^site_/);
    const install = page.getByRole("region", { name: "Install check" });
    expect(await install.textContent()).toContain("Not installed yet");
    await expectAccessible(page, "the site's settings");

    // Mistakes are shown next to their fields, and nothing is saved.
    const origins = page.getByLabel("Origins allowed to show the chat");
    await origins.fill(`${customer.origin}\nacme dot com`);
    await page.getByLabel("Ring each rep for (seconds)").fill("1");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByText("Not saved: 2 fields need fixing.").count()).toBe(1);
    expect(await origins.getAttribute("aria-invalid")).toBe("true");
    const described = await origins.evaluate((el) =>
      (el.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent)
        .join(" "),
    );
    expect(described).toContain('"acme dot com" is not an origin');
    expect(await page.getByLabel("Ring each rep for (seconds)").getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("origins");
    await expectAccessible(page, "the site's settings with errors");

    await origins.fill(customer.origin);
    await page.getByLabel("Ring each rep for (seconds)").fill("20");
    await page.getByLabel("Launcher position").selectOption({ label: "Bottom left" });
    await page.getByLabel("Launcher label").fill("Talk to sales");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByText(/^Saved\./).count()).toBe(1);
    expect(await origins.getAttribute("aria-invalid")).toBeNull();

    await page.getByRole("button", { name: "Copy snippet" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Copied" }).count()).toBe(1);
    const snippet = await page.evaluate(() => navigator.clipboard.readText());
    expect(snippet).toBe(
      `<script>window.Banter=window.Banter||function(){(Banter.q=Banter.q||[]).push(arguments)};</script><script async src="${h.url}/widget.js" data-site="${siteKey}"></script>`,
    );

    // The customer pastes it into a page on their own origin.
    customer.setPage(`<!doctype html>
<html lang="en"><head><title>Acme pricing</title></head>
<body><h1>Acme pricing</h1>
${snippet}
</body></html>`);
    const visitor = await (await shared.browser().newContext()).newPage();
    await visitor.goto(`${customer.origin}/pricing?plan=team`);
    const launcher = visitor.getByRole("button", { name: "Open chat: Talk to sales" });
    await expect.poll(() => launcher.count()).toBe(1);
    expect(await launcher.textContent()).toContain("Talk to sales");
    const box = await launcher.boundingBox();
    const width = visitor.viewportSize()?.width ?? 0;
    expect(box && box.x + box.width).toBeLessThan(width / 2);
    await expectAccessible(visitor, "the customer page, chat closed");
    await launcher.click();
    const chat = visitor.getByRole("dialog", { name: "Chat with Acme" });
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("What brings you here today?");
    await expectAccessible(visitor, "the customer page, chat open");

    // The install check: on the site's page after a reload, and in the list.
    await page.reload();
    await expect
      .poll(() => page.getByRole("region", { name: "Install check" }).textContent())
      .toContain(`Last loaded just now on ${customer.origin}/pricing`);
    // Only the origin and path are kept: a query may carry a visitor's details.
    expect(await page.getByRole("region", { name: "Install check" }).textContent()).not.toContain("plan=team");
    await page.getByRole("link", { name: "All sites" }).click();
    await expect
      .poll(() => page.getByRole("row", { name: /Acme/ }).textContent())
      .toContain(`on ${customer.origin}/pricing`);
  });
});
