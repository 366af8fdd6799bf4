// The owner's Funnel page in real Chromium: the stage chart shows the counts of real conversations (read from
// its table), the date range changes the report and the address, bad dates are explained at the field, and every
// state passes axe. Visitors and the accepting rep are socket.io clients.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { defaultPlaybook, start } from "../../shared/engine/index.ts";
import { addDays, isoDay, parseDay } from "../../shared/funnel/index.ts";
import type { LeadCard, Tier } from "../../shared/protocol/index.ts";
import { appOnRedis, connected, next, ok, ownerOnline, qualifyHot } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, sharedBrowser } from "../support/browser.ts";

describe("browser: console funnel", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  // Two visitors: one opens the chat, says hello and leaves; one qualifies hot, is accepted and closed as a
  // booked meeting. (A visitor who opens the chat and says nothing is no conversation: engine rule H3.)
  async function conversations() {
    const h = app();
    const browsing = h.visitor();
    await connected(browsing);
    await ok(browsing.emitWithAck("conversation:join", { lastSeq: 0 }));
    await ok(browsing.emitWithAck("message:send", { clientId: "hello", text: "hello" }));
    const rep = await ownerOnline(h);
    const hot = h.visitor();
    await connected(hot);
    await ok(hot.emitWithAck("conversation:join", { lastSeq: 0 }));
    const offered = next<LeadCard>(rep, "offer:created");
    await qualifyHot(hot);
    const { conversationId } = await offered;
    await ok(rep.emitWithAck("offer:accept", { conversationId }));
    await ok(rep.emitWithAck("conversation:close", { conversationId, outcome: "meeting-booked" }));
  }

  // The stage table's rows as [stage, conversations].
  async function stageCounts(page: Page): Promise<string[][]> {
    const card = page.getByRole("region", { name: "Stages" });
    const rows = card.getByRole("table").getByRole("row");
    const all = await rows.all();
    return Promise.all(
      all
        .slice(1)
        .map(async (r) => (await r.getByRole("cell").or(r.getByRole("rowheader")).allTextContents()).slice(0, 2)),
    );
  }

  it("shows the stages of real conversations as a chart and a table, and follows the date range", {
    timeout: 60_000,
  }, async () => {
    await conversations();
    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, app().url);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Funnel" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Funnel");

    const stages = page.getByRole("region", { name: "Stages" });
    await expect.poll(() => stages.getByRole("img").count()).toBe(1);
    const today = isoDay(Date.now());
    expect(await page.getByLabel("To", { exact: true }).inputValue()).toBe(today);
    expect(await page.getByLabel("From", { exact: true }).inputValue()).toBe(addDays(today, -29));
    expect(await page.getByLabel("Site", { exact: true }).locator("option:checked").textContent()).toBe("Demo site");
    // The chart is named by its heading and summary, and its bars say the counts.
    expect(await stages.getByRole("img", { name: /2 opened the chat, 1 \(50%\) closed with an outcome/ }).count()).toBe(
      1,
    );
    expect(await stages.locator("svg text").allTextContents()).toContain("1 · 50% of opened, 100% of previous");
    await expectAccessible(page, "the funnel page");

    await stages.getByText("Show as table").click();
    expect(await stageCounts(page)).toEqual([
      ["Opened the chat", "2"],
      ["Answered a first question", "1"],
      ["Completed the questions", "1"],
      ["MQL", "1"],
      ["SQL", "1"],
      ["Handoff offered", "1"],
      ["Accepted by a rep", "1"],
      ["Closed with an outcome", "1"],
    ]);
    const questions = page.getByRole("region", { name: "Drop-off per question" });
    await questions.getByText("Show as table").click();
    expect(
      await questions
        .getByRole("row", { name: /What brings you here today/ })
        .getByRole("cell")
        .allTextContents(),
    ).toEqual(["2", "1", "1", "50%"]);
    const speed = page.getByRole("region", { name: "Speed to lead", exact: true });
    // The one handoff, accepted within the minute: 100% within the target, one row for its rep and its source.
    expect(await speed.locator("dd").first().textContent()).toBe("100%");
    expect(await speed.getByRole("table", { name: "Speed to lead by rep" }).getByRole("row").count()).toBe(2);
    // The times come from buckets (F29): the card says how they are rounded.
    expect(await speed.textContent()).toContain("Times are rounded up to a round step");
    // The one lead was taken in the chat: no follow-up came due.
    expect(await page.getByRole("region", { name: "Follow-ups on time" }).textContent()).toContain(
      "No follow-up came due in this range.",
    );
    const outcomes = page.getByRole("region", { name: "Outcomes" });
    await outcomes.getByText("Show as table").click();
    expect(
      await outcomes
        .getByRole("row", { name: /Meeting booked/ })
        .getByRole("cell")
        .allTextContents(),
    ).toEqual(["1"]);
    await expectAccessible(page, "the funnel page with its tables open");

    // Last year's days: nothing yet; the address keeps the range for a reload or a shared link.
    await page.getByLabel("From", { exact: true }).fill("2025-01-01");
    await page.getByLabel("To", { exact: true }).fill("2025-01-31");
    await page.getByRole("button", { name: "Show" }).click();
    await expect
      .poll(() => stages.locator(".funnel-summary").textContent())
      .toBe("No conversations on Demo site, 2025-01-01 to 2025-01-31.");
    expect(new URL(page.url()).hash).toMatch(/^#\/funnel\?site=[^&]+&from=2025-01-01&to=2025-01-31$/);
    await expect
      .poll(() => page.getByRole("region", { name: "Speed to lead", exact: true }).textContent())
      .toContain("No lead asked for a person in this range.");
    // The trends say so instead of drawing an empty axis.
    const leadsPerDay = page.getByRole("region", { name: "Leads per day" });
    expect(await leadsPerDay.textContent()).toContain("No leads in this range.");
    expect(await leadsPerDay.locator("canvas").count()).toBe(0);
    await page.reload();
    await expect
      .poll(() => page.getByRole("region", { name: "Stages" }).locator(".funnel-summary").textContent())
      .toContain("2025-01-01 to 2025-01-31");
    await expectAccessible(page, "the funnel page with no conversations");

    // A range that runs backwards: the server's reason, tied to the From field.
    await page.getByLabel("From", { exact: true }).fill("2025-02-01");
    await page.getByRole("button", { name: "Show" }).click();
    const from = page.getByLabel("From", { exact: true });
    await expect.poll(() => from.getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByRole("alert").filter({ hasText: "Check the report's dates." }).count()).toBe(1);
    const described = (await from.getAttribute("aria-describedby")) ?? "";
    expect(await page.locator(`#${described.split(" ")[0]}`).textContent()).toContain("not after the last");
    await expectAccessible(page, "the funnel page with a date error");
  });

  // A trend card's table, opened, as [day, ...cells] per row.
  async function dayRows(card: Locator, table: string): Promise<(string | null)[][]> {
    await card.getByText("Show as table").click();
    const rows = await card.getByRole("table", { name: table }).getByRole("row").all();
    return Promise.all(
      rows
        .slice(1)
        .map(async (r) => [
          await r.locator("time").getAttribute("datetime"),
          ...(await r.getByRole("cell").allTextContents()),
        ]),
    );
  }

  it("draws leads and speed to lead per day, with the same figures in tables, on a desk and on a phone", {
    timeout: 60_000,
  }, async () => {
    const h = app();
    const today = isoDay(Date.now());
    const [first, empty, last] = [addDays(today, -3), addDays(today, -2), addDays(today, -1)];
    // Conversations stored on past days, as the date-range test of test/integration/funnel.test.ts does: the
    // hours after midnight UTC it started, its tier, and how long a lead that asked for a person waited for a rep.
    let n = 0;
    const stored = async (day: string, hour: number, tier: Tier, waitMs?: number) => {
      const at = (parseDay(day) ?? 0) + hour * 3600_000;
      const id = `day-${n++}`;
      const asked = waitMs === undefined ? {} : { queuedAt: at + 60_000, acceptedAt: at + 60_000 + waitMs };
      await h.store.createConversation({
        ...{ id, siteKey: h.siteKey, visitorId: id, status: "bot", createdAt: at, updatedAt: at, rev: 0 },
        engine: { ...start(defaultPlaybook).state, qualification: { score: 0, tier, stage: "lead", reasons: [] } },
        ...asked,
      });
    };
    await stored(first, 9, "hot", 20_000);
    await stored(first, 10, "hot", 90_000); // past the site's 60 s target
    await stored(first, 11, "cold");
    await stored(last, 9, "warm");
    await stored(last, 23, "hot", 30_000);

    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, h.url);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Funnel" }).waitFor();
    await page.goto(`${h.url}/console#/funnel?site=${h.siteKey}&from=${first}&to=${last}`);
    const leads = page.getByRole("region", { name: "Leads per day" });
    const speed = page.getByRole("region", { name: "Speed to lead per day" });
    const within = page.getByRole("region", { name: "Within target per day" });
    // Each chart is drawn (uPlot loads with the page's first chart) on a canvas hidden from screen readers.
    for (const card of [leads, speed, within]) {
      // uPlot is a chunk of its own: on a busy machine it can take more than poll's default second to arrive.
      await expect.poll(() => card.locator("canvas").count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(
        await card
          .locator("canvas")
          .first()
          .evaluate((c) => c.closest("[aria-hidden=true]") !== null),
      ).toBe(true);
    }
    await expectAccessible(page, "the funnel page with its trend charts");

    // Every day of the range, the empty one too.
    expect(await dayRows(leads, "Leads per day by tier")).toEqual([
      [first, "2", "0", "1", "3"],
      [empty, "0", "0", "0", "0"],
      [last, "1", "1", "0", "2"],
    ]);
    expect(await dayRows(speed, "Time to accept per day")).toEqual([
      [first, "2", "20 s", "1 min 30 s"],
      [empty, "0", "–", "–"],
      [last, "1", "30 s", "30 s"],
    ]);
    expect(await dayRows(within, "Leads within the target per day")).toEqual([
      [first, "2", "1", "50%"],
      [empty, "0", "0", "–"],
      [last, "1", "1", "100%"],
    ]);
    await expectAccessible(page, "the funnel page with its trend tables open");

    // On a phone: the charts follow the card's width, and nothing scrolls the page sideways (a wide table scrolls
    // inside its card).
    await page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(() =>
        leads
          .locator("canvas")
          .first()
          .evaluate((c) => c.getBoundingClientRect().right),
      )
      .toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page, "the funnel page on a phone");
  });

  it("says when the follow-ups on time were counted over the range's newest conversations only (F33)", {
    timeout: 60_000,
  }, async () => {
    const h = app();
    const now = Date.now();
    const base = start(defaultPlaybook).state;
    await Promise.all(
      Array.from({ length: 1001 }, (_, i) =>
        h.store.createConversation({
          id: `many-${i}`,
          siteKey: h.siteKey,
          visitorId: `many-v-${i}`,
          status: "bot",
          engine: base,
          createdAt: now - i,
          updatedAt: now - i,
          rev: 0,
        }),
      ),
    );
    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, h.url);
    await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Funnel" }).click();
    const onTime = page.getByRole("region", { name: "Follow-ups on time" });
    await expect.poll(() => onTime.textContent()).toContain("Counted over the range's newest 1,000 conversations.");
    await expectAccessible(page, "the funnel page with follow-ups counted over the newest conversations");
  });

  it("is not offered to reps", { timeout: 30_000 }, async () => {
    await app().addRep("rep@test.local", "Rita");
    const page = await (await shared.browser().newContext()).newPage();
    await consoleLogin(page, app().url, "rep@test.local");
    const nav = page.getByRole("navigation", { name: "Console" });
    await expect.poll(() => nav.getByRole("link", { name: "Chats" }).count()).toBe(1);
    expect(await nav.getByRole("link", { name: "Funnel" }).count()).toBe(0);
    await page.goto(`${app().url}/console#/funnel`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Page not found");
  });
});
