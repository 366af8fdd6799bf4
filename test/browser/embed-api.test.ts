// The embed API on a customer's page in real Chromium (docs/embedding.md): the snippet's queue stub replayed in
// order, events, pages from Banter('page') and history changes on the lead card, the tag's overrides, consent
// mode, and shutdown; page:view and visitor:identify seen in the socket's frames and on the lead.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { identitySecretOf, userHash } from "../../server/sites/identity.ts";
import type { LeadCard } from "../../shared/protocol/index.ts";
import { embedSnippet } from "../../shared/sites/snippet.ts";
import { appOnRedis, type Harness, next, ok, ownerOnline } from "../support/app.ts";
import { hostPage, qualifyInWidget, sharedBrowser } from "../support/browser.ts";

// What a page did and what it sent: requests, the visitor socket's frames, console warnings, uncaught errors.
interface Visit {
  page: Page;
  url: string;
  requests: string[];
  frames: string[];
  warnings: string[];
  pageErrors: string[];
}

const html = (body: string) => `<!doctype html>
<html lang="en"><head><title>Customer site</title></head>
<body><h1>Customer site</h1>
${body}
</body></html>`;

// Listeners that record what they hear on window.heard, as [event, data] pairs.
const listen = (events: string[]) =>
  `<script>window.heard=[];${events
    .map((e) => `Banter('on','${e}',function(d){heard.push(['${e}',d===undefined?null:d])});`)
    .join("")}</script>`;

