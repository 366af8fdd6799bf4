// Email end to end: invites and transcripts go through a real SMTP server (smtp-server) and are read back with
// mailparser. The worker's clock and retry waits are injected, so retries are driven by moving the clock.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Logger } from "../../server/log.ts";
import { createRedisStore } from "../../server/store/redis-store.ts";
import type { Store } from "../../server/store/types.ts";
import type { EmailList, EmailMessageResult, InviteCreated, Message } from "../../shared/protocol/index.ts";
import { connected, type Harness, logIn, ok, onMessage, qualifyHot, startApp } from "../support/app.ts";
import { banterProcess, freePort, serverEnv, until } from "../support/processes.ts";
import { redisTestStore, redisUrl } from "../support/redis.ts";
import { keysMentioning } from "../support/redis-scan.ts";
import { type Reply, smtpServer } from "../support/smtp.ts";

const retryWaitMs = 60_000;

async function call<T>(h: Harness, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${h.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, data: (text ? JSON.parse(text) : undefined) as T };
}

function capturing(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const put = (level: string) => (msg: string, fields?: object) =>
    lines.push(JSON.stringify({ level, msg, ...fields }));
  return { lines, info: put("info"), warn: put("warn"), error: put("error") };
}

describe("email", () => {
  let store: Store;
  let prefix: string;
  let cleanup: () => Promise<void>;
  let clock: number;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    ({ store, prefix, cleanup } = await redisTestStore());
    clock = Date.now();
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await cleanup();
  });

  async function smtp(plan: Reply[] = []) {
    const s = await smtpServer(plan);
    closers.push(s.close);
    return s;
  }

  async function start(smtpUrl?: string, opts: { on?: Store; log?: Logger } = {}): Promise<Harness> {
    const h = await startApp(opts.on ?? store, {
      ...(opts.log ? { log: opts.log } : {}),
      email: {
        ...(smtpUrl ? { smtpUrl } : {}),
        now: () => clock,
        backoffMs: () => retryWaitMs,
        tickMs: 50,
      },
    });
    closers.push(h.close);
    // The team's own alerts (a hot lead nobody took: test/integration/notify.test.ts) are off here, so each test
    // counts only the emails it is about.
    for (const u of await h.store.listUsers()) {
      await h.store.updateUser(u.id, (x) => ({
        ...x,
        notifications: { missedLeads: false, slaBreaches: false, dailyDigest: false },
      }));
    }
    return h;
  }

  async function list(h: Harness, token: string): Promise<EmailList> {
    const res = await call<EmailList>(h, token, "GET", "/api/email");
    expect(res.status).toBe(200);
    return res.data;
  }

  async function settled(h: Harness, token: string, count: number, done = ["sent", "failed", "kept"]) {
    let got: EmailList = { configured: false, messages: [] };
    await until(
      async () => {
        got = await list(h, token);
        return got.messages.length === count && got.messages.every((m) => done.includes(m.status));
      },
      10_000,
      `${count} settled emails`,
    );
    return got.messages;
  }

  async function invite(h: Harness, token: string, email = "new.rep@example.com") {
    const res = await call<InviteCreated>(h, token, "POST", "/api/invites", { email, role: "rep", name: "Nia" });
    expect(res.status).toBe(201);
    return res.data;
  }

  it("an invite goes through SMTP: From, To, Subject, text and HTML parts, and a link that works; no secret logged", async () => {
    const s = await smtp();
    const log = capturing();
    const h = await start(`smtp://banter:s3cret-pass@127.0.0.1:${s.port}`, { log });
    const { token } = await h.login();
    const created = await invite(h, token);
    expect(created.email).toBe("queued");
    const [got] = await s.waitFor(1);
    const mail = got?.mail;
    expect(got?.user).toBe("banter");
    expect(mail?.from?.text).toBe('"Banter" <banter@127.0.0.1>');
    expect(got?.envelopeTo).toEqual(["new.rep@example.com"]);
    expect(mail?.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("new.rep@example.com");
    expect(mail?.subject).toBe("Owner invited you to Banter");
    expect(mail?.text).toContain(created.link);
    expect(mail?.html).toContain(`href="${created.link}"`);
    expect(mail?.messageId).toMatch(/@banter>$/);
    // The link opens the console, and its token is the invite's.
    expect(created.link.startsWith(`${h.url}/console#/invite/`)).toBe(true);
    expect((await fetch(created.link)).status).toBe(200);
    const invToken = created.link.split("/invite/")[1];
    const lookup = await call<{ email: string }>(h, token, "POST", "/api/invites/lookup", { token: invToken });
    expect(lookup.data.email).toBe("new.rep@example.com");

    const [row] = await settled(h, token, 1);
    expect(row).toMatchObject({ kind: "invite", to: "new.rep@example.com", status: "sent", attempts: 1 });
    expect(row?.sentAt).toBeTypeOf("number");
    const one = await call<EmailMessageResult>(h, token, "GET", `/api/email/${row?.id}`);
    expect(one.data.configured).toBe(true);
    expect(one.data.message.text).toContain("/console#/invite/(removed after sending)");
    expect(one.data.message).not.toHaveProperty("html");
    // Sent: the store keeps no copy of the invite's token (it keeps only its hash, as before email).
    expect(await keysMentioning(redisUrl(), prefix, [invToken ?? "-"])).toEqual([]);
    expect(log.lines.join("\n")).not.toContain("s3cret-pass");
  });

  it("a started server says where email goes, never the SMTP password, and links start with PUBLIC_URL", {
    timeout: 60_000,
  }, async () => {
    const s = await smtp();
    const port = await freePort();
    const server = banterProcess({
      ...serverEnv(port, redisUrl(), prefix),
      SMTP_URL: `smtp://banter:s3cret-pass@127.0.0.1:${s.port}`,
      PUBLIC_URL: "https://chat.acme.test/",
    });
    closers.push(() => server.kill("SIGTERM"));
    await server.start();
    expect(server.output()).toContain(`email: SMTP 127.0.0.1:${s.port}`);
    const url = `http://127.0.0.1:${port}`;
    const { token } = await logIn(url);
    const res = await fetch(`${url}/api/invites`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ email: "pat@example.com", role: "rep" }),
    });
    const created = (await res.json()) as InviteCreated;
    expect(created.link.startsWith("https://chat.acme.test/console#/invite/")).toBe(true);
    const [got] = await s.waitFor(1, 10_000);
    expect(got?.mail.from?.text).toBe('"Banter" <banter@chat.acme.test>');
    expect(got?.mail.text).toContain(created.link);
    await server.kill("SIGTERM");
    expect(server.output()).not.toContain("s3cret-pass");

    const plain = banterProcess({ ...serverEnv(await freePort(), redisUrl(), prefix) });
    closers.push(() => plain.kill("SIGTERM"));
    await plain.start();
    expect(plain.output()).toContain("email: not sent (no SMTP_URL); kept in the console's Email page");
  });

  it("without SMTP the invite is kept, not sent, and the API and the invite's answer say so", async () => {
    const h = await start();
    const { token } = await h.login();
    const created = await invite(h, token);
    expect(created.email).toBe("not-configured");
    const got = await list(h, token);
    expect(got.configured).toBe(false);
    expect(got.messages).toMatchObject([{ kind: "invite", status: "kept", attempts: 0 }]);
    expect(got.messages[0]).not.toHaveProperty("sentAt");
    // Kept: the mailbox is how the owner reads it, link included.
    const kept = await call<EmailMessageResult>(h, token, "GET", `/api/email/${got.messages[0]?.id}`);
    expect(kept.data.message.text).toContain(created.link);
    // A rep cannot read the mailbox.
    await h.addRep("rep@test.local", "Rey");
    const rep = await h.login("rep@test.local");
    expect((await call(h, rep.token, "GET", "/api/email")).status).toBe(403);
    expect((await call(h, token, "GET", "/api/email?limit=0")).status).toBe(400);
  });

  it("a 550 reply fails the message at once, with the reason", async () => {
    const s = await smtp([550]);
    const h = await start(s.url);
    const { token } = await h.login();
    await invite(h, token);
    const [row] = await settled(h, token, 1);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row?.lastError).toMatch(/^550 .*Mailbox unavailable/);
    expect(s.received).toEqual([]);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toContain('banter_email_attempts_total{result="failed"} 1');
    expect(metrics).toContain("banter_email_backlog 0");
  });

  it("a 421 reply, a refused connection and refused SMTP credentials are retried; the 421 is then sent", async () => {
    const s = await smtp([421]);
    const h = await start(s.url);
    const { token } = await h.login();
    await invite(h, token);
    const [row] = await settled(h, token, 1, ["retrying"]);
    expect(row).toMatchObject({ status: "retrying", attempts: 1, nextAttemptAt: clock + retryWaitMs });
    expect(row?.lastError).toMatch(/^421 /);
    clock += retryWaitMs;
    const [sent] = await settled(h, token, 1);
    expect(sent).toMatchObject({ status: "sent", attempts: 2 });
    expect(s.received).toHaveLength(1);

    // Nothing listens on this port (the server is closed): no connection, retried.
    const gone = await smtpServer();
    await gone.close();
    const h2 = await start(gone.url, { on: await freshStore() });
    const owner = await h2.login();
    await invite(h2, owner.token);
    const [refused] = await settled(h2, owner.token, 1, ["retrying"]);
    expect(refused).toMatchObject({ attempts: 1, lastError: "connection failed (ECONNREFUSED)" });

    // Wrong SMTP credentials are the operator's to fix: retried, not a bounce.
    const h3 = await start(`smtp://banter:wrong@127.0.0.1:${s.port}`, { on: await freshStore() });
    const third = await h3.login();
    await invite(h3, third.token);
    const [login] = await settled(h3, third.token, 1, ["retrying"]);
    expect(login?.lastError).toMatch(/^535 /);
  });

  async function freshStore(): Promise<Store> {
    const t = await redisTestStore();
    closers.push(t.cleanup);
    return t.store;
  }

  it("two processes on one Redis never send one message twice", async () => {
    const s = await smtp();
    const other = await createRedisStore(redisUrl(), prefix);
    closers.push(() => other.close());
    const a = await start(s.url);
    const b = await start(s.url, { on: other });
    const { token } = await a.login();
    for (let i = 0; i < 12; i++) await invite(i % 2 ? a : b, token, `rep${i}@example.com`);
    const rows = await settled(a, token, 12);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
    await until(() => s.received.length >= 12, 5000, "12 emails");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ids = s.received.map((r) => r.mail.messageId);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });

  async function chat(h: Harness, email = "vi@visitor.co") {
    const v = h.visitor();
    await connected(v);
    const joined = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    await ok(v.emitWithAck("message:send", { clientId: "x", text: "<b>Hi</b> & hello" }));
    if (email) await qualifyHot(v, email);
    return { v, id: joined.conversation.id };
  }

  it("a visitor asks for their transcript: sent to the email they gave, every line escaped; a few per hour", async () => {
    const s = await smtp();
    const h = await start(s.url);
    const { token } = await h.login();
    const { v, id } = await chat(h);
    expect(await ok(v.emitWithAck("transcript:email", {}))).toEqual({ to: "vi@visitor.co", queued: true });
    const [got] = await s.waitFor(1);
    expect(got?.envelopeTo).toEqual(["vi@visitor.co"]);
    expect(got?.mail.subject).toMatch(/^Your chat with /);
    expect(got?.mail.text).toContain("You (");
    expect(got?.mail.text).toContain("Bot (");
    expect(got?.mail.text).toContain("<b>Hi</b> & hello");
    expect(got?.mail.html).toContain("&#60;b&#62;Hi&#60;/b&#62; &#38; hello");
    expect(got?.mail.html).not.toContain("<b>Hi</b>");
    const [row] = await settled(h, token, 1);
    expect(row).toMatchObject({ kind: "transcript", status: "sent", siteKey: h.siteKey });
    expect((await h.store.getMail(row?.id ?? ""))?.conversationId).toBe(id);
    await ok(v.emitWithAck("transcript:email", {}));
    await ok(v.emitWithAck("transcript:email", {}));
    const fourth = await v.emitWithAck("transcript:email", {});
    expect(fourth.ok ? "sent" : fourth.error.code).toBe("RATE_LIMITED");
  });

  it("a visitor who gave no email names one (asking costs no try); a bad one is refused; a site with transcripts off refuses", async () => {
    const s = await smtp();
    const h = await start(s.url);
    const { token } = await h.login();
    const { v } = await chat(h, "");
    const none = await v.emitWithAck("transcript:email", {});
    expect(none.ok ? "sent" : none.error.code).toBe("BAD_REQUEST");
    const bad = await v.emitWithAck("transcript:email", { email: "not-an-email" });
    expect(bad.ok ? "sent" : bad.error.code).toBe("BAD_REQUEST");
    expect(await ok(v.emitWithAck("transcript:email", { email: "typed@visitor.co" }))).toEqual({
      to: "typed@visitor.co",
      queued: true,
    });
    // Asking for an address did not use up a try: three sent, the fourth refused.
    await ok(v.emitWithAck("transcript:email", { email: "typed@visitor.co" }));
    await ok(v.emitWithAck("transcript:email", { email: "typed@visitor.co" }));
    const fourth = await v.emitWithAck("transcript:email", { email: "typed@visitor.co" });
    expect(fourth.ok ? "sent" : fourth.error.code).toBe("RATE_LIMITED");
    await s.waitFor(3);
    expect((await call(h, token, "PUT", `/api/sites/${h.siteKey}`, { transcripts: "off" })).status).toBe(200);
    const off = await v.emitWithAck("transcript:email", { email: "typed@visitor.co" });
    expect(off.ok ? "sent" : off.error.code).toBe("FORBIDDEN");
  });

  it("at the end of a chat on an at-end site, the transcript is sent once", async () => {
    const s = await smtp();
    const h = await start(s.url);
    const { token } = await h.login();
    expect((await call(h, token, "PUT", `/api/sites/${h.siteKey}`, { transcripts: "at-end" })).status).toBe(200);
    const { v } = await chat(h);
    const heard: Message[] = [];
    onMessage(v, (m) => heard.push(m));
    await ok(v.emitWithAck("conversation:close", {}));
    const [got] = await s.waitFor(1);
    expect(got?.envelopeTo).toEqual(["vi@visitor.co"]);
    expect(got?.mail.text).toContain("<b>Hi</b> & hello");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(s.received).toHaveLength(1);
    expect(await settled(h, token, 1)).toMatchObject([{ kind: "transcript", status: "sent" }]);
  });

  it("erasing a visitor removes the emails about them", async () => {
    const h = await start();
    const { token } = await h.login();
    const { v, id } = await chat(h);
    await ok(v.emitWithAck("transcript:email", {}));
    await invite(h, token);
    const before = await list(h, token);
    expect(before.messages.map((m) => m.kind).sort()).toEqual(["invite", "transcript"]);
    const transcriptId = before.messages.find((m) => m.kind === "transcript")?.id ?? "";
    const visitorId = (await h.store.getConversation(id))?.visitorId ?? "";
    const erased = await call(h, token, "POST", "/api/privacy/erase", { visitorId });
    expect(erased.status).toBe(200);
    expect((await list(h, token)).messages.map((m) => m.kind)).toEqual(["invite"]);
    expect((await call(h, token, "GET", `/api/email/${transcriptId}`)).status).toBe(404);
    // No key names or holds the visitor's address, conversation or transcript email any more.
    expect(await keysMentioning(redisUrl(), prefix, ["vi@visitor.co", id, transcriptId])).toEqual([]);
  });
});
