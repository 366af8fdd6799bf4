// Rating a chat in real Chromium: a visitor on a customer's page qualifies hot, the rep (a socket client) takes and
// closes the chat, the visitor rates it 4 with a comment; the owner's console shows it on the lead and averages it
// in the funnel's "Satisfaction by rep". The widget's rating states pass axe; a reload does not ask again, and a chat
// with the bot alone is never rated.
import { describe, expect, it } from "vitest";
import type { LeadCard } from "../../shared/protocol/index.ts";
import { appOnRedis, next, ok, ownerOnline } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, qualifyInWidget, sharedBrowser } from "../support/browser.ts";

// A page (re)load or a console page's first report, on a machine shared with other work: a bound, not a measure.
const load = { timeout: 15_000 };

describe("browser: rating a chat", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  it("the visitor rates the ended chat 4 with a comment; the lead and the funnel show it", {
    timeout: 90_000,
  }, async () => {
    const h = app();
    const rep = await ownerOnline(h);
    const visitor = await (await shared.browser().newContext()).newPage();
    await visitor.goto(await shared.host(h));
    await visitor.getByRole("button", { name: /^Open chat/ }).click();
    const chat = visitor.getByRole("dialog", { name: "Chat with Demo site" });
    await expect.poll(() => chat.getByRole("log").textContent(), load).toContain("What brings you here today?");
    const offered = next<LeadCard>(rep, "offer:created");
    await qualifyInWidget(chat, "rita@acme.io");
    const { conversationId } = await offered;
    await ok(rep.emitWithAck("offer:accept", { conversationId }));
    const log = chat.getByRole("log");
    await expect.poll(() => log.textContent()).toContain("Owner joined the chat.");
    // While the chat is live nobody asks for a rating.
    const question = chat.getByRole("group", { name: "How was your chat with Owner?" });
    expect(await question.count()).toBe(0);

    await ok(rep.emitWithAck("conversation:close", { conversationId, outcome: "qualified" }));
    await expect.poll(() => question.count()).toBe(1);
    expect(await question.getByRole("button").evaluateAll((b) => b.map((x) => x.getAttribute("aria-label")))).toEqual([
      "Terrible, 1 of 5",
      "Bad, 2 of 5",
      "OK, 3 of 5",
      "Good, 4 of 5",
      "Amazing, 5 of 5",
    ]);
    await expectAccessible(visitor, "the widget asking for a rating");

    // One click sends the score; the comment box takes focus.
    await question.getByRole("button", { name: "Good, 4 of 5" }).click();
    const comment = chat.getByRole("textbox", { name: "Thanks! Anything to add? (optional)" });
    await expect.poll(() => comment.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await expect.poll(async () => (await h.store.getConversation(conversationId))?.rating?.score).toBe(4);
    await expectAccessible(visitor, "the widget's rating comment box");
    await comment.fill("Quick and <b>helpful</b>");
    await chat.getByRole("button", { name: "Send", exact: true }).first().click();
    await expect.poll(() => chat.getByText("Thanks for your feedback.").count()).toBe(1);
    await expectAccessible(visitor, "the widget thanking for a rating");
    expect((await h.store.getConversation(conversationId))?.rating).toMatchObject({
      score: 4,
      comment: "Quick and <b>helpful</b>",
      repName: "Owner",
    });

    // A reload: the server knows it was rated, so the widget does not ask again.
    await visitor.reload();
    const again = visitor.getByRole("dialog", { name: "Chat with Demo site" });
    await expect.poll(() => again.getByRole("log").textContent(), load).toContain("Owner ended the chat.");
    expect(await again.getByRole("group", { name: "How was your chat with Owner?" }).count()).toBe(0);

    // The owner's console: the lead shows the rating with the rep, as text; the funnel averages it per rep.
    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, h.url);
    await expect.poll(() => page.getByRole("navigation", { name: "Console" }).count(), load).toBe(1);
    await page.goto(`${h.url}/console#/leads/${conversationId}`);
    const card = page.getByRole("region", { name: "Lead card" });
    await expect
      .poll(() => card.textContent(), load)
      .toContain("Rated 4/5 · “Quick and <b>helpful</b>” (chat with Owner)");
    expect(await card.locator("b").count()).toBe(0);
    await expectAccessible(page, "a rated lead");

    await page.goto(`${h.url}/console#/funnel`);
    const satisfaction = page.getByRole("region", { name: "Satisfaction by rep" });
    const table = satisfaction.getByRole("table", { name: "Satisfaction by rep" });
    await expect.poll(() => table.count(), load).toBe(1);
    const row = table.getByRole("row", { name: /Owner/ });
    expect(await row.getByRole("cell").allTextContents()).toEqual(["1", "4.0", "100%"]);
    await expectAccessible(page, "the funnel's satisfaction table");

    // A new chat with the bot alone, ended by the visitor: nothing to rate.
    await again.getByRole("button", { name: "Start a new chat" }).click();
    await expect.poll(() => again.getByRole("log").textContent()).toContain("What brings you here today?");
    await again.getByRole("button", { name: "Capture more leads from our website" }).click();
    await expect.poll(() => again.getByRole("log").textContent()).toContain("What budget");
    await again.getByRole("button", { name: "End chat" }).click();
    await expect.poll(() => again.getByText("This conversation has ended.").count()).toBe(1);
    expect(await again.getByRole("group", { name: /How was your chat/ }).count()).toBe(0);
  });

  it("the funnel says so when nobody rated a chat in the range", { timeout: 60_000 }, async () => {
    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, app().url);
    await expect.poll(() => page.getByRole("navigation", { name: "Console" }).count(), load).toBe(1);
    await page.goto(`${app().url}/console#/funnel`);
    const satisfaction = page.getByRole("region", { name: "Satisfaction by rep" });
    await expect.poll(() => satisfaction.textContent(), load).toContain("No ratings in this range.");
  });
});
