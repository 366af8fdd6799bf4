// Proactive messages and Banter('track') on a customer's page (another origin than Banter) in real Chromium: the
// engage chunk loads on idle for a site with triggers, each trigger kind shows its teaser only once its condition
// holds, caps and dismissals hold across page views, consent mode keeps everything back until consent, small
// screens are left alone unless the owner chose them, and the teaser is accessible without taking focus.
import type { BrowserContext, Page, Request } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { type PendingTrigger, type Trigger, triggerDefaults } from "../../shared/protocol/engage.ts";
import { queueStub } from "../../shared/sites/snippet.ts";
import { reportDelayMs } from "../../widget/engage/report.ts";
import { appOnRedis, type Harness } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { hostPage, sharedBrowser } from "../support/browser.ts";

const trigger = (over: Partial<Trigger> & Pick<Trigger, "when">): Trigger => ({
  id: "pricing00001",
  name: "Pricing",
  message: "Comparing plans? <b>I can help.</b>",
  ...triggerDefaults,
  maxPerDay: 5,
  ...over,
});

const page = (server: string, siteKey: string, attrs = "", body = "") => `<!doctype html>
<html lang="en"><head><title>Customer site</title></head>
<body><h1>Customer site</h1><label>Search <input id="search"></label>
<div style="height:3000px">Long page</div>
${queueStub}${body}
<script async src="${server}/widget.js" data-site="${siteKey}" ${attrs}></script>
</body></html>`;

interface Visit {
  page: Page;
  url: string;
  // Requests to the Banter server's engage and activity endpoints, and the chunk, as "METHOD path body".
  calls: string[];
  warnings: string[];
}

