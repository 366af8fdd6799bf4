// The Funnel page's "Proactive messages" table in real Chromium (shared/funnel/SPEC.md F24-F25): each trigger's
// teaser counts and the conversations it started, a deleted trigger by id, and the empty state that says how to add
// one, and the lead card's "Started from"; axe on each. Visitors are socket.io clients; the teaser counts come
// through the public events endpoint.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Trigger } from "../../shared/protocol/engage.ts";
import { appOnRedis, connected, type Harness, hostOrigin, ok } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, sharedBrowser } from "../support/browser.ts";

const trigger = (id: string, name: string): Trigger => ({
  id,
  name,
  enabled: true,
  when: { urls: ["/pricing*"] },
  message: "Questions about plans?",
  quickReplies: [],
  maxPerDay: 2,
  dismissDays: 7,
  duringBusinessHours: false,
  whenRepOnline: false,
  onSmallScreens: false,
});

describe("browser: the funnel's proactive messages", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  const setTriggers = (h: Harness, triggers: Trigger[]) => h.store.updateSite(h.siteKey, (s) => ({ ...s, triggers }));

  async function report(page: Page, h: Harness) {
    await consoleLogin(page, h.url);
    // Signed in once the login form is gone (on a phone the navigation hides behind a menu).
    await page.getByLabel("Password").waitFor({ state: "detached" });
    await page.goto(`${h.url}/console#/funnel?site=${h.siteKey}`);
    const card = page.getByRole("region", { name: "Proactive messages" });
    await card.waitFor();
    return card;
  }

  it("lists each proactive message with its counts and rates, a deleted one by id", { timeout: 60_000 }, async () => {
    const h = app();
    await setTriggers(h, [trigger("pricing00001", "Pricing page, 30 s"), trigger("exit00000001", "Exit intent")]);
    for (const [i, choices] of [["capture", "over-100k", "decider", "month"], ["browsing"]].entries()) {
      const v = h.visitor();
      await connected(v);
      await ok(v.emitWithAck("conversation:join", { lastSeq: 0, trigger: { id: "pricing00001" } }));
      for (const [j, choice] of choices.entries())
        await ok(v.emitWithAck("message:send", { clientId: `c${i}-${j}`, choice }));
      if (i === 0) await ok(v.emitWithAck("message:send", { clientId: "email", text: "bo@big.co" }));
    }
    const events: [string, string][] = [
      ["pricing00001", "shown"],
      ["pricing00001", "shown"],
      ["pricing00001", "shown"],
      ["pricing00001", "shown"],
      ["pricing00001", "opened"],
      ["pricing00001", "opened"],
      ["exit00000001", "shown"],
      ["exit00000001", "dismissed"],
    ];
    for (const [id, event] of events) {
      const res = await fetch(`${h.url}/api/sites/${h.siteKey}/engage/events`, {
        method: "POST",
        headers: { "content-type": "text/plain", origin: hostOrigin },
        body: JSON.stringify({ trigger: id, event }),
      });
      expect(res.status).toBe(204);
    }
    // The owner deleted the exit-intent message since: its figures stay, under its id.
    await setTriggers(h, [trigger("pricing00001", "Pricing page, 30 s")]);

    const page = await (await shared.browser().newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    const card = await report(page, h);
    const table = card.getByRole("table", { name: "Proactive messages, Demo site" });
    await table.waitFor();
    const rows = await Promise.all(
      (await table.getByRole("row").all()).map(async (r) =>
        (await r.getByRole("rowheader").or(r.getByRole("cell")).or(r.getByRole("columnheader")).allTextContents()).map(
          (t) => t.trim(),
        ),
      ),
    );
    expect(rows).toEqual([
      ["Message", "Shown", "Opened", "% opened", "Dismissed", "Conversations", "Qualified (MQL or SQL)", "% qualified"],
      ["Pricing page, 30 s", "4", "2", "50%", "0", "2", "1", "50%"],
      ["exit00000001 (deleted)", "1", "0", "0%", "1", "0", "0", "–"],
    ]);
    await expectAccessible(page, "the funnel's proactive messages");

    // The lead card of a conversation from the teaser says where it started; a deleted trigger by its id.
    const fromPricing = (await h.store.listConversations(h.siteKey, 10)).find((c) => c.trigger === "pricing00001");
    await page.goto(`${h.url}/console#/inbox/${fromPricing?.id}`);
    const lead = page.getByRole("region", { name: "Lead" });
    const startedFrom = lead.locator("dt", { hasText: "Started from" }).locator("xpath=following-sibling::dd");
    await expect.poll(() => startedFrom.textContent()).toBe("Pricing page, 30 s");
    await expectAccessible(page, "the lead card of a conversation from a proactive message");
    await setTriggers(h, []);
    await page.reload();
    await expect.poll(() => startedFrom.textContent()).toBe("pricing00001 (deleted)");
  });

  it("says how to add one when the site has none, with a link to the site's page", { timeout: 60_000 }, async () => {
    const h = app();
    const page = await (await shared.browser().newContext({ viewport: { width: 390, height: 844 } })).newPage();
    const card = await report(page, h);
    expect(await card.textContent()).toContain("Demo site has no proactive messages yet.");
    await expect.poll(() => card.getByRole("table").count()).toBe(0);
    const link = card.getByRole("link", { name: "site's page" });
    expect(await link.getAttribute("href")).toBe(`#/sites/${h.siteKey}`);
    await expectAccessible(page, "the funnel with no proactive messages");
    await link.click();
    await expect.poll(() => page.url()).toContain(`#/sites/${h.siteKey}`);
  });
});