describe("browser: embed API", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();

  const server = (h: Harness) => h.url.replace("127.0.0.1", "localhost");

  async function visit(body: string, path = ""): Promise<Visit> {
    const host = await hostPage(html(body));
    shared.closers.push(host.close);
    const page = await (await shared.browser().newContext()).newPage();
    const v: Visit = { page, url: host.url, requests: [], frames: [], warnings: [], pageErrors: [] };
    page.on("request", (r) => v.requests.push(r.url()));
    page.on("websocket", (ws) => ws.on("framesent", (f) => v.frames.push(String(f.payload))));
    page.on("console", (m) => {
      if (m.type() === "warning") v.warnings.push(m.text());
    });
    page.on("pageerror", (e) => v.pageErrors.push(e.message));
    await page.goto(`${host.url}${path}`);
    return v;
  }

  const launcher = (page: Page) => page.getByRole("button", { name: /^Open chat/ });
  const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: [string, unknown][] }).heard);
  const names = async (page: Page) => (await heard(page)).map(([e]) => e);
  const storage = (page: Page) => page.evaluate(() => Object.keys(localStorage).sort());
  const banter = (page: Page, ...args: unknown[]) =>
    page.evaluate((a) => (window as unknown as { Banter(...x: unknown[]): void }).Banter(...a), args);
  // The socket's sent frames that carry this event, parsed: socket.io frames read `42/visitor,7["event",{...}]`.
  const sent = (v: Visit, event: string) =>
    v.frames
      .filter((f) => f.includes(`["${event}"`))
      .map((f) => JSON.parse(f.slice(f.indexOf("["))) as [string, Record<string, unknown>])
      .map(([, payload]) => payload);

  it("replays calls made before widget.js loaded, in order, and warns once about an unknown command", async () => {
    const h = app();
    const v = await visit(
      `${embedSnippet(server(h), h.siteKey)}
<script>
  window.heard = [];
  Banter('on', 'ready', function () { heard.push('ready'); });
  Banter('page', '/step-1');
  Banter('page', '/step-2');
  Banter('fly');
  Banter('fly');
  Banter('identify', { email: 'early@acme.io', name: 'Early Bird' });
  Banter('on', 'open', function () { heard.push('open:' + JSON.parse(localStorage.getItem('banter:${h.siteKey}:pages')).length); });
  Banter('open');
</script>`,
    );
    const chat = v.page.getByRole("dialog", { name: "Chat with Demo site" });
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("What brings you here today?");
    // ready before open, and the pages were recorded before the open ran: the order the page called them in.
    expect(await heard(v.page)).toEqual(["ready", "open:3"]);
    expect(v.warnings.filter((w) => w.includes('unknown command "fly"'))).toHaveLength(1);
    const [join] = sent(v, "conversation:join");
    expect(join?.pageUrl).toBe(`${v.url}step-2`);
    expect(join?.pagesBefore).toEqual([v.url, `${v.url}step-1`]);
    expect(join?.identity).toEqual({ email: "early@acme.io", name: "Early Bird" });
    expect(join?.source).toEqual({ landingPage: v.url });
    // After load, Banter is a function with methods, and the older array form still works.
    expect(await v.page.evaluate(() => typeof (window as unknown as { Banter: { on: unknown } }).Banter.on)).toBe(
      "function",
    );
    await v.page.evaluate(() => (window as unknown as { Banter: { push(c: unknown): void } }).Banter.push(["close"]));
    await expect.poll(() => v.page.getByRole("dialog").count()).toBe(0);
    // Listening for ready after it happened hears it at once.
    await v.page.evaluate(() =>
      (window as unknown as { Banter: { on(e: string, f: () => void): void } }).Banter.on("ready", () =>
        (window as unknown as { heard: string[] }).heard.push("late ready"),
      ),
    );
    expect(await heard(v.page)).toEqual(["ready", "open:3", "late ready"]);
    expect(v.pageErrors).toEqual([]);
  });

  it("a reload does not tell the conversation so far again: only what happens after it", async () => {
    const h = app();
    const v = await visit(`${embedSnippet(server(h), h.siteKey)}${listen(["message"])}`);
    await launcher(v.page).click();
    const chat = v.page.getByRole("dialog", { name: "Chat with Demo site" });
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("What brings you here today?");
    await v.page.reload();
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("What brings you here today?");
    await chat.getByRole("button", { name: "Capture more leads from our website" }).click();
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("What budget");
    const authors = async () => (await heard(v.page)).map(([, m]) => (m as { author: string }).author);
    await expect.poll(authors).toEqual(["visitor", "bot"]);
  });

  it("tells ready, open, close, message, qualified and handoff; off stops a listener; a throwing one breaks nothing", async () => {
    const h = app();
    const rep = await ownerOnline(h);
    const v = await visit(
      `${embedSnippet(server(h), h.siteKey)}
${listen(["ready", "open", "close", "message", "qualified", "handoff"])}
<script>
  Banter('on', 'message', function () { throw new Error('a broken listener'); });
  function never() { heard.push(['never']); }
  Banter('on', 'open', never);
  Banter('off', 'open', never);
</script>`,
    );
    await expect.poll(() => names(v.page)).toEqual(["ready"]);
    await launcher(v.page).click();
    const chat = v.page.getByRole("dialog", { name: "Chat with Demo site" });
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("What brings you here today?");
    const offer = next<LeadCard>(rep, "offer:created");
    await qualifyInWidget(chat, "events@acme.io");
    const { conversationId } = await offer;
    await expect.poll(async () => (await names(v.page)).includes("handoff")).toBe(true);
    await ok(rep.emitWithAck("offer:accept", { conversationId }));
    await expect.poll(async () => (await names(v.page)).filter((e) => e === "handoff").length).toBe(2);
    await banter(v.page, "close");
    await expect.poll(async () => (await names(v.page)).at(-1)).toBe("close");

    const all = await heard(v.page);
    const events = all.map(([e]) => e);
    expect(events.slice(0, 2)).toEqual(["ready", "open"]);
    expect(events).not.toContain("never");
    const messages = all.filter(([e]) => e === "message").map(([, d]) => d as { author: string; text: string });
    // The greeting and the first question, the visitor's four answers and email, and the bot's replies.
    expect(messages[0]).toMatchObject({ author: "bot", text: expect.any(String) });
    expect(messages.filter((m) => m.author === "visitor").map((m) => m.text)).toEqual([
      "Capture more leads from our website",
      "Over $100k",
      "I do",
      "This month",
      "events@acme.io",
    ]);
    const qualified = all.filter(([e]) => e === "qualified").map(([, d]) => d);
    expect(qualified).toEqual([{ tier: "hot", score: expect.any(Number), stage: "sql" }]);
    const handoffs = all.filter(([e]) => e === "handoff").map(([, d]) => d);
    expect(handoffs).toEqual([{ status: "queued" }, { status: "live", repName: expect.any(String) }]);
    // qualified comes before the queued handoff: the bot finished, then the lead waited for a rep.
    expect(events.indexOf("qualified")).toBeLessThan(events.indexOf("handoff"));
    expect(v.pageErrors).toEqual([]);
  });

  it("puts Banter('page') and pushState pages on the lead card; connected, sends page:view and visitor:identify", async () => {
    const h = app();
    const rep = await ownerOnline(h);
    const v = await visit(embedSnippet(server(h), h.siteKey), "?utm_source=newsletter&utm_campaign=spring");
    await expect.poll(() => launcher(v.page).count()).toBe(1);
    await v.page.evaluate(() => history.pushState({}, "", "/features"));
    // An in-page anchor is the same page; a hash route is a page.
    await v.page.evaluate(() => {
      location.hash = "details";
    });
    await banter(v.page, "page", "/pricing/enterprise");
    await v.page.evaluate(() => history.replaceState({ step: 2 }, "", "/pricing/enterprise"));
    await launcher(v.page).click();
    const chat = v.page.getByRole("dialog", { name: "Chat with Demo site" });
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("What brings you here today?");
    const [join] = sent(v, "conversation:join");
    const landing = `${v.url}?utm_source=newsletter&utm_campaign=spring`;
    expect(join?.source).toEqual({ landingPage: landing, utm: { source: "newsletter", campaign: "spring" } });

    const offer = next<LeadCard>(rep, "offer:created");
    await qualifyInWidget(chat, "trail@acme.io");
    expect((await offer).pageTrail).toEqual([landing, `${v.url}features`, `${v.url}pricing/enterprise`]);

    // Connected: a history change and an identify go over the socket, and reach the lead.
    const hash = userHash((await identitySecretOf(h.store, h.siteKey)) ?? "", "7");
    await v.page.evaluate(() => history.pushState({}, "", "/#/checkout"));
    await banter(v.page, "identify", { email: "trail@acme.io", userId: 7, userHash: hash });
    await expect.poll(() => sent(v, "page:view")).toEqual([{ pageUrl: `${v.url}#/checkout` }]);
    await expect
      .poll(() => sent(v, "visitor:identify"))
      .toEqual([{ email: "trail@acme.io", userId: "7", userHash: hash }]);
    const { token } = await h.login();
    const lead = async () => {
      const res = await fetch(`${h.url}/api/leads/${(await offer).conversationId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await res.json()) as { lead: LeadCard }).lead;
    };
    await expect.poll(async () => (await lead()).pageTrail.at(-1)).toBe(`${v.url}#/checkout`);
    await expect
      .poll(async () => (await lead()).identity)
      .toEqual({ email: "trail@acme.io", userId: "7", verified: true });
    expect(v.pageErrors).toEqual([]);
  });

  it("data-position and data-color override the site's; a bad colour is ignored with a warning", async () => {
    const h = app();
    const tag = (attrs: string) =>
      `<script async src="${server(h)}/widget.js" data-site="${h.siteKey}" ${attrs}></script>`;
    const left = await visit(tag('data-position="left" data-color="#0a7d32"'));
    await expect.poll(() => launcher(left.page).count()).toBe(1);
    const box = await launcher(left.page).boundingBox();
    expect(box?.x).toBeLessThan(100);
    expect(await launcher(left.page).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(10, 125, 50)");

    const bad = await visit(tag('data-color="red;background:url(x)" data-position="top"'));
    await expect.poll(() => launcher(bad.page).count()).toBe(1);
    // The site's own colour, as its config says.
    const site = (await (await fetch(`${h.url}/api/sites/${h.siteKey}/config`)).json()) as { accentColor: string };
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;
    expect(site.accentColor).not.toBe("#0a7d32");
    expect(await launcher(bad.page).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(site.accentColor));
    expect((await launcher(bad.page).boundingBox())?.x).toBeGreaterThan(600);
    expect(bad.warnings.some((w) => w.includes("data-color must be a hex colour"))).toBe(true);
    expect(bad.warnings.some((w) => w.includes("data-position must be left or right"))).toBe(true);
  });

  it("consent mode: nothing requested, stored or drawn before consent; withdrawn, everything goes", async () => {
    const h = app();
    const v = await visit(
      `<script>window.Banter=window.Banter||function(){(Banter.q=Banter.q||[]).push(arguments)};</script>
<script async src="${server(h)}/widget.js" data-site="${h.siteKey}" data-autoload="false"></script>
${listen(["ready"])}
<script>Banter('identify', { email: 'later@acme.io' });</script>`,
    );
    await v.page.waitForLoadState("load");
    await v.page.evaluate(() => history.pushState({}, "", "/not-recorded"));
    await new Promise((r) => setTimeout(r, 1000));
    expect(v.requests.filter((u) => u.startsWith(server(h)) && !u.endsWith("/widget.js"))).toEqual([]);
    expect(await storage(v.page)).toEqual([]);
    expect(await v.page.locator("[data-banter]").count()).toBe(0);
    expect(await names(v.page)).toEqual([]);

    await banter(v.page, "consent", true);
    await expect.poll(() => launcher(v.page).count()).toBe(1);
    expect(await names(v.page)).toEqual(["ready"]);
    const key = `banter:${h.siteKey}:`;
    expect(await storage(v.page)).toEqual([`${key}identity`, `${key}pages`, `${key}seen`, `${key}source`]);
    expect(await v.page.evaluate((k) => localStorage.getItem(`${k}pages`), key)).toBe(
      JSON.stringify([`${v.url}not-recorded`]),
    );

    await launcher(v.page).click();
    await expect.poll(() => v.page.getByRole("dialog", { name: "Chat with Demo site" }).count()).toBe(1);
    await banter(v.page, "consent", false);
    await expect.poll(() => v.page.locator("[data-banter]").count()).toBe(0);
    expect(await storage(v.page)).toEqual([]);
    // Withdrawn means not stored again either, until consent comes back.
    await v.page.evaluate(() => history.pushState({}, "", "/after-withdrawal"));
    expect(await storage(v.page)).toEqual([]);
    expect(v.pageErrors).toEqual([]);
  });

  it("shutdown forgets the visitor: the next open is a new visitor with a new conversation", async () => {
    const h = app();
    const v = await visit(`${embedSnippet(server(h), h.siteKey)}${listen(["shutdown"])}`);
    await launcher(v.page).click();
    const chat = v.page.getByRole("dialog", { name: "Chat with Demo site" });
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("What brings you here today?");
    await chat.getByRole("button", { name: "Capture more leads from our website" }).click();
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("What budget");
    const key = `banter:${h.siteKey}:`;
    const first = await v.page.evaluate((k) => localStorage.getItem(`${k}visitor`), key);
    expect(first).toBeTruthy();

    await banter(v.page, "shutdown");
    await expect.poll(() => v.page.getByRole("dialog").count()).toBe(0);
    expect(await storage(v.page)).toEqual([]);
    expect(await names(v.page)).toEqual(["shutdown"]);
    // The socket is gone: the server counts no visitor connected to this conversation any more.
    await expect.poll(async () => (await h.app.io.of("/visitor").fetchSockets()).length).toBe(0);

    await launcher(v.page).click();
    await expect.poll(() => chat.getByRole("log").textContent()).toContain("What brings you here today?");
    expect(await chat.getByRole("log").textContent()).not.toContain("Capture more leads");
    const joins = sent(v, "conversation:join");
    expect(joins.at(-1)?.visitorToken).toBeUndefined();
    await expect.poll(() => v.page.evaluate((k) => localStorage.getItem(`${k}visitor`), key)).toBeTruthy();
    expect(await v.page.evaluate((k) => localStorage.getItem(`${k}visitor`), key)).not.toBe(first);
    expect(v.pageErrors).toEqual([]);
  });
});
