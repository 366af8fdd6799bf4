// After the chat, by email, through a real SMTP server: a rep's reply reaches a visitor who left (with a signed
// link back into the same conversation), and the team hears of a hot lead nobody took and of leads past their
// speed-to-lead or follow-up targets, as each user chose (Account, Email me).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyVisitor } from "../../server/auth/tokens.ts";
import type { Site, Store } from "../../server/store/types.ts";
import type { LeadCard, NotificationSettings } from "../../shared/protocol/index.ts";
import { connected, type Harness, next, ok, qualifyHot, startApp } from "../support/app.ts";
import { until } from "../support/processes.ts";
import { redisTestStore } from "../support/redis.ts";
import { smtpServer } from "../support/smtp.ts";

describe("emails after the chat (Redis, SMTP)", () => {
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

  async function setup() {
    const smtp = await smtpServer();
    closers.push(smtp.close);
    const h = await startApp(store, {
      email: { smtpUrl: smtp.url, publicUrl: "https://chat.acme.test", tickMs: 50 },
      replyDelayMs: 300,
    });
    closers.push(h.close);
    const { token } = await h.login();
    return { smtp, h, token };
  }

  async function setSite(h: Harness, change: (s: Site) => Site) {
    const site = (await h.store.getSite(h.siteKey)) as Site;
    await h.store.putSite(change(site));
  }

  const subjects = (smtp: Awaited<ReturnType<typeof smtpServer>>) => smtp.received.map((r) => r.mail.subject);

  it("a rep's reply after the visitor left is emailed once, with a link that opens that conversation only", async () => {
    const { smtp, h, token } = await setup();
    const rep = h.rep(token);
    await connected(rep);
    await ok(rep.emitWithAck("inbox:get", {}));
    const v = h.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const ring = next<LeadCard>(rep, "offer:created");
    await qualifyHot(v, "ana@acme.io");
    const { conversationId } = await ring;
    await ok(rep.emitWithAck("offer:accept", { conversationId }));
    // While the visitor is there, nothing is emailed.
    await ok(rep.emitWithAck("message:send", { conversationId, clientId: "r0", text: "Hi Ana!" }));
    await new Promise((r) => setTimeout(r, 800));
    expect(smtp.received).toHaveLength(0);
    // Gone: two lines in a row make one email, a minute (here 300 ms) after the last.
    v.disconnect();
    await new Promise((r) => setTimeout(r, 100));
    await ok(rep.emitWithAck("message:send", { conversationId, clientId: "r1", text: "Sorry I missed you." }));
    await ok(rep.emitWithAck("message:send", { conversationId, clientId: "r2", text: "Tuesday <10:00> works?" }));
    const [mail] = (await smtp.waitFor(1)).map((r) => r.mail);
    expect(mail?.to).toMatchObject({ text: "ana@acme.io" });
    expect(mail?.subject).toMatch(/replied to your chat with Demo site$/);
    // The line she saw in the chat is not repeated.
    expect(mail?.text).not.toContain("Hi Ana!");
    expect(mail?.text).toContain("Sorry I missed you.");
    expect(mail?.text).toContain("Tuesday <10:00> works?");
    expect(mail?.html).toContain("Tuesday &#60;10:00&#62; works?");
    const link = /https:\/\/chat\.acme\.test\/chat\/continue\?t=(\S+)/.exec(mail?.text ?? "")?.[1] ?? "";
    expect(link).not.toBe("");
    // Once: the next check finds nothing new.
    await new Promise((r) => setTimeout(r, 800));
    expect(smtp.received).toHaveLength(1);

    // The link opens a page that resumes this conversation as its visitor, and only that.
    const page = await fetch(`${h.url}/chat/continue?t=${link}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-/);
    const html = await page.text();
    const token2 = /"([\w-]+\.[\w-]{43})"\)/.exec(html)?.[1] ?? "";
    const c = await h.store.getConversation(conversationId);
    expect(verifyVisitor("test-secret", token2)).toBe(c?.visitorId);
    const back = h.visitor();
    await connected(back);
    const joined = await ok(back.emitWithAck("conversation:join", { lastSeq: 0, visitorToken: token2 }));
    expect(joined.conversation.id).toBe(conversationId);
    // A changed or made-up link opens nothing.
    const forged = link.replace(/.$/, (ch) => (ch === "A" ? "B" : "A"));
    expect((await fetch(`${h.url}/chat/continue?t=${forged}`)).status).toBe(404);
    expect((await fetch(`${h.url}/chat/continue?t=${conversationId}.99999999999999.x`)).status).toBe(404);
  });

  it("a hot lead nobody took is emailed to who asked for it; someone who turned it off gets nothing", async () => {
    const { smtp, h, token } = await setup();
    await h.addRep("rita@test.local", "Rita");
    const rita = await h.login("rita@test.local");
    const off: NotificationSettings = { missedLeads: false, slaBreaches: false, dailyDigest: false };
    const put = await fetch(`${h.url}/api/me/notifications`, {
      method: "PUT",
      headers: { authorization: `Bearer ${rita.token}`, "content-type": "application/json" },
      body: JSON.stringify(off),
    });
    expect(put.status).toBe(200);
    const got = await fetch(`${h.url}/api/me/notifications`, { headers: { authorization: `Bearer ${token}` } });
    expect(await got.json()).toEqual({ missedLeads: true, slaBreaches: true, dailyDigest: false });
    // Nobody online: the hot lead goes to the callback fallback, a missed handoff.
    const v = h.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    await qualifyHot(v, "bo@big.co");
    const [mail] = (await smtp.waitFor(1)).map((r) => r.mail);
    expect(mail?.to).toMatchObject({ text: "owner@test.local" });
    expect(mail?.subject).toBe("Hot lead nobody took on Demo site: bo@big.co");
    expect(mail?.text).toContain("https://chat.acme.test/console#/inbox/");
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received.map((r) => r.envelopeTo)).toEqual([["owner@test.local"]]);
  });

  it("a lead past its speed-to-lead target is emailed to owners, once", async () => {
    const { smtp, h, token } = await setup();
    await setSite(h, (s) => ({ ...s, routing: { ...s.routing, offerMode: "one", sla: { liveMs: 300 } } }));
    const rep = h.rep(token);
    await connected(rep);
    await ok(rep.emitWithAck("inbox:get", {}));
    const v = h.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    await qualifyHot(v, "slow@big.co");
    const [mail] = (await smtp.waitFor(1)).map((r) => r.mail);
    expect(mail?.subject).toBe("Speed-to-lead target missed on Demo site: slow@big.co");
    await new Promise((r) => setTimeout(r, 600));
    expect(subjects(smtp)).toHaveLength(1);
  });

  it("a callback still open at its due time is marked past its target and emailed, once", async () => {
    const { smtp, h } = await setup();
    // Nobody online: the visitor leaves a callback for "now", due at once.
    const v = h.visitor();
    await connected(v);
    await ok(v.emitWithAck("conversation:join", { lastSeq: 0, timeZone: "Europe/Paris" }));
    await qualifyHot(v, "cb@big.co");
    await ok(v.emitWithAck("message:send", { clientId: "cb", text: "+33 6 12 34 56 78, now please" }));
    await until(async () => smtp.received.some((r) => r.mail.subject?.startsWith("Follow-up overdue")), 5000);
    const conversationId = (await h.store.listConversations(h.siteKey, 1))[0]?.id ?? "";
    const items = await h.store.listConversationFollowUps(conversationId);
    expect(items.find((f) => f.kind === "callback")?.breachedAt).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 600));
    expect(subjects(smtp).filter((s) => s?.startsWith("Follow-up overdue"))).toHaveLength(1);
  });
});
