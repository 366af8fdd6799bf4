// End to end in real Chromium: a customer's page on another origin embeds the script tag; a visitor qualifies
// hot through the widget; a rep logs into the console, accepts, and they chat; a reload restores the transcript.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../support/app.ts";
import { consoleLogin, customerPage, hostPage, launchBrowser } from "../support/browser.ts";
import { redisTestStore } from "../support/redis.ts";

type Harness = Awaited<ReturnType<typeof startApp>>;

describe("browser: visitor to rep", () => {
  let h: Harness;
  let browser: Browser;
  let cleanup: () => Promise<void>;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    const t = await redisTestStore();
    cleanup = t.cleanup;
    h = await startApp(t.store);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await browser?.close();
    await h?.close();
    await cleanup?.();
  });

  // The Banter server as a customer's page names it: localhost, while the page itself is on 127.0.0.1.
  const serverUrl = () => h.url.replace("127.0.0.1", "localhost");

  async function openPage(html: string): Promise<{ page: Page; errors: string[] }> {
    const host = await hostPage(html);
    closers.push(host.close);
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(host.url);
    return { page, errors };
  }

  // The rep, in a browser context of their own, logs into the console.
  // The rep, in a browser context of their own, logs into the console; it is open (the rep online) before the
  // lead qualifies, since with nobody online a hot lead goes to the fallback.
  async function repLogsIn(): Promise<Page> {
    const rep = await (await browser.newContext()).newPage();
    await consoleLogin(rep, h.url);
    await expect.poll(() => rep.getByRole("region", { name: "Offers" }).count()).toBe(1);
    return rep;
  }

  it("qualifies hot, gets a rep, chats both ways, and survives a reload", async () => {
    const rep = await repLogsIn();
    const { page: visitor } = await openPage(customerPage(serverUrl(), h.siteKey));
    await visitor.getByRole("button", { name: "Open chat" }).click();
    const chat = visitor.getByRole("dialog", { name: "Chat with Demo site" });
    const log = chat.getByRole("log");
    await expect.poll(() => log.textContent()).toContain("What brings you here today?");

    await chat.getByRole("button", { name: "Capture more leads from our website" }).click();
    await expect.poll(() => log.textContent()).toContain("What budget do you have in mind");
    // Free text works as well as buttons.
    await chat.getByRole("textbox", { name: "Message" }).fill("about 40k");
    await chat.getByRole("textbox", { name: "Message" }).press("Enter");
    await chat.getByRole("button", { name: "I do" }).click();
    await chat.getByRole("button", { name: "This month" }).click();
    await expect.poll(() => log.textContent()).toContain("best email");
    await chat.getByRole("textbox", { name: "Message" }).fill("ana@acme.io");
    await chat.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => log.textContent()).toContain("connecting you with a rep");

    // The rep, in another browser context, on the console.
    const offers = rep.getByRole("region", { name: "Offers" });
    const card = offers.getByRole("article").first();
    await expect.poll(() => card.textContent()).toContain("ana@acme.io");
    const cardText = (await card.textContent()) ?? "";
    expect(cardText).toContain("Hot");
    expect(cardText).toContain("100");
    // The explained score: every point with its reason, the answers as understood from buttons and free text.
    const reasons = card.getByRole("list", { name: "Why this score" });
    expect(await reasons.getByRole("listitem").allTextContents()).toEqual([
      "Need: Capture more leads from our website: +20",
      "Budget about $40,000, at least $25k: +25",
      "Authority: decision maker: +25",
      "Timing: this month, within a month: +25",
      "Work email (ana@acme.io): +5",
    ]);
    expect(cardText).toContain("about 40k");
    // The conversation so far, read before deciding.
    await card.getByRole("button", { name: "Show conversation so far" }).click();
    await expect
      .poll(() => card.getByRole("log", { name: "Conversation so far" }).textContent())
      .toContain("Visitor: about 40k");
    await card.getByRole("button", { name: "Accept" }).click();

    const pane = rep.getByRole("region", { name: /ana@acme\.io/ });
    const repLog = pane.getByRole("log", { name: "Conversation" });
    await expect.poll(() => repLog.textContent()).toContain("ana@acme.io");
    await expect.poll(() => log.textContent()).toContain("Owner joined the chat.");

    await pane.getByRole("textbox", { name: "Message" }).fill("Hi Ana, I'm <b>Owner</b>. How can I help?");
    await pane.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => log.textContent()).toContain("Hi Ana, I'm <b>Owner</b>. How can I help?");
    // Rendered as text: no <b> element was created from a message.
    expect(await chat.locator("b").count()).toBe(0);

    await chat.getByRole("textbox", { name: "Message" }).fill("We need it live this month.");
    await chat.getByRole("textbox", { name: "Message" }).press("Enter");
    await expect.poll(() => repLog.textContent()).toContain("We need it live this month.");

    // Reload the customer's page: the widget reopens the same conversation with its whole transcript.
    await visitor.reload();
    const again = visitor.getByRole("dialog", { name: "Chat with Demo site" }).getByRole("log");
    // (A message whose ack had not arrived before the reload shows at once from the outbox; the transcript follows.)
    await expect.poll(() => again.textContent()).toContain("What brings you here today?");
    const restored = (await again.textContent()) ?? "";
    for (const line of ["about 40k", "Hi Ana, I'm <b>Owner</b>.", "We need it live this month."]) {
      expect(restored).toContain(line);
    }
    expect(restored.match(/We need it live this month\./g)).toHaveLength(1);

    // The rep closes with an outcome; the visitor sees it ended.
    await pane.getByRole("button", { name: "Close conversation" }).click();
    const closing = rep.getByRole("dialog", { name: "Close conversation" });
    await closing.getByRole("radiogroup", { name: "Outcome" }).getByRole("radio", { name: "Meeting booked" }).check();
    await closing.getByRole("button", { name: "Close conversation" }).click();
    await expect.poll(() => again.textContent()).toContain("Owner ended the chat.");
  });

  it("qualifies by free text alone: one message answers three questions, a doubt is confirmed", async () => {
    const rep = await repLogsIn();
    const { page: visitor } = await openPage(customerPage(serverUrl(), h.siteKey));
    await visitor.getByRole("button", { name: "Open chat" }).click();
    const chat = visitor.getByRole("dialog", { name: "Chat with Demo site" });
    const log = chat.getByRole("log");
    const box = chat.getByRole("textbox", { name: "Message" });
    await expect.poll(() => log.textContent()).toContain("What brings you here today?");
    await box.fill("I'm the CTO, we keep losing leads at night and need it by end of Q1");
    await box.press("Enter");
    await expect.poll(() => log.textContent()).toContain("What budget do you have in mind, per year?");
    // "about 50" is doubted (50 or 50k?) and confirmed with a Yes button.
    await box.fill("about 50");
    await box.press("Enter");
    await expect.poll(() => log.textContent()).toContain("Just to check: about $50,000?");
    await chat.getByRole("button", { name: "Yes" }).click();
    await expect.poll(() => log.textContent()).toContain("What's the best email to reach you?");
    const asked = (await log.textContent()) ?? "";
    expect(asked).not.toContain("Who makes the buying decision?");
    expect(asked).not.toContain("When do you need this in place?");
    await box.fill("ana.lopez@acme.io");
    await box.press("Enter");
    await expect.poll(() => log.textContent()).toContain("connecting you with a rep");

    const card = rep.getByRole("region", { name: "Offers" }).getByRole("article", { name: "Hot lead from Demo site" });
    await expect.poll(() => card.textContent()).toContain("ana.lopez@acme.io");
    expect(await card.getByRole("list", { name: "Why this score" }).getByRole("listitem").allTextContents()).toEqual([
      "Need: Capture more leads from our website: +20",
      "Budget about $50,000, at least $25k: +25",
      "Authority: decision maker (CTO): +25",
      "Timing: by end of Q1 2027, within a year: +5",
      "Work email (ana.lopez@acme.io): +5",
    ]);
  });

  it("an unknown site key logs a clear error and draws nothing", async () => {
    const { page, errors } = await openPage(customerPage(serverUrl(), "site_unknown"));
    await expect.poll(() => errors.join("\n")).toContain('unknown site key "site_unknown"');
    expect(await page.getByRole("button", { name: "Open chat" }).count()).toBe(0);
  });
});
