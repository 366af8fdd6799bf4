// Saved replies in real Chromium: the owner adds one on the Saved replies page; a rep in a live chat types "/pri",
// picks it by keyboard, and the visitor receives its text. axe checks the page and the open picker.
import { describe, expect, it } from "vitest";
import { appOnRedis, connected, ok, onMessage, qualifyHot } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, openFromNav, sharedBrowser } from "../support/browser.ts";

// Waits for the page to get there, with room for a loaded machine (vitest's default is one second).
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

const pricingText = "Our plans start at $49 a month, billed yearly.";

describe("browser: saved replies", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  it("an owner adds, edits and deletes saved replies on their page, with a confirmation, no axe violations", {
    timeout: 60_000,
  }, async () => {
    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, app().url);
    await openFromNav(page, "Saved replies");
    await page.getByRole("heading", { name: "Saved replies", level: 1 }).waitFor();
    await page.getByText("No saved replies yet.").waitFor();
    await expectAccessible(page, "the Saved replies page, empty");

    const form = page.getByRole("form", { name: "New saved reply" });
    await form.getByRole("button", { name: "Add saved reply" }).click();
    await poll(() => form.getByLabel("Shortcut").getAttribute("aria-invalid")).toBe("true");
    expect(await form.getByText("Enter a shortcut.").count()).toBe(1);
    await expectAccessible(page, "the Saved replies page with field errors");

    await form.getByLabel("Shortcut").fill("pricing");
    await form.getByLabel("Title (optional)").fill("Plans and prices");
    await form.getByLabel("Text").fill("Plans start at $49.");
    await form.getByRole("button", { name: "Add saved reply" }).click();
    const list = page.getByRole("region", { name: /Your team's saved replies/ });
    await poll(() => list.getByRole("listitem").count()).toBe(1);
    expect(await page.getByRole("status").filter({ hasText: "Added /pricing" }).count()).toBe(1);
    // The form starts afresh for the next one.
    expect(await form.getByLabel("Shortcut").inputValue()).toBe("");

    await list.getByRole("button", { name: "Edit /pricing" }).click();
    const edit = list.getByRole("form", { name: "Edit /pricing" });
    // Opening the form moves focus to its first field: typed before that, the text could land in the shortcut.
    await poll(() => edit.getByLabel("Shortcut").evaluate((el) => el === document.activeElement)).toBe(true);
    await edit.getByLabel("Text").fill(pricingText);
    await edit.getByRole("button", { name: "Save changes" }).click();
    await poll(() => list.textContent()).toContain(pricingText);
    await expectAccessible(page, "the Saved replies page with a reply");

    await form.getByLabel("Shortcut").fill("bye");
    await form.getByLabel("Text").fill("Thanks for chatting!");
    await form.getByRole("button", { name: "Add saved reply" }).click();
    await poll(() => list.getByRole("listitem").count()).toBe(2);
    await list.getByRole("button", { name: "Delete /bye" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete /bye?" });
    await dialog.waitFor();
    await expectAccessible(page, "the delete confirmation");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(await list.getByRole("listitem").count()).toBe(2);
    await list.getByRole("button", { name: "Delete /bye" }).click();
    await dialog.getByRole("button", { name: "Delete saved reply" }).click();
    await poll(() => list.getByRole("listitem").count()).toBe(1);
    expect((await app().store.listSavedReplies()).map((r) => [r.shortcut, r.text])).toEqual([["pricing", pricingText]]);
  });

  it("a rep types /pri in a live chat, picks the reply by keyboard, and the visitor receives it", {
    timeout: 60_000,
  }, async () => {
    const { token } = await app().login();
    await fetch(`${app().url}/api/saved-replies`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ shortcut: "pricing", title: "Plans and prices", text: pricingText }),
    });
    await fetch(`${app().url}/api/saved-replies`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ shortcut: "prices-eu", title: "Prices in euros", text: "In euros: from €45 a month." }),
    });

    const rep = await (await shared.browser().newContext()).newPage();
    await consoleLogin(rep, app().url);
    const offers = rep.getByRole("region", { name: "Offers" });
    await poll(() => rep.getByRole("banner").textContent()).toContain("Online");
    // The visitor is a socket client, as the chat widget is on the wire: what it receives is what the chat shows.
    const visitor = app().visitor();
    const received: string[] = [];
    onMessage(visitor, (m) => received.push(m.text));
    await connected(visitor);
    await ok(visitor.emitWithAck("conversation:join", { lastSeq: 0 }));
    await qualifyHot(visitor, "ana@big.co");
    const card = offers.getByRole("article").filter({ hasText: "ana@big.co" });
    await card.getByRole("button", { name: /^Accept/ }).click();
    const pane = rep.getByRole("region", { name: "Conversation with ana@big.co" });
    await pane.waitFor();

    const box = pane.getByRole("textbox", { name: "Message" });
    await box.focus();
    await rep.keyboard.type("/pri");
    const picker = pane.getByRole("listbox", { name: "Saved replies" });
    await poll(() => picker.getByRole("option").count()).toBe(2);
    // The box names the list and its active option, so a screen reader says each option as it becomes active.
    const first = picker.getByRole("option", { selected: true });
    // By shortcut: "prices-eu" before "pricing".
    expect(await first.textContent()).toContain("/prices-eu");
    expect(await box.getAttribute("aria-controls")).toBe(await picker.getAttribute("id"));
    expect(await box.getAttribute("aria-activedescendant")).toBe(await first.getAttribute("id"));
    await expectAccessible(rep, "the live chat with the saved replies picker open");

    // Narrowed by what follows the slash ("/pri" found /pricing by its shortcut, and would by its title "Plans and
    // prices"): "/prices-e" leaves the euro prices only. Escape closes; the list is back when a slash is typed again.
    await rep.keyboard.type("ces-e");
    await poll(() => picker.getByRole("option").count()).toBe(1);
    await rep.keyboard.press("Escape");
    await poll(() => picker.count()).toBe(0);
    expect(await box.inputValue()).toBe("/prices-e");
    await box.fill("");
    await rep.keyboard.type("/pri");
    await poll(() => picker.getByRole("option").count()).toBe(2);

    const active = () => picker.getByRole("option", { selected: true }).textContent();
    await rep.keyboard.press("ArrowDown");
    await poll(active).toContain("/pricing");
    // Round the end and back.
    await rep.keyboard.press("ArrowDown");
    await poll(active).toContain("/prices-eu");
    await rep.keyboard.press("ArrowUp");
    await poll(active).toContain("/pricing");
    await rep.keyboard.press("Enter");
    await poll(() => box.inputValue()).toBe(pricingText);
    expect(await picker.count()).toBe(0);
    // Nothing was sent yet: the rep can still edit the text.
    expect(received).not.toContain(pricingText);

    await rep.keyboard.press("Enter");
    await poll(async () => received).toContain(pricingText);
    expect(await box.inputValue()).toBe("");

    // The mouse: a click on an option puts it in too.
    await rep.keyboard.type("/euro");
    await picker.getByRole("option", { name: /prices-eu/ }).click();
    await poll(() => box.inputValue()).toBe("In euros: from €45 a month.");
  });
});
