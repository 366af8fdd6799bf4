// Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, and a host page served from
// another origin than Banter, as on a customer's site.
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { ownerEmail, ownerPassword } from "./app.ts";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

// Serves one HTML page at / on 127.0.0.1 (a different origin from the Banter server's localhost URL).
export async function hostPage(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// A customer's page embedding Banter exactly as the README says, served by hostPage() on another origin.
export function customerPage(server: string, siteKey: string): string {
  return `<!doctype html>
<html lang="en"><head><title>Customer site</title></head>
<body><h1>Customer site</h1>
<script async src="${server}/widget.js" data-site="${siteKey}"></script>
</body></html>`;
}

// Logs a page into the console at `url` (the Banter server) as the test owner, or as someone else.
export async function consoleLogin(
  page: Page,
  url: string,
  email = ownerEmail,
  password = ownerPassword,
): Promise<void> {
  await page.goto(`${url}/console`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

// Opens a console page from the header's navigation; the owner's settings pages are under its Settings menu.
export async function openFromNav(page: Page, name: string): Promise<void> {
  const nav = page.getByRole("navigation", { name: "Console" });
  await nav.waitFor();
  const link = nav.getByRole("link", { name, exact: true });
  if (!(await link.isVisible())) await nav.getByRole("button", { name: "Settings" }).click();
  await link.click();
}

// One Chromium for the calling describe block; host pages registered in `closers` are closed after each test.
export function sharedBrowser() {
  let browser: Browser | undefined;
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    closers,
    // A customer page embedding the app's demo site, on another origin than the app; closed after the test.
    async host(app: { url: string; siteKey: string }): Promise<string> {
      const page = await hostPage(customerPage(app.url.replace("127.0.0.1", "localhost"), app.siteKey));
      closers.push(page.close);
      return page.url;
    },
    browser(): Browser {
      if (!browser) throw new Error("the browser starts in beforeAll");
      return browser;
    },
  };
}

// Opens the chat on a customer page and waits for the bot's first question.
export async function openChat(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: /^Open chat/ }).click();
  const chat = page.getByRole("dialog", { name: "Chat with Demo site" });
  await expect.poll(() => chat.getByRole("log").textContent()).toContain("What brings you here today?");
  return chat;
}

// Answers the default playbook like a buyer, by buttons, then gives the email: the lead is hot.
export async function qualifyInWidget(chat: Locator, email: string): Promise<void> {
  const log = chat.getByRole("log");
  for (const [answer, next] of [
    ["Capture more leads from our website", "What budget"],
    ["Over $100k", "Who makes the buying decision?"],
    ["I do", "When do you need this in place?"],
    ["This month", "best email"],
  ] as const) {
    await chat.getByRole("button", { name: answer }).click();
    await expect.poll(() => log.textContent()).toContain(next);
  }
  const box = chat.getByRole("textbox", { name: "Message" });
  await box.fill(email);
  await box.press("Enter");
}
