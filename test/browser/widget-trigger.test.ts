// The chat app acting on a clicked teaser (shared/protocol/engage.ts PendingTrigger) in real Chromium, on a host page
// of another origin: the key the engage chunk leaves goes with the join (the conversation counts for the trigger
// and starts at its question), its quick reply is sent as the visitor's first message, and the key is removed; an
// app already joined does the same through ChatHandle.engage(). A stale or malformed key is ignored.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { PendingTrigger, Trigger } from "../../shared/protocol/engage.ts";
import { appOnRedis, type Harness } from "../support/app.ts";
import { hostPage, sharedBrowser } from "../support/browser.ts";

const pricing: Trigger = {
  id: "pricing00001",
  name: "Pricing page, 30 s",
  enabled: true,
  when: { urls: ["/pricing*"] },
  message: "Questions about plans?",
  quickReplies: ["What does it cost?"],
  startAt: "budget",
  maxPerDay: 2,
  dismissDays: 7,
  duringBusinessHours: false,
  whenRepOnline: false,
  onSmallScreens: false,
};

const html = (body: string) => `<!doctype html>
<html lang="en"><head><title>Customer site</title></head>
<body><h1>Customer site</h1>
${body}
</body></html>`;

describe("browser: the chat app and a clicked teaser", () => {
  const app = appOnRedis();
  const shared = sharedBrowser();
  const server = (h: Harness) => h.url.replace("127.0.0.1", "localhost");

  const setTriggers = (h: Harness, triggers: Trigger[]) => h.store.updateSite(h.siteKey, (s) => ({ ...s, triggers }));

  // The key as the engage chunk leaves it; `age` ms ago.
  const leave = (h: Harness, t: Omit<PendingTrigger, "at">, age = 0) =>
    `localStorage.setItem(${JSON.stringify(`banter:${h.siteKey}:trigger`)}, JSON.stringify(Object.assign(${JSON.stringify(t)}, { at: Date.now() - ${age} })));`;

  async function open(body: string): Promise<{ page: Page; joins: Record<string, unknown>[] }> {
    const host = await hostPage(html(body));
    shared.closers.push(host.close);
    const page = await (await shared.browser().newContext()).newPage();
    const joins: Record<string, unknown>[] = [];
    page.on("websocket", (ws) =>
      ws.on("framesent", (f) => {
        const s = String(f.payload);
        if (s.includes('["conversation:join"')) joins.push(JSON.parse(s.slice(s.indexOf("[")))[1]);
      }),
    );
    await page.goto(host.url);
    return { page, joins };
  }

  const chatLog = (page: Page) => page.getByRole("dialog", { name: "Chat with Demo site" }).getByRole("log");
  const pending = (page: Page, h: Harness) =>
    page.evaluate((k) => localStorage.getItem(k), `banter:${h.siteKey}:trigger`);
  const stored = (h: Harness) => h.store.listConversations(h.siteKey, 10);

  it("a first open joins with the teaser, starts at its question and sends its quick reply", {
    timeout: 60_000,
  }, async () => {
    const h = app();
    await setTriggers(h, [pricing]);
    const { page, joins } = await open(
      `<script>${leave(h, { id: "pricing00001", startAt: "budget", reply: "What does it cost?" })}</script>
<script async src="${server(h)}/widget.js" data-site="${h.siteKey}"></script>`,
    );
    await page.getByRole("button", { name: /^Open chat/ }).click();
    const log = chatLog(page);
    await expect.poll(() => log.textContent()).toContain("What does it cost?");
    const text = (await log.textContent()) ?? "";
    expect(text).toContain("What budget do you have in mind, per year?");
    expect(text).not.toContain("What brings you here today?");
    expect(joins[0]).toMatchObject({ trigger: { id: "pricing00001", startAt: "budget" }, startNew: true });
    await expect.poll(() => pending(page, h)).toBeNull();
    await expect.poll(async () => (await stored(h)).map((c) => c.trigger)).toEqual(["pricing00001"]);
    // The reply is the visitor's own line, shown once.
    expect(text.split("What does it cost?").length - 1).toBe(1);
  });

  it("ChatHandle.engage() acts on a teaser clicked while the app is already joined", { timeout: 60_000 }, async () => {
    const h = app();
    await setTriggers(h, [pricing]);
    // The app mounted as the loader mounts it (widget/loader/launcher.ts), its handle kept for the test.
    const { page, joins } = await open(`<div id="panel"></div>
<script type="module">
  const server = ${JSON.stringify(server(h))};
  const site = await (await fetch(server + "/api/sites/${h.siteKey}/config")).json();
  const mod = await import(server + "/assets/chat.js");
  window.chat = mod.mount(document.getElementById("panel"), { server, site, open: true, onClose() {} });
</script>`);
    const log = chatLog(page);
    await expect.poll(() => log.textContent()).toContain("What brings you here today?");
    expect(joins).toHaveLength(1);
    expect(joins[0]).not.toHaveProperty("trigger");

    await page.evaluate(
      `${leave(h, { id: "pricing00001", startAt: "timing", reply: "We need it soon" })} window.chat.engage();`,
    );
    await expect.poll(() => log.textContent()).toContain("We need it soon");
    expect(joins[1]).toMatchObject({ trigger: { id: "pricing00001", startAt: "timing" }, lastSeq: 0 });
    const text = (await log.textContent()) ?? "";
    // The chat nobody had written in restarts at the teaser's question, under the same seqs.
    expect(text).toContain("When do you need this in place?");
    expect(text).not.toContain("What brings you here today?");
    await expect.poll(() => pending(page, h)).toBeNull();
    await expect.poll(async () => (await stored(h)).map((c) => c.trigger)).toEqual(["pricing00001"]);
    const [c] = await stored(h);
    expect(c?.engine.asks?.timing).toBe(1);
    expect(c?.engine.asks?.need).toBeUndefined();
  });

  it("ignores a stale teaser (over 10 minutes) and a malformed one: the usual start, nothing sent", {
    timeout: 60_000,
  }, async () => {
    const h = app();
    await setTriggers(h, [pricing]);
    for (const left of [
      leave(h, { id: "pricing00001", startAt: "budget", reply: "Stale reply" }, 11 * 60_000),
      leave(h, { id: "<img src=x>", reply: "Bad reply" } as never),
    ]) {
      const { page, joins } = await open(
        `<script>${left}</script><script async src="${server(h)}/widget.js" data-site="${h.siteKey}"></script>`,
      );
      await page.getByRole("button", { name: /^Open chat/ }).click();
      const log = chatLog(page);
      await expect.poll(() => log.textContent()).toContain("What brings you here today?");
      expect(joins[0]).not.toHaveProperty("trigger");
      const text = (await log.textContent()) ?? "";
      expect(text).not.toContain("Stale reply");
      expect(text).not.toContain("Bad reply");
      await page.close();
    }
    expect(await stored(h)).toEqual([]);
  });
});
