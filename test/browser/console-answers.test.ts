// Answers in the console, in real Chromium (P5, A1-A5): the owner edits the playbook's answers (one line each until
// opened), tries questions on the draft, turns a question the bot could not answer into an answer and publishes
// it; the next visitor gets that answer. A rep's lead card says what the visitor asked. No axe violations.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appOnRedis, connected, type Harness, ok, qualifyHot } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, openFromNav, sharedBrowser } from "../support/browser.ts";

const shots = process.env.SCREENSHOTS_DIR;
// With SCREENSHOTS_DIR set, pictures of what a person would see, for a reviewer to look at.
const shot = async (what: Page | Locator, name: string) => {
  if (shots) await what.screenshot({ path: `${shots}/${name}.png` });
};

// A visitor on the demo site who says each text in turn, over a real socket; returns every message of the chat.
async function visitorSays(h: Harness, ...texts: string[]) {
  const v = h.visitor();
  await connected(v);
  const joined = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
  for (const [i, text] of texts.entries()) await ok(v.emitWithAck("message:send", { clientId: `m${i}`, text }));
  const after = await ok(v.emitWithAck("conversation:join", { visitorToken: joined.visitorToken, lastSeq: 0 }));
  v.disconnect();
  return after.messages.map((m) => m.text);
}

async function openEditor(page: Page, h: Harness) {
  await consoleLogin(page, h.url);
  await openFromNav(page, "Playbooks");
  await page.getByRole("link", { name: "Demo site" }).click();
  await page.getByRole("button", { name: /^Answers/ }).click();
  const section = page.getByRole("region", { name: "Answers" });
  await expect.poll(() => section.getByRole("button", { name: /^Pricing/ }).count()).toBe(1);
  return section;
}

