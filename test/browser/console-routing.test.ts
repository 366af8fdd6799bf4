// Routing in the console, in real Chromium: the rep's availability reaches the server and survives a reload, an
// offer can be declined, shows the visitor's local time and pages, and counts down when it rings one rep at a
// time; a live conversation moves to a teammate in another browser; closing records an outcome. Visitors and
// onlookers are socket.io clients.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { RepPresence } from "../../shared/protocol/index.ts";
import { appOnRedis, connected, ok, onMessage, ownerEmail, qualifyHot, type RepClient } from "../support/app.ts";
import { consoleLogin, sharedBrowser } from "../support/browser.ts";

describe("browser: console routing", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  // A rep's socket that is online but away (said so: the server counts a rep who never chose as available): it
  // hears presence broadcasts and asks for the team.
  async function onlooker(email = "watch@test.local", name = "Wendy"): Promise<{ s: RepClient; heard: RepPresence[] }> {
    await app().addRep(email, name);
    const { token } = await app().login(email);
    const s = app().rep(token);
    const heard: RepPresence[] = [];
    s.on("presence:updated", (p) => heard.push(p));
    await connected(s);
    await ok(s.emitWithAck("presence:set", { status: "away" }));
    heard.length = 0;
    return { s, heard };
  }

  async function repPage(email = ownerEmail): Promise<Page> {
    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, app().url, email);
    return page;
  }

  const statusGroup = (page: Page) => page.getByRole("radiogroup", { name: "Your status" });

  // Available, as the server sees it (an offer only rings reps it counts available).
  async function goAvailable(page: Page, watcher: RepClient, name: string) {
    await statusGroup(page).getByRole("radio", { name: "Available" }).check();
    await expect
      .poll(async () => (await ok(watcher.emitWithAck("team:get", {}))).reps.find((r) => r.name === name)?.status)
      .toBe("available");
  }

  async function hotVisitor(email: string, join: { pageUrl?: string; timeZone?: string } = {}) {
    const v = app().visitor();
    await connected(v);
    const joined = await ok(v.emitWithAck("conversation:join", { lastSeq: 0, ...join }));
    await qualifyHot(v, email);
    return { v, conversationId: joined.conversation.id };
  }

  const offerCard = (page: Page, email: string) =>
    page.getByRole("region", { name: "Offers" }).getByRole("article").filter({ hasText: email });

  async function accept(page: Page, email: string) {
    await offerCard(page, email).getByRole("button", { name: "Accept" }).click();
    const pane = page.getByRole("region", { name: `Conversation with ${email}` });
    await expect.poll(() => pane.getByRole("log", { name: "Conversation" }).textContent()).toContain(email);
    return pane;
  }

  const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");

  it("the status toggle reaches the server, is sent again after a reload, and every tab keeps beating", {
    timeout: 45_000,
  }, async () => {
    const watcher = await onlooker();
    const owner = await app().login();
    const page = await repPage();
    const beats: number[] = [];
    page.on("websocket", (ws) =>
      ws.on("framesent", (f) => {
        if (String(f.payload).includes('"presence:heartbeat"')) beats.push(Date.now());
      }),
    );

    // A rep who never chose is available while the console is open; going away and back reaches the server.
    await expect.poll(() => statusGroup(page).getByRole("radio", { name: "Available" }).isChecked()).toBe(true);
    await statusGroup(page).getByRole("radio", { name: "Away" }).check();
    await expect.poll(() => watcher.heard.some((p) => p.repId === owner.user.id && p.status === "away")).toBe(true);
    await statusGroup(page).getByRole("radio", { name: "Available" }).check();
    await expect
      .poll(() => watcher.heard.some((p) => p.repId === owner.user.id && p.status === "available"))
      .toBe(true);

    // The choice is remembered in this browser and sent again: the server hears "available" after the reload
    // even though it was told "away" in between (as by another browser).
    const ownerSocket = app().rep(owner.token);
    await connected(ownerSocket);
    await ok(ownerSocket.emitWithAck("presence:set", { status: "away" }));
    ownerSocket.disconnect();
    watcher.heard.length = 0;
    await page.reload();
    await expect.poll(() => statusGroup(page).getByRole("radio", { name: "Available" }).isChecked()).toBe(true);
    await expect
      .poll(() => watcher.heard.some((p) => p.repId === owner.user.id && p.status === "available"))
      .toBe(true);

    // Heartbeats every 10 s while connected.
    const since = Date.now();
    await expect.poll(() => beats.filter((t) => t > since).length, { timeout: 25_000, interval: 500 }).toBe(2);

    await statusGroup(page).getByRole("radio", { name: "Away" }).check();
    await expect.poll(() => watcher.heard.at(-1)).toMatchObject({ repId: owner.user.id, status: "away" });
  });

  it("an offer shows local time and pages, and Decline removes it", async () => {
    const watcher = await onlooker();
    const page = await repPage();
    await goAvailable(page, watcher.s, "Owner");
    await hotVisitor("dec@big.co", { pageUrl: "https://acme.test/pricing", timeZone: "Asia/Tokyo" });

    const card = offerCard(page, "dec@big.co");
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain("Local time");
    expect(await card.textContent()).toContain("Asia/Tokyo");
    expect(await card.getByRole("link", { name: "https://acme.test/pricing" }).getAttribute("href")).toBe(
      "https://acme.test/pricing",
    );

    // A zone Intl does not know shows no local time, and a page that is not http(s) is text, not a link.
    await hotVisitor("odd@big.co", { pageUrl: "javascript:alert(1)", timeZone: "Mars/Olympus_Mons" });
    const odd = offerCard(page, "odd@big.co");
    await expect.poll(() => odd.count()).toBe(1);
    expect(await odd.textContent()).not.toContain("Local time");
    expect(await odd.textContent()).toContain("javascript:alert(1)");
    expect(await odd.getByRole("link", { name: "javascript:alert(1)" }).count()).toBe(0);
    await odd.getByRole("button", { name: "Decline" }).click();
    await expect.poll(() => odd.count()).toBe(0);

    await card.getByRole("button", { name: "Decline" }).click();
    await expect.poll(() => card.count()).toBe(0);
    expect(await page.getByRole("region", { name: "Offers" }).textContent()).toContain("No leads waiting");
    // The Decline button went with its card: focus lands on the list's heading.
    await expect.poll(() => focusedText(page)).toBe("Offers");
    // Not offered to this rep again after a reload.
    await page.reload();
    await expect.poll(() => statusGroup(page).count()).toBe(1);
    expect(await card.count()).toBe(0);
  });

  it("an offer ringing one rep counts down, then moves on with a status message", async () => {
    const store = app().store;
    const site = await store.getSite(app().siteKey);
    if (!site) throw new Error("no demo site");
    await store.putSite({ ...site, routing: { offerMode: "one", ringTimeoutMs: 4_000 } });
    const watcher = await onlooker();
    const page = await repPage();
    await goAvailable(page, watcher.s, "Owner");
    await hotVisitor("ring@big.co");

    const card = offerCard(page, "ring@big.co");
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toMatch(/Rings for \d s/);
    // Said once, politely; the ticking seconds are hidden from screen readers.
    await expect
      .poll(() => card.getByRole("status").textContent())
      .toMatch(/This offer rings for \d seconds, then moves to another rep/);
    expect(await card.getByText(/Rings for \d s/).getAttribute("aria-hidden")).toBe("true");

    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(0);
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "The offer moved to another rep" }).count())
      .toBe(1);
  });

  it("transfers a live conversation to a teammate in another browser", { timeout: 45_000 }, async () => {
    await app().addRep("ana@test.local", "Ana");
    await app().addRep("cy@test.local", "Cy");
    const watcher = await onlooker();
    const owner = await repPage();
    const ana = await repPage("ana@test.local");
    await goAvailable(owner, watcher.s, "Owner");
    await goAvailable(ana, watcher.s, "Ana");
    const { v } = await hotVisitor("move@big.co");
    const heard: string[] = [];
    onMessage(v, (m) => heard.push(m.text));

    const pane = await accept(owner, "move@big.co");
    const opener = pane.getByRole("button", { name: "Transfer" });
    await opener.click();
    const dialog = owner.getByRole("dialog", { name: "Transfer conversation" });
    const choices = dialog.getByRole("radiogroup", { name: "Transfer to" });
    // Everyone but me: Ana can take it; Wendy is away and Cy has never logged in, so neither can be chosen.
    await expect.poll(() => choices.getByRole("radio", { name: /Ana/ }).isEnabled()).toBe(true);
    expect(await choices.getByRole("radio", { name: /Wendy/ }).isDisabled()).toBe(true);
    expect(await choices.getByRole("radio", { name: /Cy/ }).isDisabled()).toBe(true);
    expect(await choices.textContent()).toContain("cannot take it: away");
    expect(await choices.textContent()).toContain("cannot take it: offline");
    expect(await choices.getByRole("radio", { name: /Owner/ }).count()).toBe(0);

    // Escape closes without transferring, and focus is back on the button that opened the dialog.
    await owner.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => focusedText(owner)).toBe("Transfer");

    await opener.press("Enter");
    await dialog.getByRole("radio", { name: /Ana/ }).check();
    await dialog.getByRole("button", { name: "Transfer" }).click();

    // It leaves the owner's list with a status message...
    await expect
      .poll(() =>
        owner.getByRole("status").filter({ hasText: "Conversation with move@big.co transferred to Ana" }).count(),
      )
      .toBe(1);
    const ownerList = owner.getByRole("region", { name: "Conversations" });
    expect(await ownerList.getByRole("button", { name: /move@big\.co/ }).count()).toBe(0);
    await expect.poll(() => focusedText(owner)).toBe("Conversations");

    // ...and arrives in Ana's, announced, loaded, and hers to answer.
    await expect
      .poll(() => ana.getByRole("status").filter({ hasText: "move@big.co was transferred to you" }).count())
      .toBe(1);
    await ana
      .getByRole("region", { name: "Conversations" })
      .getByRole("button", { name: /move@big\.co/ })
      .click();
    const anaPane = ana.getByRole("region", { name: "Conversation with move@big.co" });
    await expect.poll(() => anaPane.getByRole("log").textContent()).toContain("transferred the chat to Ana");
    const box = anaPane.getByRole("textbox", { name: "Message" });
    await box.fill("Hi, Ana here");
    await box.press("Enter");
    await expect.poll(() => heard.includes("Hi, Ana here")).toBe(true);
  });

  it("closing asks for an outcome, records it and shows it", async () => {
    const watcher = await onlooker();
    const page = await repPage();
    await goAvailable(page, watcher.s, "Owner");
    const { conversationId } = await hotVisitor("done@big.co");
    const pane = await accept(page, "done@big.co");
    const opener = pane.getByRole("button", { name: "Close conversation" });

    await opener.click();
    const dialog = page.getByRole("dialog", { name: "Close conversation" });
    const outcome = dialog.getByRole("radiogroup", { name: "Outcome" });
    await expect.poll(() => outcome.getByRole("radio").count()).toBe(4);
    // Nothing chosen: the dialog says so and stays.
    await dialog.getByRole("button", { name: "Close conversation" }).click();
    await expect.poll(() => dialog.getByRole("alert").textContent()).toContain("Choose an outcome");
    // By keyboard: arrows move through the radio group, Tab reaches the button.
    await outcome.getByRole("radio", { name: "Meeting booked" }).focus();
    await page.keyboard.press("ArrowDown");
    expect(await outcome.getByRole("radio", { name: "Qualified opportunity" }).isChecked()).toBe(true);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Tab");
    expect(await focusedText(page)).toBe("Close conversation");
    await page.keyboard.press("Enter");

    await expect.poll(() => dialog.count()).toBe(0);
    await expect
      .poll(() => pane.getByRole("status").filter({ hasText: "This conversation is closed." }).textContent())
      .toContain("Outcome: Meeting booked.");
    await expect.poll(() => focusedText(page)).toBe("Close conversation");
    expect(await opener.getAttribute("aria-disabled")).toBe("true");
    expect(
      await page
        .getByRole("region", { name: "Conversations" })
        .getByRole("button", { name: /done@big\.co/ })
        .textContent(),
    ).toContain("Closed: Meeting booked");
    expect((await app().store.getConversation(conversationId))?.outcome).toBe("meeting-booked");
  });

  it("a lead card of a missed handoff says so, with the callback details as text", async () => {
    const watcher = await onlooker();
    const page = await repPage();
    await goAvailable(page, watcher.s, "Owner");
    const { conversationId } = await hotVisitor("miss@big.co");
    await expect.poll(() => offerCard(page, "miss@big.co").count()).toBe(1);
    // The server flags a lead nobody took in time; here the flag is set in the store, as the router does.
    const c = await app().store.getConversation(conversationId);
    if (!c) throw new Error("no conversation");
    const callback = { phone: "+1 555 0100", when: "<img src=x onerror=alert(1)> after 3pm" };
    expect(await app().store.updateConversation({ ...c, missedHandoff: true, callback })).not.toBeNull();
    await page.reload();

    const card = offerCard(page, "miss@big.co");
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByText("Missed handoff", { exact: true }).count()).toBe(1);
    expect(await card.textContent()).toContain("+1 555 0100, <img src=x onerror=alert(1)> after 3pm");
    expect(await card.locator("img").count()).toBe(0);
  });
});
