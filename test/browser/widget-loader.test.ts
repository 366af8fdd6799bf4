// The loader on a customer's page, in real Chromium: nothing but widget.js for a new visitor until the first click,
// and an offline launcher (dimmed, disabled, never in the page's way) while the Banter server cannot be reached or
// answers 5xx, which comes alive on its own when the server is back.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appOnRedis, type Harness, startApp } from "../support/app.ts";
import { hostPage, sharedBrowser } from "../support/browser.ts";
import { freePort } from "../support/processes.ts";
import { redisTestStore } from "../support/redis.ts";

// The host page has a control of its own, to prove the widget never covers or blocks the page.
const customerPage = (server: string, siteKey: string) => `<!doctype html>
<html lang="en"><head><title>Customer site</title>
<script async src="${server}/widget.js" data-site="${siteKey}"></script></head>
<body><h1>Customer site</h1>
<button type="button" onclick="this.dataset.clicks = String(Number(this.dataset.clicks || 0) + 1)">Buy now</button>
</body></html>`;

const widgetJs = () => readFileSync(join(import.meta.dirname, "../../dist/widget.js"), "utf8");

describe("browser: widget loader", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();
  const closers = shared.closers;

  // A page with everything it requested and every uncaught error (there must be none).
  async function newPage(): Promise<{ page: Page; requests: string[]; pageErrors: string[] }> {
    const page = await (await shared.browser().newContext()).newPage();
    const requests: string[] = [];
    const pageErrors: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => pageErrors.push(e.message));
    return { page, requests, pageErrors };
  }

  async function pageUrl(server: string, siteKey: string): Promise<string> {
    const host = await hostPage(customerPage(server, siteKey));
    closers.push(host.close);
    return host.url;
  }

  const buyNowClicks = (page: Page) => page.getByRole("button", { name: "Buy now" }).getAttribute("data-clicks");

  it("loads nothing but widget.js for a new visitor until the first click", async () => {
    const h: Harness = app();
    const { page, requests, pageErrors } = await newPage();
    await page.goto(await pageUrl(h.url.replace("127.0.0.1", "localhost"), h.siteKey));
    await expect.poll(() => page.getByRole("button", { name: "Open chat" }).count()).toBe(1);
    await page.waitForLoadState("load");
    // Well past the idle callback a returning visitor's background load would use.
    await new Promise((r) => setTimeout(r, 1500));
    expect(requests.filter((u) => u.includes("/assets/") || u.includes("/socket.io/"))).toEqual([]);

    await page.getByRole("button", { name: "Open chat" }).click();
    await expect
      .poll(() => page.getByRole("dialog", { name: "Chat with Demo site" }).getByRole("log").textContent())
      .toContain("What brings you here today?");
    expect(requests.some((u) => u.endsWith("/assets/chat.js"))).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it("draws an offline launcher while the server is down, and switches to the chat when it is up", async () => {
    // The Banter server's port, with nothing listening yet. widget.js itself comes from a cache (the test routes
    // it), as it would from a CDN or the browser's cache; the config, the app and the socket need the server.
    const port = await freePort();
    const server = `http://localhost:${port}`;
    const { page, pageErrors } = await newPage();
    await page.route(`${server}/widget.js`, (route) =>
      route.fulfill({ status: 200, contentType: "text/javascript", body: widgetJs() }),
    );
    const t = await redisTestStore();
    const h = await startApp(t.store).then(async (first) => {
      // Only to learn the demo site key (stored in Redis, so the app started later on `port` has the same one).
      await first.close();
      return first;
    });
    closers.push(t.cleanup);
    await page.goto(await pageUrl(server, h.siteKey));

    const offline = page.getByRole("button", { name: "Chat offline, retrying" });
    await expect.poll(() => offline.count()).toBe(1);
    expect(await offline.getAttribute("aria-disabled")).toBe("true");
    expect(Number(await offline.evaluate((el) => getComputedStyle(el).opacity))).toBeLessThan(0.6);
    // Clicking does nothing harmful: no panel, no error; the page's own controls still work.
    // (force: Playwright will not click what is aria-disabled; a visitor can.)
    await offline.click({ force: true });
    await offline.press("Enter");
    expect(await page.getByRole("dialog").count()).toBe(0);
    await page.getByRole("button", { name: "Buy now" }).click();
    expect(await buyNowClicks(page)).toBe("1");

    const up = await startApp(t.store, { port });
    closers.unshift(() => up.close());
    const launcher = page.getByRole("button", { name: "Open chat" });
    await expect.poll(() => launcher.count(), { timeout: 15_000 }).toBe(1);
    expect(await launcher.getAttribute("aria-disabled")).toBeNull();
    await launcher.click();
    await expect
      .poll(() => page.getByRole("dialog", { name: "Chat with Demo site" }).getByRole("log").textContent())
      .toContain("What brings you here today?");
    await page.getByRole("button", { name: "Buy now" }).click();
    expect(await buyNowClicks(page)).toBe("2");
    expect(pageErrors).toEqual([]);
  });

  it("treats a 5xx from the config like an outage: offline launcher, retried with backoff", async () => {
    const h: Harness = app();
    const { page, pageErrors } = await newPage();
    const asked: number[] = [];
    await page.route(/\/api\/sites\/[^/]+\/config$/, (route) => {
      asked.push(Date.now());
      return asked.length <= 2 ? route.fulfill({ status: 503, body: "busy" }) : route.continue();
    });
    await page.goto(await pageUrl(h.url.replace("127.0.0.1", "localhost"), h.siteKey));
    await expect.poll(() => page.getByRole("button", { name: "Chat offline, retrying" }).count()).toBe(1);
    await expect.poll(() => page.getByRole("button", { name: "Open chat" }).count(), { timeout: 10_000 }).toBe(1);
    // About 1 s, then about 2 s apart (each within ±25 %).
    const [a = 0, b = 0, c = 0] = asked;
    expect(b - a).toBeGreaterThanOrEqual(700);
    expect(c - b).toBeGreaterThanOrEqual(1400);
    expect(pageErrors).toEqual([]);
  });
});

describe("browser: widget loader for a returning visitor", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  it("connects in the background after the page has loaded, with the panel closed", async () => {
    const h = app();
    const url = await shared.host(h);
    const page = await (await shared.browser().newContext()).newPage();
    await page.goto(url);
    await page.getByRole("button", { name: "Open chat" }).click();
    const chat = page.getByRole("dialog", { name: "Chat with Demo site" });
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("What brings you here today?");
    await chat.getByRole("button", { name: "Minimize chat" }).click();

    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    const socket = page.waitForEvent("websocket");
    await page.reload();
    await socket;
    expect(requests.some((u) => u.endsWith("/assets/chat.js"))).toBe(true);
    const launcher = page.getByRole("button", { name: "Open chat" });
    expect(await launcher.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByRole("dialog").count()).toBe(0);
    // Focus stayed with the page.
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);

    // Opening shows the conversation at once: the app is already there.
    await launcher.click();
    await expect
      .poll(() => page.getByRole("dialog", { name: "Chat with Demo site" }).getByRole("log").textContent())
      .toContain("What brings you here today?");
  });
});