describe("browser: console answers", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  it("P5 answers are one line each until opened; edit, try a question, reorder, remove; errors at their fields", {
    timeout: 60_000,
  }, async () => {
    const page = await (await shared.browser().newContext()).newPage();
    const section = await openEditor(page, app());
    // The demo's thirteen answers, collapsed: no field of theirs is on the page.
    const answers = section.getByRole("list", { name: "Answers" });
    expect(await answers.getByRole("listitem").count()).toBe(13);
    expect(await section.getByLabel("Answer", { exact: true }).count()).toBe(0);
    await shot(section, "answers-collapsed");
    await expectAccessible(page, "answers, collapsed");

    const pricing = section.getByRole("button", { name: /^Pricing/ });
    expect(await pricing.getAttribute("aria-expanded")).toBe("false");
    await pricing.click();
    expect(await pricing.getAttribute("aria-expanded")).toBe("true");
    const group = section.getByRole("group", { name: "Answer 2: Pricing" });
    expect(await group.getByLabel("Topic").inputValue()).toBe("Pricing");
    expect((await group.getByLabel("Example questions").inputValue()).split("\n")).toContain("How much does it cost?");
    expect(await group.getByLabel("Link address").inputValue()).toMatch(/^https?:\/\//);
    await shot(section, "answers-pricing-open");
    await expectAccessible(page, "an answer opened");

    // Try a question: the draft's answers, with how sure the bot is, announced politely.
    const tryBox = section.getByLabel("Try a question");
    const result = section.getByRole("status");
    await tryBox.fill("how much does it cost?");
    await expect.poll(() => result.textContent()).toBe("Would answer: Pricing (sure, 100%).");
    await tryBox.fill("do you have an iPhone app?");
    await expect.poll(() => result.textContent()).toMatch(/^(No answer matches\.|Would not answer: not sure enough)/);
    // A new example in the draft is tried at once, published or not.
    const examples = group.getByLabel("Example questions");
    await examples.fill(`${await examples.inputValue()}\ndo you have an iPhone app?`);
    await expect.poll(() => result.textContent()).toBe("Would answer: Pricing (sure, 100%).");
    await tryBox.fill("how much for the pro plan and is there a trial?");
    await expect
      .poll(() => result.textContent())
      .toMatch(/^Would not answer: not sure enough \(closest: .+, \d+%\)\.$/);
    await tryBox.fill("zebra crossing");
    await expect.poll(() => result.textContent()).toBe("No answer matches.");
    await shot(section, "answers-try");

    // A link without an address is refused next to its field; emptying both boxes removes the link.
    await group.getByLabel("Link address").fill("");
    await expect.poll(() => group.getByLabel("Link address").getAttribute("aria-invalid")).toBe("true");
    expect(await pricing.textContent()).toContain("Has problems");
    expect(await page.getByRole("heading", { name: "1 problem to fix before publishing" }).count()).toBe(1);
    await group.getByLabel("Link text").fill("");
    await expect.poll(() => page.getByRole("heading", { name: /to fix before publishing/ }).count()).toBe(0);

    // Reorder: focus stays on the moved answer, which stays open; remove.
    await group.getByRole("button", { name: "Move up answer 2" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("pb-answers-0-down");
    expect(await section.getByRole("group", { name: "Answer 1: Pricing" }).count()).toBe(1);
    await section
      .getByRole("group", { name: "Answer 1: Pricing" })
      .getByRole("button", { name: "Remove answer 1" })
      .click();
    expect(await answers.getByRole("listitem").count()).toBe(12);
    expect(await section.getByRole("button", { name: /^Pricing/ }).count()).toBe(0);

    // A new answer opens with its topic focused; left empty, its problems are shown on it and by the server.
    await section.getByRole("button", { name: "Add answer" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("pb-answers-12-topic");
    const fresh = section.getByRole("group", { name: "Answer 13: answer-13" });
    await fresh.getByLabel("Topic").fill("Mobile app");
    await page.getByRole("button", { name: "Publish" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Not published: 2 problems" }).count()).toBe(1);
    const answerBox = section
      .getByRole("group", { name: "Answer 13: Mobile app" })
      .getByLabel("Answer", { exact: true });
    expect(await answerBox.getAttribute("aria-invalid")).toBe("true");
    await shot(page, "answers-errors");
    await expectAccessible(page, "a new answer with problems");
  });

  it("A5 a question the bot could not answer becomes an answer in two clicks; the next visitor gets it", {
    timeout: 60_000,
  }, async () => {
    const h = app();
    const question = "Do you have an iPhone app?";
    const first = await visitorSays(h, question);
    expect(first.at(-1)).not.toContain("Not yet");
    await visitorSays(h, "do you have an iphone app", "is there an office in Lisbon?");

    const page = await (await shared.browser().newContext()).newPage();
    const section = await openEditor(page, h);
    const list = section.getByRole("table", { name: "Questions the bot could not answer" });
    const rows = list.getByRole("row");
    // The header, and one row per question: most asked first, in its latest words, with its count.
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(1).getByRole("cell").allTextContents()).toEqual([
      "do you have an iphone app",
      "2",
      expect.any(String),
      "Answer this question: do you have an iphone app",
    ]);
    await shot(section, "unanswered-list");
    await expectAccessible(page, "the unanswered questions");

    await list.getByRole("button", { name: "Answer this question: do you have an iphone app" }).click();
    // The new answer is open with the question as its example and, shortened, its topic, and the cursor is in its
    // answer text.
    const answer = section.getByRole("group", { name: "Answer 14: Do you have an iphone app" });
    expect(await answer.getByLabel("Example questions").inputValue()).toBe("do you have an iphone app");
    expect(await answer.getByLabel("Topic").inputValue()).toBe("Do you have an iphone app");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("pb-answers-13-answer");
    await page.keyboard.type("Not yet: the console works in Safari on the iPhone.");
    await expect.poll(() => rows.nth(1).textContent()).toContain("In the draft (Do you have an iphone app)");
    await shot(section, "unanswered-drafted");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByRole("button", { name: "Publish now" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Published version 2" }).count()).toBe(1);
    await expect.poll(() => rows.count()).toBe(2);
    expect(await list.textContent()).toContain("is there an office in Lisbon?");

    // A new visitor who asks it now gets the answer.
    const later = await visitorSays(h, question);
    expect(later).toContain("Not yet: the console works in Safari on the iPhone.");
  });

  it("A5 the lead card says what the visitor asked: the topics answered, and the questions not answered", {
    timeout: 60_000,
  }, async () => {
    const h = app();
    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, h.url);
    const offers = page.getByRole("region", { name: "Offers" });
    await expect.poll(() => page.getByRole("banner").textContent()).toContain("Online");

    const v = h.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    // A question between answers, as visitors ask them; the bot picks each question up again after it (A3).
    const turns = [
      { text: "how much does it cost?" },
      { choice: "capture" },
      { text: "do you integrate with salesforce?" },
      { choice: "over-100k" },
      { text: "do you have an iPhone app?" },
      { choice: "decider" },
      { choice: "month" },
      { text: "ana@big.co" },
    ];
    for (const [i, turn] of turns.entries()) await ok(v.emitWithAck("message:send", { clientId: `t${i}`, ...turn }));

    const card = offers.getByRole("article");
    await expect.poll(() => card.count()).toBe(1);
    // In the card's grid under the answers; the visitor's own words in quotation marks (a <q>, as the card
    // quotes their answers).
    const fact = (term: string) =>
      card.getByRole("term").filter({ hasText: term }).locator("xpath=following-sibling::dd");
    expect(await fact("Asked about").textContent()).toBe("Pricing, Integrations");
    expect(await fact("Not answered").locator("q").allTextContents()).toEqual(["do you have an iPhone app?"]);
    await shot(card, "lead-card-asked");
    await expectAccessible(page, "an offer whose visitor asked questions");

    // A visitor who asked nothing has no such line.
    const quiet = h.visitor();
    await connected(quiet);
    await ok(quiet.emitWithAck("conversation:join", { lastSeq: 0 }));
    await qualifyHot(quiet, "bo@big.co");
    await expect.poll(() => card.count()).toBe(2);
    expect(await offers.getByRole("term").filter({ hasText: "Asked about" }).count()).toBe(1);
  });
});