describe("browser: proactive messages", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();
  const server = (h: Harness) => h.url.replace("127.0.0.1", "localhost");

  const withTriggers = (triggers: Trigger[]) => app().store.updateSite(app().siteKey, (s) => ({ ...s, triggers }));

  // One customer site per test (its own origin, so its own localStorage) in one browser profile: each visit is a
  // new page view of the same visitor.
  let site: { host: string; context: BrowserContext } | undefined;
  beforeEach(() => {
    site = undefined;
  });

  async function visit(
    path = "/",
    opts: { attrs?: string; body?: string; viewport?: { width: number; height: number } } = {},
  ): Promise<Visit> {
    const h = app();
    if (!site) {
      const host = await hostPage(page(server(h), h.siteKey, opts.attrs, opts.body));
      shared.closers.push(host.close);
      const context = await shared.browser().newContext({ viewport: opts.viewport ?? { width: 1366, height: 768 } });
      shared.closers.push(() => context.close());
      // Every write of the pending trigger, kept: the chat app (after the trigger-funnel merge) removes it on join.
      await context.addInitScript(() => {
        const w = window as unknown as { writes: [string, string][]; timers: [string, number][] };
        w.writes = [];
        const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k: string, v: string) {
          w.writes.push([k, v]);
          return set.call(this, k, v);
        };
        // And every timer the engage chunk sets (its file is on the call's stack), as [kind, delay].
        w.timers = [];
        for (const kind of ["setTimeout", "setInterval"] as const) {
          const set = window[kind] as (...a: unknown[]) => number;
          (window as unknown as Record<string, unknown>)[kind] = (...a: unknown[]) => {
            if (new Error().stack?.includes("/assets/engage.js")) w.timers.push([kind, Number(a[1])]);
            return set(...a);
          };
        }
      });
      site = { host: host.url, context };
    }
    const p = await site.context.newPage();
    const v: Visit = { page: p, url: site.host, calls: [], warnings: [] };
    const note = (r: Request) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith("/api/")) v.calls.push(`${r.method()} ${u.pathname} ${r.postData() ?? ""}`);
    };
    p.on("request", note);
    p.on("console", (m) => {
      if (m.type() === "warning") v.warnings.push(m.text());
    });
    await p.goto(new URL(path, site.host).href);
    return v;
  }
  const stored = (v: Visit, name: string) =>
    v.page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? "null"), `banter:${app().siteKey}:${name}`);
  const store = (v: Visit, name: string, value: unknown) =>
    v.page.evaluate(([k, x]) => localStorage.setItem(k, x), [
      `banter:${app().siteKey}:${name}`,
      JSON.stringify(value),
    ] as const);

  const teaser = (p: Page) => p.getByRole("status").getByRole("button", { name: /Comparing plans/ });
  const shown = (p: Page) => teaser(p).waitFor();
  // The chunk has the site's triggers and has evaluated them on its one-second tick past the 2 s a test's
  // time-on-page trigger waits.
  const settled = async (v: Visit) => {
    await expect
      .poll(() => v.calls.some((c) => /^GET \/api\/sites\/[^/]+\/engage/.test(c)), { timeout: 10_000 })
      .toBe(true);
    await v.page.waitForTimeout(2500);
  };
  const hidden = async (v: Visit) => {
    await settled(v);
    expect(await teaser(v.page).count()).toBe(0);
  };
  const events = (v: Visit) =>
    v.calls
      .filter((c) => c.startsWith("POST") && c.includes("/engage/events"))
      .map((c) => JSON.parse(c.split(" ")[2] ?? ""));
  const banter = (p: Page, ...args: unknown[]) =>
    p.evaluate((a) => (window as unknown as { Banter(...x: unknown[]): void }).Banter(...a), args);

  it("page addresses: only on a matching page; the message is text, never HTML", async () => {
    await withTriggers([trigger({ when: { urls: ["/pricing*"] } })]);
    await hidden(await visit("/about"));
    const v = await visit("/pricing/teams");
    await shown(v.page);
    expect(await teaser(v.page).textContent()).toBe("Comparing plans? <b>I can help.</b>");
    await expect.poll(() => events(v)).toEqual([{ trigger: "pricing00001", event: "shown" }]);
  });

  it("time on page", async () => {
    await withTriggers([trigger({ when: { secondsOnPage: 4 } })]);
    const v = await visit();
    await settled(v);
    expect(await teaser(v.page).count()).toBe(0);
    await shown(v.page);
  });

  it("scroll depth", async () => {
    await withTriggers([trigger({ when: { scrollPercent: 60 } })]);
    const v = await visit();
    await hidden(v);
    await v.page.mouse.wheel(0, 2500);
    await shown(v.page);
  });

  it("exit intent: the pointer leaves through the top of the window", async () => {
    await withTriggers([trigger({ when: { exitIntent: true } })]);
    const v = await visit();
    await v.page.mouse.move(600, 300);
    await v.page.mouse.move(600, 400);
    await hidden(v);
    // Leaving sideways is not an exit.
    await v.page.evaluate(() =>
      document.dispatchEvent(new MouseEvent("mouseout", { clientX: 0, clientY: 300, bubbles: true })),
    );
    await v.page.evaluate(() =>
      document.dispatchEvent(new MouseEvent("mouseout", { clientX: 600, clientY: -2, bubbles: true })),
    );
    await shown(v.page);
  });

  it("returning visitor: a visit 30 minutes after the last activity is visit 2", async () => {
    await withTriggers([trigger({ when: { returning: true } })]);
    const first = await visit();
    await hidden(first);
    expect(await stored(first, "visit")).toMatchObject({ count: 1 });
    // Another page within the visit: still visit 1.
    await hidden(await visit("/features"));
    const { startedAt } = await stored(first, "visit");
    const hourAgo = Date.now() - 3_600_000;
    await store(first, "engage", { ...(await stored(first, "engage")), active: hourAgo });
    const v = await visit();
    await shown(v.page);
    expect(await stored(v, "visit")).toMatchObject({ count: 2, firstAt: startedAt, previousAt: hourAgo });
  });

  it("UTM campaign and source, from the visit's landing page", async () => {
    await withTriggers([trigger({ when: { utmCampaign: ["Spring"], utmSource: ["newsletter"] } })]);
    await hidden(await visit("/?utm_campaign=autumn&utm_source=newsletter"));
    await withTriggers([trigger({ id: "pricing00002", when: { utmCampaign: ["Autumn"], utmSource: ["Newsletter"] } })]);
    // A later page of the same visit keeps the landing page's campaign.
    await shown((await visit("/pricing")).page);
  });

  it("pages this visit, single-page navigations included", async () => {
    await withTriggers([trigger({ when: { pagesThisVisit: 3 } })]);
    const v = await visit();
    // Navigations once the chunk runs (it loads on idle; one made before it loaded is not counted).
    await settled(v);
    await v.page.evaluate(() => history.pushState({}, "", "/features"));
    await hidden(v);
    await v.page.evaluate(() => history.pushState({}, "", "/pricing"));
    await shown(v.page);
  });

  it("a custom event from the page; a bad one is refused with a warning", async () => {
    await withTriggers([trigger({ when: { event: "pricing:compare" } })]);
    const v = await visit();
    await banter(v.page, "track", "pricing:other");
    await banter(v.page, "track", "<script>");
    await hidden(v);
    expect(v.warnings.some((w) => w.includes("track(name, props) takes a name"))).toBe(true);
    await banter(v.page, "track", "pricing:compare", { plan: "pro" });
    await shown(v.page);
  });

  it("accessible: announced politely, focus stays on the page, Escape dismisses and the dismissal holds", async () => {
    await withTriggers([trigger({ when: { secondsOnPage: 2 }, quickReplies: ["Which plan fits me?"] })]);
    const v = await visit();
    await v.page.getByLabel("Search").focus();
    await shown(v.page);
    const region = v.page.getByRole("status");
    expect(await region.getAttribute("aria-live")).toBe("polite");
    expect(await v.page.evaluate(() => document.activeElement?.id)).toBe("search");
    await expectAccessible(v.page, "the teaser");
    await v.page.keyboard.press("Escape");
    expect(await teaser(v.page).count()).toBe(0);
    await expect.poll(() => events(v).map((e) => e.event)).toEqual(["shown", "dismissed"]);
    // Dismissed: not again for dismissDays, however many shows the day would still allow.
    await hidden(await visit());
  });

  it("the close button dismisses; at most maxPerDay shows", async () => {
    await withTriggers([trigger({ when: {}, maxPerDay: 1 })]);
    const v = await visit();
    await shown(v.page);
    // Shown once today: the next page view does not show it again.
    await hidden(await visit());
    await withTriggers([trigger({ id: "pricing00002", when: {} })]);
    const w = await visit();
    await shown(w.page);
    await w.page.getByRole("button", { name: "Dismiss message" }).click();
    expect(await teaser(w.page).count()).toBe(0);
    await hidden(await visit());
  });

  it("clicking the teaser opens the chat with a pending trigger; a quick reply carries its text", async () => {
    await withTriggers([trigger({ when: {}, startAt: "budget", quickReplies: ["Which plan fits me?"] })]);
    const key = `banter:${app().siteKey}:trigger`;
    const pending = async (p: Page) => {
      const writes = await p.evaluate(() => (window as unknown as { writes: [string, string][] }).writes);
      return writes.filter(([k]) => k === key).map(([, v]) => JSON.parse(v) as PendingTrigger);
    };
    const v = await visit();
    await shown(v.page);
    await teaser(v.page).click();
    await v.page.getByRole("dialog", { name: "Chat with Demo site" }).waitFor();
    expect(await pending(v.page)).toEqual([{ id: "pricing00001", startAt: "budget", at: expect.any(Number) }]);
    await expect.poll(() => events(v).map((e) => e.event)).toEqual(["shown", "opened"]);
    // Never while the chat is open: the next page reopens it, so it is closed first.
    await v.page.getByRole("button", { name: "Close chat" }).click();

    await withTriggers([
      trigger({ id: "pricing00002", when: {}, startAt: "budget", quickReplies: ["Which plan fits me?"] }),
    ]);
    const w = await visit();
    await shown(w.page);
    await w.page.getByRole("button", { name: "Which plan fits me?" }).click();
    await w.page.getByRole("dialog", { name: "Chat with Demo site" }).waitFor();
    expect(await pending(w.page)).toEqual([
      { id: "pricing00002", startAt: "budget", reply: "Which plan fits me?", at: expect.any(Number) },
    ]);
  });

  it("small screens only when the owner chose them", async () => {
    const phone = { width: 390, height: 844 };
    await withTriggers([trigger({ when: {} })]);
    await hidden(await visit("/", { viewport: phone }));
    await withTriggers([trigger({ id: "pricing00002", when: {}, onSmallScreens: true })]);
    const v = await visit("/", { viewport: phone });
    await shown(v.page);
    await expectAccessible(v.page, "the teaser on a phone");
  });

  it("while nothing can show: nothing drawn, no polling, one timer for the nearest time on page", async () => {
    await withTriggers([
      trigger({ when: { secondsOnPage: 30 } }),
      trigger({ id: "leaving00001", when: { exitIntent: true } }),
      trigger({ id: "pricing00002", when: { urls: ["/pricing"], secondsOnPage: 10 } }),
    ]);
    const v = await visit();
    await hidden(v);
    // No live region (nor its style sheet) yet: the host page pays for no style, layout or paint of ours.
    expect(await v.page.getByRole("status").count()).toBe(0);
    const timers = () => v.page.evaluate(() => (window as unknown as { timers: [string, number][] }).timers);
    const set = (await timers()).filter(([, ms]) => ms !== reportDelayMs);
    // The first trigger's 30 s, less the time the config took to arrive; nothing for the pricing page's.
    expect(set).toEqual([["setTimeout", expect.any(Number)]]);
    expect(set[0]?.[1]).toBeGreaterThan(20_000);
    expect(set[0]?.[1]).toBeLessThanOrEqual(30_000);
    // An event wakes it: the region is added, then filled a moment later so that it is announced.
    await v.page.evaluate(() =>
      document.dispatchEvent(new MouseEvent("mouseout", { clientX: 600, clientY: -2, bubbles: true })),
    );
    await shown(v.page);
    expect(await v.page.getByRole("status").getAttribute("aria-live")).toBe("polite");
    expect((await timers()).filter(([kind]) => kind === "setInterval")).toEqual([]);
  });

  it("the chat opening hides the teaser; a small screen widened to a desktop shows it", async () => {
    await withTriggers([trigger({ when: {} })]);
    const v = await visit("/", { viewport: { width: 390, height: 844 } });
    await hidden(v);
    await v.page.setViewportSize({ width: 1366, height: 768 });
    await shown(v.page);
    await v.page.getByRole("button", { name: "Open chat" }).click();
    await v.page.getByRole("dialog", { name: "Chat with Demo site" }).waitFor();
    await expect.poll(() => teaser(v.page).count()).toBe(0);
  });

  it("consent mode: nothing fetched, stored or shown before consent; track waits for it", async () => {
    await withTriggers([trigger({ when: { event: "demo" } })]);
    const v = await visit("/", { attrs: 'data-autoload="false"', body: "<script>Banter('track','demo')</script>" });
    await v.page.waitForTimeout(1500);
    expect(v.calls).toEqual([]);
    expect(await v.page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    await banter(v.page, "consent", true);
    await shown(v.page);
  });

  it("track: kept for the chat's first join without a visitor token; reported over HTTP with one", async () => {
    await withTriggers([]);
    const v = await visit();
    await banter(v.page, "track", "Brochure download", { file: "pricing.pdf", pages: 4 });
    await expect
      .poll(() => stored(v, "events"))
      .toEqual([{ name: "Brochure download", props: { file: "pricing.pdf", pages: 4 }, at: expect.any(Number) }]);
    // Past the report's few seconds of batching: nothing went out without a token.
    await v.page.waitForTimeout(3500);
    expect(v.calls.filter((c) => c.includes("/activity"))).toEqual([]);

    await v.page.evaluate((k) => localStorage.setItem(k, "token-123"), `banter:${app().siteKey}:visitor`);
    const w = await visit("/pricing");
    await banter(w.page, "track", "signup");
    await expect.poll(() => w.calls.filter((c) => c.includes("/activity")).length, { timeout: 10_000 }).toBe(1);
    const [call] = w.calls.filter((c) => c.includes("/activity"));
    expect(call?.startsWith(`POST /api/sites/${app().siteKey}/activity `)).toBe(true);
    const body = JSON.parse(call?.slice(call.indexOf("{")) ?? "{}");
    expect(body).toMatchObject({
      visitorToken: "token-123",
      visit: { count: 1 },
      events: [{ name: "Brochure download" }, { name: "signup" }],
    });
    expect(body.pages.map((p: { url: string }) => new URL(p.url).pathname)).toEqual(["/", "/pricing"]);
    // Not acknowledged ("token-123" is no visitor token the server signed: 401): kept for the next report.
    expect((await stored(w, "events")).length).toBe(2);
  });
});
