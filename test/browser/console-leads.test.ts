// The owner's leads page in real Chromium: filter by tier, sort by score, page, open a lead with its transcript,
// delete the visitor's data after confirming, and the lead is gone. Accessible at each step.
import { describe, expect, it } from "vitest";
import type { Conversation } from "../../server/store/types.ts";
import { defaultPlaybook, start } from "../../shared/engine/index.ts";
import type { Tier } from "../../shared/protocol/index.ts";
import { appOnRedis, connected, type Harness, ok, qualifyHot } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, sharedBrowser } from "../support/browser.ts";

// Leads written straight to the store, beside one real conversation with a transcript.
async function seed(h: Harness, id: string, tier: Tier, score: number, email: string, agoMs = 60_000) {
  const engine = start(defaultPlaybook).state;
  engine.qualification = { score, tier, stage: tier === "hot" ? "sql" : "mql", reasons: [] };
  engine.slots.email = {
    slot: "email",
    questionId: "email",
    label: "Email",
    order: 9,
    value: { kind: "email", email },
    display: email,
    words: email,
    at: Date.now(),
  };
  const c: Conversation = {
    id,
    siteKey: h.siteKey,
    visitorId: `visitor-${id}`,
    status: "closed",
    engine,
    createdAt: Date.now() - agoMs,
    updatedAt: Date.now(),
    rev: 0,
  };
  await h.store.createConversation(c);
}

describe("browser: console leads", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  it("filters by tier, sorts by score, pages, opens a lead and deletes the visitor's data", async () => {
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
    const caption = () => table.locator("caption").textContent();
    await expect.poll(caption).toContain("4 leads, page 1 of 2");
    await expectAccessible(page, "leads table");

    // A range the server refuses is marked on its field, with the reason read with it.
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
    await expect.poll(caption).toContain("3 leads, page 1 of 2");
    expect(page.url()).toContain("tier=hot");

    await table.getByRole("button", { name: "Score" }).click();
    const scoreHeader = table.getByRole("columnheader", { name: "Score" });
    await expect.poll(() => scoreHeader.getAttribute("aria-sort")).toBe("descending");
    const names = () => table.getByRole("rowheader").allTextContents();
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
    const transcript = page.getByRole("log", { name: "Transcript" });
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
    await expect.poll(caption).toContain("2 leads, page 1 of 1");
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
    await consoleLogin(page, h.url);
    await page.goto(`${h.url}/console#/leads`);
    const table = page.getByRole("table");
    await expect.poll(() => table.locator("caption").textContent()).toContain("2 leads");
    const ivy = table.getByRole("row", { name: /ivy@acme\.io/ });
    expect(await ivy.getByRole("cell").nth(5).textContent()).toBe("2");
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
});
