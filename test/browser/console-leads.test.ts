// The owner's leads page in real Chromium: who each lead is (name, company, email, phone, owner, status), filters
// (tier, status, owner, missed handoff, search) and sorts kept in the address, every page, the empty states, the
// table on a phone, a lead's transcript with visitor, bot and rep told apart, and deleting the visitor's data after
// confirming. Accessible at each step.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Conversation } from "../../server/store/types.ts";
import { defaultPlaybook, start } from "../../shared/engine/index.ts";
import type { LeadCard, Sales, Tier } from "../../shared/protocol/index.ts";
import { appOnRedis, connected, type Harness, next, ok, ownerOnline, qualifyHot } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, sharedBrowser } from "../support/browser.ts";

interface Facts {
  name?: string;
  company?: string;
  phone?: string;
  sales?: Sales;
  missedHandoff?: boolean;
}

// Leads written straight to the store, beside real conversations with a transcript. The name, company and phone
// are playbook answers (slots), as the bot keeps them.
async function seed(
  h: Harness,
  id: string,
  tier: Tier,
  score: number,
  email: string,
  agoMs = 60_000,
  facts: Facts = {},
) {
  const engine = start(defaultPlaybook).state;
  engine.qualification = { score, tier, stage: tier === "hot" ? "sql" : "mql", reasons: [] };
  const slot = (name: string, order: number, value: Conversation["engine"]["slots"][string]["value"], text: string) => {
    engine.slots[name] = {
      slot: name,
      questionId: name,
      label: name,
      order,
      value,
      display: text,
      words: text,
      at: Date.now(),
    };
  };
  slot("email", 9, { kind: "email", email }, email);
  if (facts.name) slot("name", 1, { kind: "text", text: facts.name }, facts.name);
  if (facts.company) slot("company", 2, { kind: "text", text: facts.company }, facts.company);
  if (facts.phone) slot("phone", 10, { kind: "phone", phone: facts.phone }, facts.phone);
  const c: Conversation = {
    id,
    siteKey: h.siteKey,
    visitorId: `visitor-${id}`,
    status: "closed",
    engine,
    createdAt: Date.now() - agoMs,
    updatedAt: Date.now(),
    rev: 0,
    ...(facts.sales ? { sales: facts.sales } : {}),
    ...(facts.missedHandoff ? { missedHandoff: true } : {}),
  };
  await h.store.createConversation(c);
}

// The table's name is the count above it ("4 leads · page 1 of 2"); polled until the table says it. The first
// look after a navigation loads the page's chunk and every lead, so it may take longer than a poll's default second
// on a busy machine.
async function tableNamed(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.getByRole("table", { name, exact: true }).count(), { timeout: 10_000 }).toBe(1);
}

// Logged in (Log out is there, at any width: the nav may be behind Menu) before going to a page by its address.
async function signedIn(page: Page, url: string): Promise<void> {
  await consoleLogin(page, url);
  await page.getByRole("button", { name: "Log out" }).waitFor();
}

const rowNames = (page: Page) => page.getByRole("table").getByRole("rowheader").getByRole("link").allTextContents();

