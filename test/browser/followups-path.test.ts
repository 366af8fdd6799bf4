// Issue 17's whole path on one server process, and on two sharing Redis, in real Chromium: a visitor on a customer's page
// (another origin) talks to one process and leaves a callback with nobody online; the callback comes due, is past
// its target and is emailed to the owner once (a real SMTP server), though both processes watch the timers; a rep
// whose console is on the other process finds it under Follow-ups and marks it done in one click.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRedisStore } from "../../server/store/redis-store.ts";
import { type Harness, startApp } from "../support/app.ts";
import { expectAccessible } from "../support/axe.ts";
import { consoleLogin, openChat, qualifyInWidget, sharedBrowser } from "../support/browser.ts";
import { redisTestStore, redisUrl } from "../support/redis.ts";
import { smtpServer } from "../support/smtp.ts";

describe("browser: a callback's follow-up across two processes", () => {
  const shared = sharedBrowser();
  const closers: (() => Promise<void>)[] = [];
  let prefix: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    const t = await redisTestStore();
    prefix = t.prefix;
    cleanup = t.cleanup;
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await cleanup();
  });

  it.each([1, 2])(
    "on %i process(es): in the rep's Follow-ups, emailed once when past its target, done in one click",
    async (processes) => {
      const smtp = await smtpServer();
      closers.push(smtp.close);
      const sides: Harness[] = [];
      for (let i = 0; i < processes; i++) {
        const store = await createRedisStore(redisUrl(), prefix);
        const h = await startApp(store, {
          redis: { url: redisUrl(), prefix },
          email: { smtpUrl: smtp.url, publicUrl: "https://chat.acme.test", tickMs: 50 },
        });
        closers.push(async () => {
          await h.close();
          await store.close();
        });
        sides.push(h);
      }
      // With two, the visitor talks to one process and the rep's console to the other.
      const visitorSide = sides[0] as Harness;
      const repSide = sides.at(-1) as Harness;

      const visitor = await (await shared.browser().newContext({ timezoneId: "Europe/Paris" })).newPage();
      await visitor.goto(await shared.host(visitorSide));
      const chat = await openChat(visitor);
      await qualifyInWidget(chat, "ana@acme.io");
      const log = chat.getByRole("log");
      await expect.poll(() => log.textContent(), { timeout: 10_000 }).toContain("Nobody from the team is online");
      const box = chat.getByRole("textbox", { name: "Message" });
      // "asap": due now, so past its target at once (an item due later waits for its time, as in notify.test.ts).
      await box.fill("+33 6 12 34 56 78, asap please");
      await box.press("Enter");
      await expect.poll(() => log.textContent()).toContain("A rep will call you");

      // Emailed to the owner, once, whichever process's timer took it.
      await smtp.waitFor(2, 10_000);
      await new Promise((r) => setTimeout(r, 1500));
      const overdue = smtp.received.filter((m) => m.mail.subject?.startsWith("Follow-up overdue"));
      expect(overdue.map((m) => m.envelopeTo)).toEqual([["owner@test.local"]]);
      expect(overdue[0]?.mail.subject).toBe("Follow-up overdue on Demo site: ana@acme.io, +33612345678");
      expect(overdue[0]?.mail.text).toContain("A callback on Demo site is past its due time");
      expect(overdue[0]?.mail.text).toContain("https://chat.acme.test/console#/inbox/");

      await repSide.addRep("rita@test.local", "Rita");
      const page = await (await shared.browser().newContext({ viewport: { width: 1366, height: 768 } })).newPage();
      await consoleLogin(page, repSide.url);
      await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Follow-ups" }).click();
      const row = page
        .getByRole("region", { name: /^Overdue/ })
        .getByRole("listitem")
        .filter({ hasText: "Callback" });
      await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
      expect(await row.textContent()).toContain("ana@acme.io");
      await expectAccessible(page, "follow-ups on the other process");
      // The owner gives it to Rita, then marks it done.
      await row.getByRole("combobox", { name: /^Owner: Callback/ }).selectOption({ label: "Rita" });
      await expect.poll(() => page.getByRole("status").filter({ hasText: "Rita owns Callback" }).count()).toBe(1);
      await row.getByRole("button", { name: /^Done/ }).click();
      await expect.poll(() => page.getByRole("status").filter({ hasText: "Done: Callback" }).count()).toBe(1);
      await expect.poll(() => row.count()).toBe(0);
      const conversationId = (await repSide.store.listConversations(repSide.siteKey, 1))[0]?.id ?? "";
      const items = await visitorSide.store.listConversationFollowUps(conversationId);
      const rita = await repSide.store.getUserByEmail("rita@test.local");
      expect(items.find((f) => f.kind === "callback")).toMatchObject({ state: "done", ownerId: rita?.id });
      expect(items.find((f) => f.kind === "callback")?.breachedAt).toBeGreaterThan(0);
    },
    60_000,
  );
});
