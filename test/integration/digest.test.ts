// The daily digest (FU15, docs/email.md) through a real SMTP server, with the digest's clock driven by the test:
// nothing before DIGEST_HOUR_UTC; after it, one email for yesterday to each user who asked for it, however many
// processes share the Redis store; nothing to a user who did not ask.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../server/store/types.ts";
import type { NotificationSettings } from "../../shared/protocol/index.ts";
import { connected, type Harness, ok, qualifyHot, startApp } from "../support/app.ts";
import { until } from "../support/processes.ts";
import { redisTestStore } from "../support/redis.ts";
import { smtpServer } from "../support/smtp.ts";

const day = 24 * 3600_000;
const hour = 3600_000;

describe("daily digest (Redis, SMTP)", () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const closers: (() => Promise<void>)[] = [];
  beforeEach(async () => {
    ({ store, cleanup } = await redisTestStore());
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await cleanup();
  });

  async function choose(h: Harness, token: string, settings: NotificationSettings) {
    const res = await fetch(`${h.url}/api/me/notifications`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(settings),
    });
    expect(res.status).toBe(200);
  }

  it("FU15 after the hour, a user who asked gets one digest of yesterday across two processes; others none", async () => {
    const smtp = await smtpServer();
    closers.push(smtp.close);
    let clock = Date.now();
    const opts = {
      email: { smtpUrl: smtp.url, publicUrl: "https://chat.acme.test", tickMs: 50 },
      digest: { now: () => clock, everyMs: 50 },
    };
    const a = await startApp(store, opts);
    closers.push(a.close);
    const b = await startApp(store, opts);
    closers.push(b.close);
    await a.addRep("rita@test.local", "Rita");
    const owner = await a.login();
    const rita = await a.login("rita@test.local");
    // Only the digest is asked for, and only by the owner: Rita keeps the default (off).
    await choose(a, owner.token, { missedLeads: false, slaBreaches: false, dailyDigest: true });
    await choose(a, rita.token, { missedLeads: false, slaBreaches: false, dailyDigest: false });

    // A hot lead with nobody online: a missed handoff, and its follow-up.
    const v = a.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    await qualifyHot(v, "bo@big.co");
    await until(async () => (await store.listOpenFollowUps(a.siteKey)).length === 1);

    // Tomorrow before 07:00 UTC (the default hour): nothing yet.
    const tomorrow = Math.floor(Date.now() / day) * day + day;
    clock = tomorrow + 6 * hour;
    await new Promise((r) => setTimeout(r, 400));
    expect(smtp.received).toHaveLength(0);

    clock = tomorrow + 8 * hour;
    const [mail] = (await smtp.waitFor(1)).map((r) => r.mail);
    const yesterday = new Date(tomorrow - day).toISOString().slice(0, 10);
    expect(mail?.to).toMatchObject({ text: "owner@test.local" });
    expect(mail?.subject).toBe(`Banter digest for ${yesterday}: 1 lead, 1 overdue follow-up`);
    expect(mail?.text).toContain("Demo site\nLeads yesterday: 1 (1 hot, ");
    expect(mail?.text).toContain("1 missed handoff, 0 accepted by a rep)");
    expect(mail?.text).toContain("Follow-ups open: 1 (1 overdue, 0 due today)");
    expect(mail?.text).toMatch(/Most overdue:\n- .*bo@big\.co.*: missed handoff/);
    expect(mail?.text).toContain("Open Follow-ups: https://chat.acme.test/console#/followups");
    expect(mail?.html).toContain('href="https://chat.acme.test/console#/followups"');

    // Once: both processes keep looking, and a process started later (a restart) finds it already sent.
    const c = await startApp(store, opts);
    closers.push(c.close);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received.map((r) => r.envelopeTo)).toEqual([["owner@test.local"]]);
  });
});
