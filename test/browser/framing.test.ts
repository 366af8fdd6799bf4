// Our own pages under their security headers (server/http/headers.ts), in real Chromium: a page of the same site
// (another port on the same host) cannot frame the signed-in console; the demo page, whose snippet has an inline
// script, runs the chat under its Content-Security-Policy with nothing refused.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appOnRedis } from "../support/app.ts";
import { consoleLogin, hostPage, sharedBrowser } from "../support/browser.ts";

describe("browser: framing and the pages' policy", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  // Every message Chromium logs about a refused frame, script, style or connection.
  const refusals = (page: Page): string[] => {
    const seen: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|X-Frame-Options|Refused to/i.test(m.text())) seen.push(m.text());
    });
    return seen;
  };

  it("a same-site page cannot frame the signed-in console", {
    timeout: 30_000,
  }, async () => {
    const h = app();
    const context = await shared.browser().newContext();
    const page = await context.newPage();
    await consoleLogin(page, h.url);
    await expect.poll(() => page.getByRole("button", { name: "Log out" }).count()).toBe(1);

    const framing = await hostPage(`<!doctype html><html lang="en"><head><title>Framing</title></head>
<body><iframe title="console" src="${h.url}/console" width="800" height="600"></iframe></body></html>`);
    shared.closers.push(framing.close);
    const attacker = await context.newPage();
    const seen = refusals(attacker);
    await attacker.goto(framing.url);
    await expect.poll(() => seen.some((m) => m.includes("frame-ancestors"))).toBe(true);
    const frame = attacker.frames().find((f) => f !== attacker.mainFrame());
    expect(frame?.url()).not.toBe(`${h.url}/console`);
    expect(await frame?.locator("button").count()).toBe(0);
  });

  it("the demo page runs the chat under its policy, nothing refused", {
    timeout: 30_000,
  }, async () => {
    const page = await (await shared.browser().newContext()).newPage();
    const seen = refusals(page);
    await page.goto(`${app().url}/demo`);
    await page.getByRole("button", { name: /^Open chat/ }).click();
    const chat = page.getByRole("dialog", { name: "Chat with Demo site" });
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("What brings you here today?");
    expect(seen).toEqual([]);
  });
});
