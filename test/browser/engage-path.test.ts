// Issue 19 end to end, no part faked: an owner sets a proactive message and behaviour scoring through the HTTP API;
// a visitor on a customer's page (another origin) in real Chromium sees the teaser on pricing, starts the chat from
// its quick reply at the trigger's question and qualifies; the funnel counts the trigger, the lead card says where
// the chat started and what the visitor did before it; after the chat, Banter('track') on other pages lifts the
// lead to hot, which is announced once by webhook and email, and the console shows the lead as re-engaged.
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { defaultPlaybook, type Playbook } from "../../shared/engine/index.ts";
import type { Trigger, TriggerInput } from "../../shared/protocol/engage.ts";
import type { FunnelReport, LeadDetail, WebhookEndpointView } from "../../shared/protocol/index.ts";
import { queueStub } from "../../shared/sites/snippet.ts";
import { call } from "../support/api.ts";
import { type Harness, startApp } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, hostPage, launchBrowser } from "../support/browser.ts";
import { redisTestStore, redisUrl } from "../support/redis.ts";
import { smtpServer } from "../support/smtp.ts";
import { receiverNetwork, webhookReceiver } from "../support/webhook-receiver.ts";

// The default playbook with behaviour rules: pricing views and a brochure download are worth enough together to
// lift a warm lead to hot (thresholds: warm 35, hot 70); a quiet lead decays.
function behaviourPlaybook(): Playbook {
  const p = structuredClone(defaultPlaybook);
  p.scoring.rules.push(
    { when: { page: "/pricing*", atLeast: 2 }, points: 10, reason: "Visited pricing {count} times" },
    { when: { event: "Brochure download" }, points: 30, reason: "Downloaded the brochure" },
  );
  p.scoring.decay = { afterDays: 14, pointsPerWeek: -20 };
  return p;
}

// On the second page of a visit on pricing: the first pricing page is read, the teaser comes on the next.
const pricingTrigger: TriggerInput = {
  name: "Pricing, second page",
  when: { urls: ["/pricing*"], pagesThisVisit: 2 },
  message: "Comparing plans? I can help you pick one.",
  quickReplies: ["What does it cost?"],
  startAt: "budget",
  maxPerDay: 3,
};

const customerPage = (server: string, siteKey: string) => `<!doctype html>
<html lang="en"><head><title>Customer site</title></head>
<body><main><h1>Customer site</h1><p>Plans and prices.</p></main>
${queueStub}
<script async src="${server}/widget.js" data-site="${siteKey}"></script>
</body></html>`;