describe("browser: console leads", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  it("filters by tier, sorts by score, pages, opens a lead and deletes the visitor's data", {
    timeout: 60_000,
  }, async () => {
    const h = app();
    await seed(h, "l-hana", "hot", 95, "hana@acme.io");
    await seed(h, "l-ava", "hot", 70, "ava@acme.io");
    await seed(h, "l-wim", "warm", 40, "wim@acme.io");
    const v = h.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    await qualifyHot(v, "dee@big.co");

    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, h.url);
    await page.getByRole("link", { name: "Leads" }).click();
    await page.goto(`${h.url}/console#/leads?pageSize=2`);
    const table = page.getByRole("table");
    await tableNamed(page, "4 leads · page 1 of 2");
    await expectAccessible(page, "leads table");

    // A range the server refuses is marked on its field, with the reason read with it.
    await page.getByText("More filters").click();
    await page.getByLabel("Created from").fill("2025-03-12");
    await page.getByLabel("Created to").fill("2025-03-10");
    await page.getByRole("button", { name: "Apply filters" }).click();
    const to = page.getByLabel("Created to");
    await expect.poll(() => to.getAttribute("aria-invalid")).toBe("true");
    expect(await to.evaluate((el) => (el as HTMLInputElement).ariaDescribedByElements?.[0]?.textContent)).toBe(
      "The end date is before the start date.",
    );
    await expectAccessible(page, "leads filters with an error");
    await page.getByLabel("Created from").fill("");
    await page.getByLabel("Created to").fill("");

    await page.getByLabel("Tier").selectOption("hot");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await tableNamed(page, "3 leads · page 1 of 2");
    expect(page.url()).toContain("tier=hot");

    await table.getByRole("button", { name: "Score" }).click();
    const scoreHeader = table.getByRole("columnheader", { name: "Score" });
    await expect.poll(() => scoreHeader.getAttribute("aria-sort")).toBe("descending");
    const names = () => rowNames(page);
    await expect.poll(names).toEqual(["dee@big.co", "hana@acme.io"]);

    const pager = page.getByRole("navigation", { name: "Pages" });
    await pager.getByRole("link", { name: "Next" }).click();
    await expect.poll(() => pager.textContent()).toContain("Page 2 of 2");
    await expect.poll(names).toEqual(["ava@acme.io"]);
    // The selection survives a reload: it is in the route.
    await page.reload();
    await expect.poll(names).toEqual(["ava@acme.io"]);
    expect(await page.getByLabel("Tier").inputValue()).toBe("hot");
    await page.goBack();
    await expect.poll(names).toEqual(["dee@big.co", "hana@acme.io"]);

    await table.getByRole("link", { name: "dee@big.co" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Lead: dee@big.co");
    const transcript = page.getByRole("list", { name: "Transcript" });
    await expect.poll(() => transcript.textContent()).toContain("dee@big.co");
    await expect.poll(() => page.getByRole("article").textContent()).toContain("Score 105");
    await expectAccessible(page, "lead detail");

    await page.getByRole("button", { name: "Delete this visitor's data" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this visitor's data?" });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expectAccessible(page, "erase confirmation");
    await dialog.getByRole("button", { name: "Delete data" }).click();

    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "deleted" }).textContent())
      .toBe("The visitor's data was deleted: 1 conversation.");
    await tableNamed(page, "2 leads");
    await expect.poll(names).toEqual(["hana@acme.io", "ava@acme.io"]);
    expect(page.url()).toContain("tier=hot");
    expect((await h.store.listConversations(h.siteKey, 10)).map((c) => c.id).sort()).toEqual([
      "l-ava",
      "l-hana",
      "l-wim",
    ]);
  });

  it("P5 one row per person with their conversations, and the lead's page lists each, newest first", async () => {
    const h = app();
    await seed(h, "p-old", "warm", 40, "ivy@acme.io", 3_600_000);
    await seed(h, "p-new", "hot", 90, "ivy@acme.io", 60_000);
    await seed(h, "p-other", "cold", 5, "ole@acme.io", 120_000);

    const page = await (await shared.browser().newContext()).newPage();
    await signedIn(page, h.url);
    await page.goto(`${h.url}/console#/leads`);
    const table = page.getByRole("table");
    await tableNamed(page, "2 leads");
    const ivy = table.getByRole("row", { name: /ivy@acme\.io/ });
    expect(await ivy.getByRole("rowheader").textContent()).toContain("2 conversations");
    await expectAccessible(page, "leads table with a returning person");

    await ivy.getByRole("link", { name: /ivy@acme\.io/ }).click();
    const list = page.getByRole("region", { name: "Conversations (2)" }).getByRole("listitem");
    await expect.poll(() => list.count()).toBe(2);
    expect(await list.nth(0).textContent()).toContain("(this one)");
    expect(await list.nth(0).textContent()).toContain("Hot");
    await expectAccessible(page, "a returning person's lead");

    // The earlier conversation's transcript is one link away; its page points back to the newest for the status.
    await list.nth(1).getByRole("link").click();
    await expect.poll(() => page.getByRole("link", { name: "their newest conversation" }).count()).toBe(1);
    await expectAccessible(page, "an earlier conversation of a person");
  });
  it("shows who each lead is, filters by status, owner and missed handoff, searches, sorts, pages through all, and says when none match", {
    timeout: 60_000,
  }, async () => {
    const h = app();
    const page = await (await shared.browser().newContext()).newPage();
    await signedIn(page, h.url);
    await page.goto(`${h.url}/console#/leads`);
    // Before anyone chatted: no table, no export, and no talk of filters.
    const empty = page.getByText("No leads yet.");
    await expect.poll(() => empty.count()).toBe(1);
    expect(await page.getByRole("table").count()).toBe(0);
    expect(await page.getByRole("link", { name: "Export CSV" }).count()).toBe(0);
    await expectAccessible(page, "no leads yet");

    const owner = (await h.store.listUsers())[0];
    if (!owner) throw new Error("the harness bootstraps an owner");
    const owned = (status: Sales["status"]): Sales => ({
      ownerId: owner.id,
      ownerName: owner.name,
      status,
      history: [],
    });
    await seed(h, "c-ana", "hot", 90, "ana@acme.io", 60_000, {
      name: "Ana Lima",
      company: "Acme Corp",
      phone: "+1 555 555 0100",
      sales: owned("working"),
    });
    await seed(h, "c-cy", "hot", 80, "cy@initech.com", 120_000, {
      name: "Cy Park",
      company: "Initech",
      phone: "020 7946 0018",
      missedHandoff: true,
    });
    await seed(h, "c-bo", "warm", 40, "bo@globex.com", 180_000, { name: "Bo Chen" });
    await seed(h, "c-di", "cold", 5, "di@zeta.io", 240_000, { name: "Di Rossi", sales: owned("won") });
    await seed(h, "c-ed", "warm", 30, "ed@gmail.com", 300_000);

    await page.reload();
    await tableNamed(page, "5 leads");
    const table = page.getByRole("table");
    // Name, company, email, phone, owner, status, tier, score, source, created.
    const ana = table.getByRole("row", { name: /Ana Lima/ });
    expect(await ana.getByRole("rowheader").textContent()).toBe("Ana Lima");
    expect((await ana.getByRole("cell").allTextContents()).slice(0, 9)).toEqual([
      "Acme Corp",
      "ana@acme.io",
      "+1 555 555 0100",
      owner.name,
      "Working",
      "Hot",
      "90",
      "direct",
      expect.any(String),
    ]);
    const bo = (
      await table
        .getByRole("row", { name: /Bo Chen/ })
        .getByRole("cell")
        .allTextContents()
    ).slice(0, 5);
    // No company answer: the work email's domain stands in; nobody owns the lead and sales has not touched it.
    expect(bo).toEqual(["globex.com", "bo@globex.com", "", "Unassigned", "New"]);
    expect(await table.getByRole("row", { name: /Cy Park/ }).textContent()).toContain("Missed handoff");
    await expectAccessible(page, "leads with contact columns");

    // Status, then owner: applied together, kept in the address.
    await page.getByLabel("Status", { exact: true }).selectOption("won");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await tableNamed(page, "1 lead");
    expect(await rowNames(page)).toEqual(["Di Rossi"]);
    expect(page.url()).toContain("status=won");
    await page.getByLabel("Status", { exact: true }).selectOption("");
    await page.getByLabel("Owner").selectOption("unassigned");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(() => rowNames(page)).toEqual(["Cy Park", "Bo Chen", "ed@gmail.com"]);
    await page.getByLabel("Owner").selectOption(owner.id);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(() => rowNames(page)).toEqual(["Ana Lima", "Di Rossi"]);

    // Missed handoffs only: the hot lead nobody took.
    await page.getByLabel("Owner").selectOption("");
    await page.getByLabel("Missed handoffs only").check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(() => rowNames(page)).toEqual(["Cy Park"]);
    expect(page.url()).toContain("missed=1");
    await page.reload();
    await expect.poll(() => rowNames(page)).toEqual(["Cy Park"]);
    expect(await page.getByLabel("Missed handoffs only").isChecked()).toBe(true);
    await expectAccessible(page, "missed handoffs");

    // A search that matches nobody says so, with a way back to every lead.
    await page.getByLabel("Missed handoffs only").uncheck();
    await page.getByLabel("Search by name, email, company or phone").fill("nobody-here");
    await page.getByRole("button", { name: "Apply filters" }).click();
    const none = page.getByText("No leads match these filters.");
    await expect.poll(() => none.count()).toBe(1);
    expect(await page.getByRole("table").count()).toBe(0);
    await expectAccessible(page, "no leads match");
    await page.locator(".leads-empty").getByRole("link", { name: "Clear filters" }).click();
    await tableNamed(page, "5 leads");
    expect(page.url()).not.toContain("q=");

    // Search by company and by phone digits, however they are written.
    await page.getByLabel("Search by name, email, company or phone").fill("initech");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(() => rowNames(page)).toEqual(["Cy Park"]);
    await page.getByLabel("Search by name, email, company or phone").fill("5550100");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(() => rowNames(page)).toEqual(["Ana Lima"]);

    // Sort by name, A to Z, then the other way; people without a name (their email stands in) come last.
    await page.goto(`${h.url}/console#/leads`);
    await tableNamed(page, "5 leads");
    await table.getByRole("button", { name: "Name" }).click();
    const nameHeader = table.getByRole("columnheader", { name: "Name" });
    await expect.poll(() => nameHeader.getAttribute("aria-sort")).toBe("ascending");
    await expect.poll(() => rowNames(page)).toEqual(["Ana Lima", "Bo Chen", "Cy Park", "Di Rossi", "ed@gmail.com"]);
    await table.getByRole("button", { name: "Name" }).click();
    await expect.poll(() => nameHeader.getAttribute("aria-sort")).toBe("descending");
    await expect.poll(() => rowNames(page)).toEqual(["Di Rossi", "Cy Park", "Bo Chen", "Ana Lima", "ed@gmail.com"]);
    expect(page.url()).toContain("sort=name");

    // Two a page: Next walks every lead once, in the sorted order, and the count says where one is.
    await page.goto(`${h.url}/console#/leads?sort=name&dir=asc&pageSize=2`);
    await tableNamed(page, "5 leads · page 1 of 3");
    const seen: string[] = [];
    const pager = page.getByRole("navigation", { name: "Pages" });
    for (let n = 1; n <= 3; n++) {
      await tableNamed(page, `5 leads · page ${n} of 3`);
      seen.push(...(await rowNames(page)));
      if (n < 3) await pager.getByRole("link", { name: "Next" }).click();
    }
    expect(await pager.getByRole("link", { name: "Next" }).count()).toBe(0);
    expect(seen).toEqual(["Ana Lima", "Bo Chen", "Cy Park", "Di Rossi", "ed@gmail.com"]);
  });

  it("on a phone the page does not scroll sideways: the table scrolls in its own labelled, focusable region", async () => {
    const h = app();
    await seed(h, "m-eve", "warm", 55, "eve.smith-johannson@verylongcompany-international.com", 60_000, {
      name: "Eve Smith-Johannson",
      company: "Very Long Company Name International Holdings",
      phone: "+44 20 7946 0958",
    });
    await seed(h, "m-ana", "hot", 90, "ana@acme.io", 120_000, { name: "Ana Lima", missedHandoff: true });
    const context = await shared.browser().newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signedIn(page, h.url);
    await page.goto(`${h.url}/console#/leads`);
    await tableNamed(page, "2 leads");
    const region = page.getByRole("region", { name: "Leads table" });
    expect(await region.getAttribute("tabindex")).toBe("0");
    const widths = () =>
      page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
    const { page: pageWidth, view } = await widths();
    expect(pageWidth).toBeLessThanOrEqual(view);
    // The table is wider than the screen, and its region is what scrolls.
    const box = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(box.scroll).toBeGreaterThan(box.client);
    await region.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect((await widths()).page).toBeLessThanOrEqual(view);
    await expectAccessible(page, "leads on a phone");

    await page.getByRole("link", { name: "Ana Lima" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Lead: ana@acme.io");
    expect((await widths()).page).toBeLessThanOrEqual(view);
  });

  it("a lead's transcript tells visitor, bot and rep apart: sides, colours, author and time in text, notices centred", {
    timeout: 45_000,
  }, async () => {
    const h = app();
    const rep = await ownerOnline(h);
    const v = h.visitor();
    await connected(v);
    const joined = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const conversationId = joined.conversation.id;
    const offered = next<LeadCard>(rep, "offer:created");
    await qualifyHot(v, "hana@acme.io");
    await offered;
    await ok(rep.emitWithAck("offer:accept", { conversationId }));
    await ok(rep.emitWithAck("message:send", { conversationId, clientId: "r1", text: "Hi Hana, happy to help." }));
    await ok(rep.emitWithAck("conversation:close", { conversationId, outcome: "meeting-booked" }));

    const page = await (await shared.browser().newContext()).newPage();
    await signedIn(page, h.url);
    await page.goto(`${h.url}/console#/leads/${conversationId}`);
    const transcript = page.getByRole("list", { name: "Transcript" });
    await expect.poll(() => transcript.textContent()).toContain("Hi Hana, happy to help.");
    const bubble = (text: string) => transcript.getByRole("listitem").filter({ hasText: text });
    // Every visitor bubble is headed with their email (they gave no name): the first one.
    const visitor = bubble("· Visitor ·").first();
    const bot = bubble("What brings you here today?");
    const said = bubble("Hi Hana, happy to help.");
    // Authors in visible text, with the time.
    expect(await visitor.textContent()).toMatch(/^hana@acme\.io · Visitor · .*\d/);
    expect(await bot.textContent()).toMatch(/^Bot · /);
    const owner = (await h.store.listUsers())[0];
    expect(await said.textContent()).toMatch(new RegExp(`^${owner?.name} · Rep · `));
    expect(await visitor.getByRole("time").count()).toBe(1);

    // The visitor on the left, bot and rep on the right, each in its own colour.
    const list = await transcript.boundingBox();
    const v1 = await visitor.boundingBox();
    const b1 = await bot.boundingBox();
    const r1 = await said.boundingBox();
    if (!list || !v1 || !b1 || !r1) throw new Error("the bubbles are on screen");
    expect(v1.x).toBeLessThan(b1.x);
    expect(v1.x - list.x).toBeLessThan(2);
    expect(list.x + list.width - (b1.x + b1.width)).toBeLessThan(2);
    expect(list.x + list.width - (r1.x + r1.width)).toBeLessThan(2);
    const colour = (l: typeof bot) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(new Set([await colour(visitor), await colour(bot), await colour(said)]).size).toBe(3);

    // The rep joining and ending: short centred lines, not bubbles.
    const notice = bubble("joined the chat.");
    const n1 = await notice.boundingBox();
    if (!n1) throw new Error("the notice is on screen");
    expect(Math.abs(n1.x + n1.width / 2 - (list.x + list.width / 2))).toBeLessThan(2);
    expect(await colour(notice)).toBe("rgba(0, 0, 0, 0)");
    expect(await bubble("ended the chat.").count()).toBe(1);
    await expectAccessible(page, "a lead's transcript");

    // The inbox shows the same conversation the same way.
    await page.goto(`${h.url}/console#/inbox/${conversationId}`);
    const record = page.getByRole("list", { name: "Transcript" });
    await expect.poll(() => record.textContent()).toContain("Hi Hana, happy to help.");
    expect(await record.getByRole("listitem").filter({ hasText: "What brings you here today?" }).textContent()).toMatch(
      /^Bot · /,
    );
  });
});
