// The inbox in real Chromium: a rep switches views, searches by email, opens a conversation, reads its
// transcript, the score's reasons and the page trail, and adds a note that is still there after a reload.
// Visitors and the owner who closes a chat are socket.io clients.
import { describe, expect, it } from "vitest";
import type { LeadCard } from "../../shared/protocol/index.ts";
import { appOnRedis, connected, next, ok, ownerOnline, qualifyHot } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, sharedBrowser } from "../support/browser.ts";

describe("browser: console inbox", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  it("views, search, a conversation with lead card, trail and transcript, and a note that stays", {
    timeout: 60_000,
  }, async () => {
    const h = app();
    const owner = await ownerOnline(h);

    // With the bot: one answer in.
    const bot = h.visitor();
    await connected(bot);
    await ok(bot.emitWithAck("conversation:join", { lastSeq: 0, pageUrl: "https://acme.test/blog" }));
    await ok(bot.emitWithAck("message:send", { clientId: "b1", choice: "capture" }));

    // Closed with an outcome by the owner.
    const closer = h.visitor();
    await connected(closer);
    const closed = await ok(closer.emitWithAck("conversation:join", { lastSeq: 0 }));
    const offered = next<LeadCard>(owner, "offer:created");
    await qualifyHot(closer, "cleo@closed.co");
    await offered;
    await ok(owner.emitWithAck("offer:accept", { conversationId: closed.conversation.id }));
    await ok(
      owner.emitWithAck("conversation:close", { conversationId: closed.conversation.id, outcome: "meeting-booked" }),
    );

    // Hot and waiting: the owner is online, nobody accepts.
    const hot = h.visitor();
    await connected(hot);
    await ok(
      hot.emitWithAck("conversation:join", {
        lastSeq: 0,
        pageUrl: "https://acme.test/pricing",
        pagesBefore: ["https://acme.test/", "https://acme.test/features"],
      }),
    );
    const ringing = next<LeadCard>(owner, "offer:created");
    await qualifyHot(hot, "hana@hot.io");
    await ringing;

    await h.addRep("rita@test.local", "Rita");
    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, h.url, "rita@test.local");
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Inbox" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Inbox");

    const views = page.getByRole("navigation", { name: "Inbox views" });
    const list = page.getByRole("list", { name: "Conversations" });
    const rows = () => list.getByRole("listitem").allTextContents();
    await expect.poll(async () => (await rows()).length).toBe(3);
    expect(await views.getByRole("link", { name: "Waiting for a rep (1)" }).count()).toBe(1);
    expect(await views.getByRole("link", { name: "Closed (1)" }).count()).toBe(1);
    await expectAccessible(page, "inbox list");

    await views.getByRole("link", { name: /^Waiting for a rep/ }).click();
    await expect.poll(rows).toEqual([expect.stringContaining("hana@hot.io")]);
    expect((await rows())[0]).toContain("Hot");
    await views.getByRole("link", { name: /^Closed/ }).click();
    await expect.poll(rows).toEqual([expect.stringContaining("cleo@closed.co")]);
    await views.getByRole("link", { name: /^With the bot/ }).click();
    await expect.poll(rows).toEqual([expect.stringContaining("Anonymous visitor")]);

    await views.getByRole("link", { name: /^All/ }).click();
    await expect.poll(async () => (await rows()).length).toBe(3);
    await page.getByLabel("Search by name, email or company").fill("HANA@hot");
    await page.getByRole("button", { name: "Search" }).click();
    await expect.poll(rows).toEqual([expect.stringContaining("hana@hot.io")]);
    expect(page.url()).toContain("q=HANA%40hot");

    await list.getByRole("link", { name: "hana@hot.io" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("hana@hot.io");
    const transcript = page.getByRole("list", { name: "Transcript" });
    await expect.poll(() => transcript.textContent()).toContain("hana@hot.io");
    expect(await transcript.textContent()).toContain("What budget");
    const reasons = page.getByRole("list", { name: "Why this score" });
    expect(await reasons.textContent()).toContain("Budget");
    const trail = page.getByRole("list", { name: "Page trail, oldest first" });
    expect(await trail.getByRole("listitem").allTextContents()).toEqual([
      "https://acme.test/",
      "https://acme.test/features",
      "https://acme.test/pricing",
    ]);
    // Not Rita's live chat: nothing to open on the Chats page.
    expect(await page.getByRole("link", { name: "Open live chat" }).count()).toBe(0);
    await expectAccessible(page, "inbox conversation");

    const form = page.getByRole("form", { name: "Add note" });
    await form.getByRole("button", { name: "Add note" }).click();
    await expect.poll(() => form.getByLabel("Note").getAttribute("aria-invalid")).toBe("true");
    expect(await form.textContent()).toContain("Write a note first.");
    await expectAccessible(page, "inbox note error");

    await form.getByLabel("Note").fill("Asked about SSO; call Friday");
    await form.getByRole("button", { name: "Add note" }).click();
    const notes = page.getByRole("list", { name: "Notes" });
    await expect.poll(() => notes.textContent()).toContain("Asked about SSO; call Friday");
    expect(await notes.textContent()).toContain("Rita");
    expect(await form.getByLabel("Note").inputValue()).toBe("");

    await page.reload();
    await expect
      .poll(() => page.getByRole("list", { name: "Notes" }).textContent())
      .toContain("Asked about SSO; call Friday");
  });

  it("a live chat of mine links from the inbox to the Chats page, which opens that chat", {
    timeout: 45_000,
  }, async () => {
    const h = app();
    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, h.url);
    await expect.poll(() => page.locator("[data-connection]").getAttribute("data-connection")).toBe("online");

    const ids: string[] = [];
    for (const email of ["first@big.co", "second@big.co"]) {
      const v = h.visitor();
      await connected(v);
      ids.push((await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }))).conversation.id);
      await qualifyHot(v, email);
      const card = page.getByRole("region", { name: "Offers" }).getByRole("article").filter({ hasText: email });
      await card.getByRole("button", { name: "Accept" }).click();
      await expect.poll(() => page.getByRole("region", { name: `Conversation with ${email}` }).count()).toBe(1);
    }

    // The second chat is open; the inbox's link for the first one opens the first.
    await page.goto(`${h.url}/console#/inbox/${ids[0]}`);
    await page.getByRole("link", { name: "Open live chat" }).click();
    await expect.poll(() => page.getByRole("region", { name: "Conversation with first@big.co" }).count()).toBe(1);
    expect(page.url()).toContain(`#/chats/${ids[0]}`);
  });
});
