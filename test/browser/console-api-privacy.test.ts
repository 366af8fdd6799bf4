// The owner's API keys and Privacy pages in real Chromium: a key is made, shown once and copied, works with the
// API, shows its last use, and is revoked; a data subject is found by email on two sites, their export downloaded
// and their data erased after a confirmation. Accessible at each step.
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { SubjectExport } from "../../shared/protocol/index.ts";
import { call } from "../support/api.ts";
import { appOnRedis, connected, ok, qualifyHot } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, openFromNav, sharedBrowser } from "../support/browser.ts";

describe("browser: console API keys and privacy", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  async function ownerPage(): Promise<Page> {
    const context = await shared.browser().newContext({ acceptDownloads: true });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app().url });
    const page = await context.newPage();
    await consoleLogin(page, app().url);
    return page;
  }

  async function open(page: Page, label: string) {
    await openFromNav(page, label);
    await expect.poll(() => page.getByRole("heading", { level: 1, name: label }).isVisible()).toBe(true);
  }

  it("makes a key shown once, copies it, lists its last use, revokes it", { timeout: 60_000 }, async () => {
    const h = app();
    const page = await ownerPage();
    await open(page, "API keys");
    await expect.poll(() => page.getByText("No API keys yet.").isVisible()).toBe(true);

    // A key needs a name.
    await page.getByRole("button", { name: "Create API key" }).click();
    const name = page.getByRole("textbox", { name: "Name" });
    await expect.poll(() => name.getAttribute("aria-invalid")).toBe("true");

    await name.fill("CRM sync");
    await page.getByLabel("Scope").selectOption("write");
    await page.getByRole("button", { name: "Create API key" }).click();
    const box = page.getByLabel("The new key for CRM sync");
    await expect.poll(() => box.isVisible()).toBe(true);
    const key = await box.inputValue();
    expect(key).toMatch(/^bk_[A-Za-z0-9_-]{43}$/);
    await page.getByRole("button", { name: "Copy" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Copied" }).count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    const keys = page.getByRole("region", { name: "Keys", exact: true });
    await expect.poll(() => keys.getByRole("row", { name: /CRM sync/ }).textContent()).toContain("Never");
    // The list shows the key's start only.
    expect(await keys.textContent()).not.toContain(key);
    expect(await keys.textContent()).toContain(`${key.slice(0, 9)}…`);
    await expectAccessible(page, "API keys page with a new key");

    // Used by an integration: the list shows when, after a reload the key is not shown again.
    expect((await call(h.url, key, "GET", "/api/leads")).status).toBe(200);
    await page.reload();
    await expect.poll(() => keys.getByRole("row", { name: /CRM sync/ }).textContent()).not.toContain("Never");
    expect(await page.getByLabel("The new key for CRM sync").count()).toBe(0);

    await page.getByRole("button", { name: "Revoke the API key CRM sync" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "was revoked" }).count()).toBe(1);
    await expect.poll(() => page.getByText("No API keys yet.").isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("keys-heading");
    expect((await call(h.url, key, "GET", "/api/leads")).status).toBe(401);
    await expectAccessible(page, "API keys page after a revoke");
  });

  it("finds a person by email on two sites, downloads their export, erases them after confirming", {
    timeout: 60_000,
  }, async () => {
    const h = app();
    const site = await h.store.getSite(h.siteKey);
    if (!site) throw new Error("no demo site");
    await h.store.putSite({ ...site, key: "second-site", name: "Second site" });
    for (const siteKey of [h.siteKey, "second-site"]) {
      const v = h.visitor({ siteKey });
      await connected(v);
      await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
      await qualifyHot(v, "pat@acme.io");
    }
    const other = h.visitor();
    await connected(other);
    const kept = await ok(other.emitWithAck("conversation:join", { lastSeq: 0 }));
    await qualifyHot(other, "kim@keep.io");

    const page = await ownerPage();
    await open(page, "Privacy");
    await page.getByRole("button", { name: "Find" }).click();
    const field = page.getByRole("textbox", { name: "Email or visitor id" });
    await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "privacy page with a field error");

    await field.fill("PAT@acme.io");
    await page.getByRole("button", { name: "Find" }).click();
    const found = page.getByRole("region", { name: "Found for PAT@acme.io" });
    await expect.poll(() => found.getByRole("table").locator("caption").textContent()).toBe("2 conversations");
    expect(await found.textContent()).toContain("Second site");
    expect(await found.textContent()).toContain("Demo site");
    await expectAccessible(page, "privacy page with a person found");

    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download export" }).click();
    const file = await (await downloading).path();
    const doc = JSON.parse(await readFile(file, "utf8")) as SubjectExport;
    expect(doc.conversations.map((c) => c.lead.email)).toEqual(["pat@acme.io", "pat@acme.io"]);
    expect(doc.conversations.every((c) => c.messages.some((m) => m.text === "pat@acme.io"))).toBe(true);

    await page.getByRole("button", { name: "Erase" }).click();
    const dialog = page.getByRole("dialog", { name: "Erase everything about PAT@acme.io?" });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expectAccessible(page, "erase confirmation");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    // Focus goes back to the button that opened the dialog once the dialog is gone (a moment after).
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Erase");
    expect((await h.store.listEmailConversations("pat@acme.io")).length).toBe(2);

    await page.getByRole("button", { name: "Erase" }).click();
    await dialog.getByRole("button", { name: "Erase data" }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "was erased: 2 conversations" }).count())
      .toBe(1);
    await expect.poll(() => found.getByText("Nothing is kept about PAT@acme.io.").isVisible()).toBe(true);
    expect(await h.store.listEmailConversations("pat@acme.io")).toEqual([]);
    expect(await h.store.getConversation(kept.conversation.id)).not.toBeNull();
    await expectAccessible(page, "privacy page after an erasure");
  });
});
