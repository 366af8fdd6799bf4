// The rep sees the pages the visitor read before chatting: the loader notes each page, the join carries them.
import { describe, expect, it } from "vitest";
import type { LeadCard } from "../../shared/protocol/index.ts";
import { appOnRedis, next, ownerOnline } from "../support/app.ts";
import { customerPage, hostPage, sharedBrowser } from "../support/browser.ts";

describe("browser: page trail", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  it("lists the pages opened before the chat on the lead card, oldest first", async () => {
    const h = app();
    const rep = await ownerOnline(h);
    const host = await hostPage(customerPage(h.url.replace("127.0.0.1", "localhost"), h.siteKey));
    shared.closers.push(host.close);
    const page = await (await shared.browser().newContext()).newPage();
    for (const path of ["pricing", "features", "contact"]) {
      await page.goto(`${host.url}${path}`);
      await expect.poll(() => page.getByRole("button", { name: /^Open chat/ }).count()).toBe(1);
    }
    await page.getByRole("button", { name: /^Open chat/ }).click();
    const chat = page.getByRole("dialog", { name: "Chat with Demo site" });
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("What brings you here today?");
    for (const b of ["Capture more leads from our website", "Over $100k", "I do", "This month"]) {
      await chat.getByRole("button", { name: b }).click();
    }
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("best email");
    const offer = next<LeadCard>(rep, "offer:created");
    await chat.getByRole("textbox", { name: "Message" }).fill("trail@acme.io");
    await chat.getByRole("textbox", { name: "Message" }).press("Enter");
    expect((await offer).pageTrail).toEqual([`${host.url}pricing`, `${host.url}features`, `${host.url}contact`]);
  });
});
