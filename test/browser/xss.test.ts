// HTML and script in any message or name show as text in the widget and the console.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../support/app.ts";
import { consoleLogin, hostPage, launchBrowser } from "../support/browser.ts";
import { redisTestStore } from "../support/redis.ts";

const payloads = [
  `<script>window.__xss=1</script>`,
  `<img src=x onerror="window.__xss=1">`,
  `<svg onload="window.__xss=1"></svg>`,
  `<iframe src="javascript:window.__xss=1"></iframe>`,
  `"><script>window.__xss=1</script>`,
  `'><img src=x onerror=window.__xss=1>`,
  `<a href="javascript:window.__xss=1">click</a>`,
  `<body onload=window.__xss=1>`,
  `<details open ontoggle=window.__xss=1>`,
  `{{constructor.constructor('window.__xss=1')()}}`,
  `<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>`,
  `javascript:window.__xss=1`,
];

describe("browser: XSS payloads render as text", () => {
  let browser: Browser;
  let h: Awaited<ReturnType<typeof startApp>>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const t = await redisTestStore();
    cleanup = t.cleanup;
    const open = { limit: 1000, windowMs: 10_000 };
    h = await startApp(t.store, { limits: { messagesPerVisitor: open, messagesPerRep: open } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await cleanup?.();
  });

  async function executed(page: Page): Promise<boolean> {
    return page.evaluate(() => (window as unknown as { __xss?: number }).__xss === 1);
  }

  it("in the widget and the console, from the visitor, the rep's name and the site's name", async () => {
    const evil = `<img src=x onerror="window.__xss=1">Eve`;
    await h.addRep("eve@test.local", evil);
    const site = await h.store.getSite(h.siteKey);
    if (!site) throw new Error("no demo site");
    await h.store.putSite({ ...site, name: `<b>Demo</b><script>window.__xss=1</script>` });

    const host = await hostPage(
      `<!doctype html><html lang="en"><body><script async src="${h.url.replace("127.0.0.1", "localhost")}/widget.js" data-site="${h.siteKey}"></script></body></html>`,
    );
    const dialogs: string[] = [];
    // The rep with the hostile name has the console open first (with nobody online, a lead goes to the fallback).
    const rep = await (await browser.newContext()).newPage();
    rep.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await consoleLogin(rep, h.url, "eve@test.local");
    await expect.poll(() => rep.getByRole("region", { name: "Offers" }).count()).toBe(1);
    const visitor = await (await browser.newContext()).newPage();
    visitor.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await visitor.goto(host.url);
    await visitor.getByRole("button", { name: "Open chat" }).click();
    const chat = visitor.getByRole("dialog");
    const log = chat.getByRole("log");
    await expect.poll(() => log.textContent()).toContain("What brings you here today?");
    for (const b of ["Capture more leads from our website", "Over $100k", "I do", "This month"]) {
      await chat.getByRole("button", { name: b }).click();
    }
    const box = chat.getByRole("textbox", { name: "Message" });
    await expect.poll(() => log.textContent()).toContain("best email");
    await box.fill("ana@acme.io");
    await box.press("Enter");
    await expect.poll(() => log.textContent()).toContain("connecting you with a rep");

    // The rep with the hostile name accepts in the console.
    await rep.getByRole("button", { name: "Accept" }).click();
    const repLog = rep.getByRole("log", { name: "Conversation" });
    await expect.poll(() => repLog.textContent()).toContain("ana@acme.io");

    for (const p of payloads) {
      await box.fill(p);
      await box.press("Enter");
    }
    await expect.poll(() => repLog.textContent()).toContain(payloads.at(-1));
    const repBox = rep.getByRole("textbox", { name: "Message" });
    for (const p of payloads.slice(0, 4)) {
      await repBox.fill(p);
      await repBox.press("Enter");
    }
    await expect.poll(() => log.textContent()).toContain(payloads[3]);

    // Nothing ran, and no element came out of a message or a name (the apps' own icons are outside these).
    const injected = "img, script, svg, iframe, details, math, a[href^='javascript'], b, body";
    for (const page of [visitor, rep]) expect(await executed(page)).toBe(false);
    expect(await log.locator(injected).count()).toBe(0);
    expect(await repLog.locator(injected).count()).toBe(0);
    expect(await chat.locator("b, script").count()).toBe(0);
    const visitorText = (await log.textContent()) ?? "";
    for (const p of payloads) expect(visitorText).toContain(p);
    expect(await chat.textContent()).toContain("<b>Demo</b><script>window.__xss=1</script>");
    expect(visitorText).toContain(`${evil} joined the chat.`);
    expect(dialogs).toEqual([]);
    await host.close();
  });
});
