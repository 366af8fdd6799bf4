// The rep's desk in real Chromium: three panes at 1366x768 (one at a time at 390x844) where a long conversation
// keeps its last message and the reply box in view and the page never scrolls; the lead in one line with each fact
// once; keyboard shortcuts that leave typing alone; the visitor's typing; and the notice when the browser blocks the
// ring's sound. Visitors are socket.io clients; axe checks the desk with an offer ringing and in a live chat.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appOnRedis, connected, logIn, ok, type VisitorClient } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, sharedBrowser } from "../support/browser.ts";

const desktop = { width: 1366, height: 768 };
const phone = { width: 390, height: 844 };

// One message that answers budget, authority and timing at once: the card used to quote it under each.
const threeInOne = "We have about $50k a year, I'm the CTO and I decide, we need it this quarter";

describe("browser: the rep's desk", () => {
  // A long conversation needs more visitor messages than a person types in 10 s.
  const open = { limit: 1000, windowMs: 10_000 };
  const app = appOnRedis({ limits: { messagesPerVisitor: open, messagesPerIp: open } });
  const shared = sharedBrowser();

  async function repPage(viewport = desktop): Promise<Page> {
    const page = await (await shared.browser().newContext({ viewport })).newPage();
    await consoleLogin(page, app().url);
    await expect.poll(() => page.getByRole("banner").textContent()).toContain("Online");
    return page;
  }

  // A visitor who qualifies hot in their own words and is handed to the console.
  const idOf = (email: string) => email.replace(/\W/g, "_");

  async function hotVisitor(email: string): Promise<VisitorClient> {
    const v = app().visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    for (const [i, text] of ["We want to capture more leads from our website", threeInOne, email].entries()) {
      await ok(v.emitWithAck("message:send", { clientId: `${idOf(email)}-${i}`, text }));
    }
    return v;
  }

  const offerCard = (page: Page, email: string) =>
    page.getByRole("region", { name: "Offers" }).getByRole("article").filter({ hasText: email });
  const chatPane = (page: Page, email: string) => page.getByRole("region", { name: `Conversation with ${email}` });

  async function chatter(v: VisitorClient, email: string, count: number): Promise<string> {
    let last = "";
    for (let i = 1; i <= count; i++) {
      last = `Line ${i} of ${count} from ${email}, long enough to fill most of a row in the transcript.`;
      await ok(v.emitWithAck("message:send", { clientId: `${idOf(email)}-line-${i}`, text: last }));
    }
    return last;
  }

  // Inside the window, and inside the scroller that holds it (a message scrolled out of its log is not in view).
  async function expectInView(page: Page, what: Locator, scroller?: Locator) {
    const box = await what.boundingBox();
    const frame = scroller ? await scroller.boundingBox() : { x: 0, y: 0, ...page.viewportSize() };
    if (!box || !frame?.width || !frame.height) throw new Error("not on screen");
    expect(box.y).toBeGreaterThanOrEqual(frame.y - 1);
    expect(box.y + box.height).toBeLessThanOrEqual(frame.y + frame.height + 1);
    expect(box.y + box.height).toBeLessThanOrEqual((page.viewportSize()?.height ?? 0) + 1);
  }

  const pageScrolls = (page: Page) =>
    page.evaluate(() => {
      const doc = document.scrollingElement ?? document.documentElement;
      return { down: doc.scrollHeight > innerHeight, across: doc.scrollWidth > innerWidth };
    });

  it("at 1366x768 keeps a long chat's last message and reply box in view, the page still; the lead in one line", async () => {
    const page = await repPage();
    const v = await hotVisitor("long@big.co");
    await expect.poll(() => offerCard(page, "long@big.co").count()).toBe(1);
    await expectAccessible(page, "the desk with an offer ringing at 1366x768");
    await offerCard(page, "long@big.co").getByRole("button", { name: "Accept" }).click();
    const pane = chatPane(page, "long@big.co");
    const log = pane.getByRole("log", { name: "Conversation" });
    const last = await chatter(v, "long@big.co", 32);
    await expect.poll(() => log.textContent()).toContain(last);

    await expectInView(page, log.getByText(last), log);
    await expectInView(page, pane.getByRole("textbox", { name: "Message" }));
    await expectInView(page, pane.getByRole("button", { name: "Send" }));
    expect(await pageScrolls(page)).toEqual({ down: false, across: false });
    // Three panes side by side: the list and the lead stay in view beside the chat.
    await expectInView(page, page.getByRole("heading", { name: "Conversations" }));
    const lead = page.getByRole("region", { name: "Lead details" });
    await expectInView(page, lead.getByRole("heading", { name: "Lead details" }));

    // The lead in one line, each fact once; the visitor's words quoted once though three answers came from them.
    const summary = await lead.getByRole("paragraph").first().textContent();
    const facts = summary?.split(" · ") ?? [];
    expect(facts).toEqual([...new Set(facts)]);
    expect(facts).toEqual(
      expect.arrayContaining(["Hot", "about $50,000 per year", "decision maker (CTO)", "this quarter"]),
    );
    expect((await lead.textContent())?.split(threeInOne).length).toBe(2);

    // The visitor's typing shows above the reply box, as a polite status.
    await ok(v.emitWithAck("typing:set", { typing: true }));
    await expect.poll(() => pane.getByRole("status").filter({ hasText: "Visitor is typing…" }).count()).toBe(1);
    await expectAccessible(page, "the desk in a live chat at 1366x768");
  });

  it("at 390x844 shows one pane at a time: the list, the chat with its reply box in view, the lead, and back", async () => {
    const page = await repPage(phone);
    const v = await hotVisitor("phone@big.co");
    await expect.poll(() => offerCard(page, "phone@big.co").count()).toBe(1);
    await expectAccessible(page, "the desk with an offer ringing at 390x844");
    await offerCard(page, "phone@big.co").getByRole("button", { name: "Accept" }).click();
    const pane = chatPane(page, "phone@big.co");
    const log = pane.getByRole("log", { name: "Conversation" });
    const last = await chatter(v, "phone@big.co", 30);
    await expect.poll(() => log.textContent()).toContain(last);

    // The chat alone: the list made way for it.
    expect(await page.getByRole("region", { name: "Conversations" }).isVisible()).toBe(false);
    await expectInView(page, log.getByText(last), log);
    await expectInView(page, pane.getByRole("textbox", { name: "Message" }));
    expect(await pageScrolls(page)).toEqual({ down: false, across: false });
    await expectAccessible(page, "the desk in a live chat at 390x844");

    await pane.getByRole("button", { name: "Lead details" }).click();
    const lead = page.getByRole("region", { name: "Lead details" });
    await expect.poll(() => lead.isVisible()).toBe(true);
    expect(await pane.isVisible()).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Lead details");
    expect(await pageScrolls(page)).toEqual({ down: false, across: false });
    await lead.getByRole("button", { name: "Back to chat" }).click();
    await expect.poll(() => pane.isVisible()).toBe(true);

    await pane.getByRole("button", { name: "Back to conversations" }).click();
    const list = page.getByRole("region", { name: "Conversations" });
    await expect.poll(() => list.isVisible()).toBe(true);
    expect(await pane.isVisible()).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Conversations");
    // Back in the list, the conversation opens again.
    await list.getByRole("button", { name: /phone@big\.co/ }).click();
    await expect.poll(() => pane.isVisible()).toBe(true);
  });

  it("accepts, moves between and closes conversations by keyboard, never while the rep types; ? lists the keys", async () => {
    const page = await repPage();
    const focusName = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
    await hotVisitor("first@big.co");
    await expect.poll(() => offerCard(page, "first@big.co").count()).toBe(1);
    await page.keyboard.press("a");
    await expect.poll(() => chatPane(page, "first@big.co").count()).toBe(1);
    await expect.poll(focusName).toBe("Conversation with first@big.co");

    await hotVisitor("second@big.co");
    await expect.poll(() => offerCard(page, "second@big.co").count()).toBe(1);
    // Typed in the message box, the keys are words, not shortcuts: the offer keeps ringing.
    const box = chatPane(page, "first@big.co").getByRole("textbox", { name: "Message" });
    await page.keyboard.press("r");
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("a quick check");
    expect(await box.inputValue()).toBe("a quick check");
    expect(await offerCard(page, "second@big.co").count()).toBe(1);
    await page.keyboard.press("Escape");
    await expect.poll(focusName).toBe("Conversation with first@big.co");
    await page.keyboard.press("a");
    await expect.poll(() => chatPane(page, "second@big.co").count()).toBe(1);

    // The list has the newest first: j goes down it, k back up.
    const current = page.getByRole("region", { name: "Conversations" }).locator("[aria-current=true]");
    await expect.poll(() => current.textContent()).toContain("second@big.co");
    await page.keyboard.press("j");
    await expect.poll(() => chatPane(page, "first@big.co").count()).toBe(1);
    expect(await current.textContent()).toContain("first@big.co");
    await page.keyboard.press("k");
    await expect.poll(() => chatPane(page, "second@big.co").count()).toBe(1);

    await page.keyboard.press("c");
    const closing = page.getByRole("dialog", { name: "Close conversation" });
    await expect.poll(() => closing.count()).toBe(1);
    // Keys inside a dialog are the dialog's.
    await page.keyboard.press("j");
    expect(await chatPane(page, "second@big.co").count()).toBe(1);
    await closing.getByRole("radio", { name: "Qualified opportunity" }).check();
    await closing.getByRole("button", { name: "Close conversation" }).click();
    await expect
      .poll(() => chatPane(page, "second@big.co").getByRole("status").first().textContent())
      .toContain("Outcome: Qualified opportunity.");

    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect.poll(() => help.count()).toBe(1);
    const listed = await help.getByRole("cell").allTextContents();
    for (const does of ["Accept the ringing offer", "Next conversation", "Previous conversation", "Close the conv"]) {
      expect(listed.some((d) => d.startsWith(does))).toBe(true);
    }
    await expectAccessible(page, "the keyboard shortcuts dialog");
    await page.keyboard.press("Escape");
    await expect.poll(() => help.count()).toBe(0);
    // The visible button opens the same list.
    await page.getByRole("button", { name: /^Keyboard shortcuts/ }).click();
    await expect.poll(() => help.count()).toBe(1);
  });

  it("says when the browser blocks the ring's sound, and a click on Enable sound turns it on", async () => {
    // A console opened signed in (the session cookie a login leaves) and never clicked or typed in, so audio may
    // not start. Not the login form and a reload: Chromium may carry the form's click over to the reloaded page,
    // and then sound is allowed and rightly no notice shows (this test failed so, now and then). Playwright's own
    // queries count as a user's gesture, so none touches the page until the offer rings: the console is there
    // once its socket has the inbox.
    const { token } = await logIn(app().url);
    const context = await shared.browser().newContext({ viewport: desktop });
    await context.addCookies([{ name: "banter_session", value: encodeURIComponent(token), url: app().url }]);
    const page = await context.newPage();
    const socket = page.waitForEvent("websocket");
    await page.goto(`${app().url}/console`);
    const ws = await socket;
    await ws.waitForEvent("framereceived", { predicate: (f) => String(f.payload).includes('"offers"') });
    const notice = page.getByRole("status").filter({ hasText: "Sound is blocked" });
    // The ring heard by the page's socket before anything queries the page, and a moment for the page to ring: a
    // query before the ring could count as the gesture that lets sound start (this test failed so on a slow run).
    const rang = ws.waitForEvent("framereceived", { predicate: (f) => String(f.payload).includes('"offer:created"') });
    await hotVisitor("quiet@big.co");
    await rang;
    await new Promise((r) => setTimeout(r, 300));
    await expect.poll(() => offerCard(page, "quiet@big.co").count()).toBe(1);
    await expect.poll(() => notice.count()).toBe(1);
    await expectAccessible(page, "the desk with the sound notice");
    // Still blocked: only the button (or another click on the page) lets sound start.
    expect(await notice.count()).toBe(1);
    await notice.getByRole("button", { name: "Enable sound" }).click();
    await expect.poll(() => notice.count()).toBe(0);

    // Once allowed, the next offer rings without a notice.
    await hotVisitor("loud@big.co");
    await expect.poll(() => offerCard(page, "loud@big.co").count()).toBe(1);
    expect(await notice.count()).toBe(0);
  });
});