describe("browser: proactive message to re-engaged lead, end to end", () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  it("teaser, quick reply, startAt, funnel, lead card, behaviour, re-engaged webhook and email", {
    timeout: 180_000,
  }, async () => {
    const smtp = await smtpServer();
    closers.push(smtp.close);
    const receiver = await webhookReceiver();
    closers.push(receiver.close);
    const redis = await redisTestStore();
    closers.push(redis.cleanup);
    const h: Harness = await startApp(redis.store, {
      redis: { url: redisUrl(), prefix: redis.prefix },
      webhookAllowNetworks: receiverNetwork,
      email: { smtpUrl: smtp.url, publicUrl: "https://chat.acme.test", tickMs: 50 },
    });
    closers.push(h.close);
    const browser = await launchBrowser();
    closers.push(() => browser.close());

    // 1. The owner's setup, through the API the console uses.
    const { token: owner } = await h.login();
    const api = (method: string, path: string, body?: unknown) => call(h.url, owner, method, path, body);
    expect((await api("PUT", `/api/sites/${h.siteKey}/playbook`, behaviourPlaybook())).status).toBe(200);
    const saved = await api("PUT", `/api/sites/${h.siteKey}`, { triggers: [pricingTrigger] });
    expect(saved.status).toBe(200);
    const [trigger] = saved.body.site.triggers as Trigger[];
    expect(trigger).toMatchObject({ name: "Pricing, second page", startAt: "budget" });
    const hook = await api("POST", `/api/sites/${h.siteKey}/webhooks`, {
      url: receiver.url,
      events: ["lead.reengaged"],
    });
    expect(hook.status).toBe(201);
    const endpoint = hook.body.endpoint as WebhookEndpointView;

    const host = await hostPage(customerPage(h.url.replace("127.0.0.1", "localhost"), h.siteKey));
    closers.push(host.close);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    closers.push(() => context.close());
    const activity: string[] = [];
    context.on("request", (r) => {
      if (r.url().includes("/activity")) activity.push(r.postData() ?? "");
    });
    const stored = (p: Page, name: string) =>
      p.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? "null"), `banter:${h.siteKey}:${name}`);
    const open = async (path: string) => {
      const p = await context.newPage();
      await p.goto(new URL(path, host.url).href);
      return p;
    };

    // 2. The first pricing page: recorded by the engage chunk, no teaser yet (the trigger wants a second page).
    const first = await open("/pricing/teams");
    await expect.poll(() => stored(first, "unreported"), { timeout: 15_000 }).toHaveLength(1);
    await first.close();

    const page = await open("/pricing");
    const region = page.getByRole("status").filter({ hasText: "Comparing plans?" });
    const teaser = region.getByRole("button", { name: /Comparing plans\? I can help you pick one\./ });
    await teaser.waitFor({ timeout: 20_000 });
    // Announced: the teaser's words are in a polite live region.
    expect(await region.getAttribute("aria-live")).toBe("polite");
    await expectAccessible(page, "the host page with the teaser shown");

    await region.getByRole("button", { name: "What does it cost?" }).click();
    const chat = page.getByRole("dialog", { name: "Chat with Demo site" });
    const log = chat.getByRole("log");
    // The chat opens at the trigger's question, not the playbook's first; the quick reply is the visitor's first
    // line, and once the bot has answered it, its next question is the trigger's again.
    const afterReply = async () => {
      const text = (await log.textContent()) ?? "";
      const at = text.indexOf("You: What does it cost?");
      return at < 0 ? "" : text.slice(at);
    };
    await expect.poll(afterReply, { timeout: 15_000 }).toContain("What budget do you have in mind");
    const opening = (await log.textContent()) ?? "";
    expect(opening.indexOf("You:")).toBe(opening.indexOf("You: What does it cost?"));
    expect(opening.indexOf("What budget do you have in mind")).toBeGreaterThan(0);
    expect(opening).not.toContain("What brings you here today?");
    await expectAccessible(page, "the host page with the chat open from a teaser");

    // The visitor qualifies as warm (an MQL): 25 + 15 + 5 - 5 + 5 for the answers, 10 for pricing; 55 < 70.
    // ("This year" would depend on the date: in December it is within a month.)
    for (const [answer, next] of [
      ["$25k to $100k", "What brings you here today?"],
      ["Replace our current chat tool", "Who makes the buying decision?"],
      ["Someone else decides", "When do you need this in place?"],
      ["Just researching", "best email"],
    ] as const) {
      await chat.getByRole("button", { name: answer }).click();
      await expect.poll(() => log.textContent()).toContain(next);
    }
    const box = chat.getByRole("textbox", { name: "Message" });
    await box.fill("dana@acme-corp.com");
    await box.press("Enter");

    const [conversation] = await h.store.listConversations(h.siteKey, 10);
    const id = conversation?.id as string;
    expect(id).toBeTypeOf("string");
    const lead = async () => ((await api("GET", `/api/leads/${id}`)).body as LeadDetail).lead;
    await expect.poll(async () => (await lead()).email, { timeout: 15_000 }).toBe("dana@acme-corp.com");
    await expect
      .poll(async () => (await h.store.getConversation(id))?.engine.outcome, { timeout: 15_000 })
      .not.toBeNull();

    // The funnel counts the trigger: shown, opened, the conversation it started, qualified.
    const funnel = async () =>
      ((await api("GET", `/api/funnel?site=${h.siteKey}`)).body as FunnelReport).triggers.find(
        (t) => t.id === trigger?.id,
      );
    await expect
      .poll(funnel, { timeout: 15_000 })
      .toMatchObject({ name: "Pricing, second page", shown: 1, opened: 1, conversations: 1, qualified: 1 });

    // 3. The lead card: where the chat started, and the pricing views from before it (sent with the first join).
    const card = await lead();
    expect(card.trigger).toEqual({ id: trigger?.id, name: "Pricing, second page" });
    expect(card.qualification.tier, JSON.stringify(card.qualification)).toBe("warm");
    expect(card.qualification.reasons).toContainEqual({
      slot: "",
      points: 10,
      reason: "Visited pricing 2 times",
      behaviour: true,
    });
    expect(card.reengagedAt).toBeUndefined();

    // 4. The bot ends a warm lead's chat itself (the visitor's End chat is gone with it).
    await chat.getByText("This conversation has ended.").waitFor();
    expect((await h.store.getConversation(id))?.status).toBe("closed");
    await chat.getByRole("button", { name: "Minimize chat" }).click();
    await page.close();

    // The visitor comes back to other pages and downloads the brochure.
    const later = await open("/docs");
    await later.evaluate(() =>
      (window as unknown as { Banter(...a: unknown[]): void }).Banter("track", "Brochure download", {
        file: "pricing.pdf",
      }),
    );
    await expect.poll(async () => (await lead()).qualification.tier, { timeout: 20_000 }).toBe("hot");
    const hot = await lead();
    expect(hot.reengagedAt).toBeTypeOf("number");
    expect(hot.qualification.reasons).toContainEqual({
      slot: "",
      points: 30,
      reason: "Downloaded the brochure",
      behaviour: true,
    });
    expect(activity.some((b) => b.includes("Brochure download"))).toBe(true);

    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    expect(receiver.received[0]?.payload.type).toBe("lead.reengaged");
    expect(receiver.received[0]?.payload.data.lead).toMatchObject({
      conversationId: id,
      reengagedAt: hot.reengagedAt,
      qualification: { tier: "hot" },
    });
    // The owner's email (the lead's own follow-up email from the playbook goes out too, to the lead).
    const toOwner = () => smtp.received.filter((m) => m.envelopeTo.includes("owner@test.local"));
    await expect.poll(() => toOwner().length, { timeout: 15_000 }).toBe(1);
    const [mail] = toOwner();
    expect(mail?.envelopeTo).toEqual(["owner@test.local"]);
    expect(mail?.mail.subject).toMatch(/^Lead back and hot on Demo site/);
    expect(mail?.mail.text).toContain(
      "came back to the site after the chat and is now hot: Visited pricing 2 times; Downloaded the brochure.",
    );

    // Still hot on the next page: no second announcement.
    const again = await open("/pricing/enterprise");
    await expect
      .poll(
        async () => (await lead()).qualification.reasons.find((r) => r.reason.startsWith("Visited pricing"))?.reason,
        {
          timeout: 20_000,
        },
      )
      .toBe("Visited pricing 3 times");
    await again.close();
    const deliveries = await api("GET", `/api/sites/${h.siteKey}/webhooks/${endpoint.id}/deliveries`);
    expect(deliveries.body.deliveries).toHaveLength(1);
    expect((await lead()).reengagedAt).toBe(hot.reengagedAt);

    // The console's lead page says so.
    const desk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    closers.push(() => desk.close());
    await consoleLogin(desk, h.url);
    await desk.getByLabel("Password").waitFor({ state: "detached" });
    await desk.goto(`${h.url}/console#/inbox/${id}`);
    const leadCard = desk.getByRole("region", { name: "Lead" });
    await expect.poll(() => leadCard.textContent(), { timeout: 15_000 }).toContain("Re-engaged");
    const text = (await leadCard.textContent()) ?? "";
    expect(text).toContain("Pricing, second page");
    expect(text).toContain("Downloaded the brochure");
  });
});
