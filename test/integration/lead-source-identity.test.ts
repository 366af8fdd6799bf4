// Lead source and identity verification over real sockets and Redis: where a lead came from is kept from its
// first join and shown on the lead card, in the CSV, the funnel and the leads filter; who the host page says the
// visitor is counts as verified only with the site's own secret (docs/security.md).
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Logger } from "../../server/log.ts";
import type {
  Ack,
  ConversationList,
  FunnelReport,
  IdentitySecret,
  JoinRequest,
  LeadCard,
  LeadSource,
  SiteResult,
} from "../../shared/protocol/index.ts";
import { appOnRedis, connected, type Harness, next, ok, ownerOnline, qualifyHot, startApp } from "../support/app.ts";

const google: LeadSource = {
  landingPage: "https://acme.com/pricing?utm_source=Google&utm_medium=cpc&utm_campaign=q1-campaign",
  referrer: "https://www.google.com/",
  utm: { source: "Google", medium: "cpc", campaign: "q1-campaign" },
};
const linkedin: LeadSource = { landingPage: "https://acme.com/", referrer: "https://www.linkedin.com/feed/" };

const hmac = (secret: string, userId: string) => createHmac("sha256", secret).update(userId).digest("hex");

async function api<T>(h: Harness, path: string, init: RequestInit = {}, token?: string) {
  const res = await fetch(`${h.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token ?? (await h.login()).token}`, ...init.headers },
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T & { error?: { code: string } } };
}

const secretOf = async (h: Harness, siteKey = h.siteKey) =>
  (await api<IdentitySecret>(h, `/api/sites/${siteKey}/identity-secret`)).body.secret;

// A visitor that joined with `req` and said hello (a conversation is stored once the visitor writes, engine rule
// H3); its conversation id and visitor token.
async function joined(h: Harness, req: Partial<JoinRequest> = {}, siteKey?: string) {
  const v = h.visitor(siteKey ? { siteKey } : {});
  await connected(v);
  const r = await ok(v.emitWithAck("conversation:join", { lastSeq: 0, ...req }));
  await ok(v.emitWithAck("message:send", { clientId: "hello", text: "hello" }));
  return { v, id: r.conversation.id, token: r.visitorToken };
}

const stored = async (h: Harness, id: string) => {
  const c = await h.store.getConversation(id);
  if (!c) throw new Error(`conversation ${id} is gone`);
  return c;
};

describe("lead source (Redis)", () => {
  const app = appOnRedis();

  it("keeps the first join's source, never a later join's, and shows it on the ringing lead card and the record", async () => {
    const h = app();
    const rep = await ownerOnline(h);
    const first = await joined(h, { source: google, pageUrl: "https://acme.com/pricing" });
    expect((await stored(h, first.id)).source).toEqual(google);

    // The same visitor comes back from LinkedIn: the same conversation, its source unchanged.
    first.v.disconnect();
    const again = await joined(h, { visitorToken: first.token, source: linkedin });
    expect(again.id).toBe(first.id);
    expect((await stored(h, first.id)).source).toEqual(google);

    const offered = next<LeadCard>(rep, "offer:created");
    await qualifyHot(again.v);
    expect((await offered).source).toEqual(google);
    const record = await api<{ lead: LeadCard }>(h, `/api/leads/${first.id}`);
    expect(record.body.lead.source).toEqual(google);
  });

  it("page:view appends to the page trail, skips a repeat, and is refused before a join", async () => {
    const h = app();
    const v = h.visitor();
    await connected(v);
    const early = await v.emitWithAck("page:view", { pageUrl: "https://acme.com/a" });
    expect(early.ok === false && early.error.code).toBe("NOT_JOINED");
    const { conversation } = await ok(v.emitWithAck("conversation:join", { lastSeq: 0, pageUrl: "https://acme.com/" }));
    await ok(v.emitWithAck("page:view", { pageUrl: "https://acme.com/pricing" }));
    await ok(v.emitWithAck("page:view", { pageUrl: "https://acme.com/pricing" }));
    await ok(v.emitWithAck("page:view", { pageUrl: "https://acme.com/demo" }));
    // Nothing is stored before the visitor writes (H3); the pages they opened meanwhile are kept when they do.
    expect(await h.store.getConversation(conversation.id)).toBeNull();
    await ok(v.emitWithAck("message:send", { clientId: "hello", text: "hello" }));
    expect((await stored(h, conversation.id)).pageTrail).toEqual([
      "https://acme.com/",
      "https://acme.com/pricing",
      "https://acme.com/demo",
    ]);
  });

  it("exports the source and identity columns, and filters the funnel and the leads list by source", async () => {
    const h = app();
    const g = await joined(h, { source: google });
    await qualifyHot(g.v, "gina@big.co");
    const secret = await secretOf(h);
    await joined(h, { source: linkedin, identity: { userId: "u-7", userHash: hmac(secret, "u-7"), name: "Lin" } });
    await joined(h, {});

    const csv = await fetch(`${h.url}/api/leads.csv?site=${h.siteKey}`, {
      headers: { authorization: `Bearer ${(await h.login()).token}` },
    });
    const [head, ...lines] = (await csv.text()).trim().split("\r\n");
    expect(head).toContain(
      "source,utm source,utm medium,utm campaign,utm term,utm content,referrer,landing page,identity name,identity email,user id,identity verified",
    );
    const gina = lines.find((l) => l.includes("gina@big.co")) ?? "";
    expect(gina).toContain(`,google,Google,cpc,q1-campaign,,,https://www.google.com/,${google.landingPage},,,,`);
    const lin = lines.find((l) => l.includes("linkedin.com")) ?? "";
    expect(lin.endsWith(",linkedin.com,,,,,,https://www.linkedin.com/feed/,https://acme.com/,Lin,,u-7,yes,1")).toBe(
      true,
    );
    expect(lines.some((l) => l.includes(",direct,"))).toBe(true);

    const all = await api<FunnelReport>(h, `/api/funnel?site=${h.siteKey}`);
    expect(all.body.bySource).toEqual([
      { source: "direct", leads: 1, qualified: 0, hot: 0, accepted: 0 },
      { source: "google", leads: 1, qualified: 1, hot: 1, accepted: 0 },
      { source: "linkedin.com", leads: 1, qualified: 0, hot: 0, accepted: 0 },
    ]);
    expect(all.body.source).toBeUndefined();
    expect(all.body.funnel.stages[0]?.count).toBe(3);

    const onlyGoogle = await api<FunnelReport>(h, `/api/funnel?site=${h.siteKey}&source=Google`);
    expect(onlyGoogle.body.source).toBe("google");
    expect(onlyGoogle.body.funnel.stages.find((s) => s.id === "sql")?.count).toBe(1);
    expect(onlyGoogle.body.funnel.stages[0]?.count).toBe(1);
    // The breakdown still lists every source of the range, so the select can switch to another.
    expect(onlyGoogle.body.bySource).toHaveLength(3);
    const none = await api<FunnelReport>(h, `/api/funnel?site=${h.siteKey}&source=bing`);
    expect(none.body.funnel.stages[0]?.count).toBe(0);
    const tooLong = await api<FunnelReport>(h, `/api/funnel?source=${"x".repeat(201)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error?.code).toBe("BAD_REQUEST");

    const leads = await api<{ leads: LeadCard[]; total: number }>(h, "/api/leads?source=linkedin.com");
    expect(leads.body.total).toBe(1);
    expect(leads.body.leads[0]?.identity).toEqual({ userId: "u-7", name: "Lin", verified: true });
  });

  it("refuses a malformed source with a typed error and stores no conversation", async () => {
    const h = app();
    const v = h.visitor();
    await connected(v);
    const bad: unknown[] = [
      { referrer: "not a url" },
      { landingPage: `https://acme.com/${"x".repeat(2048)}` },
      { utm: { source: "x".repeat(201) } },
      { utm: { source: "" } },
      { utm: { other: "x" } },
      { evil: true },
      "google",
    ];
    for (const source of bad) {
      const ack = (await v.emitWithAck("conversation:join", { lastSeq: 0, source } as JoinRequest)) as Ack<unknown>;
      expect(ack.ok).toBe(false);
      if (!ack.ok) {
        expect(ack.error.code).toBe("BAD_REQUEST");
        expect(ack.error.fields?.[0]?.path).toMatch(/^source/);
      }
    }
    expect(await h.store.listConversations(h.siteKey, 10)).toEqual([]);
  });
});

describe("identity verification (Redis)", () => {
  const app = appOnRedis();

  it("verifies a userHash made with the site's secret and marks anything else unverified", async () => {
    const h = app();
    const secret = await secretOf(h);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    // The same secret on every read: created once.
    expect(await secretOf(h)).toBe(secret);
    const other = await api<SiteResult>(h, "/api/sites", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Other", allowedOrigins: ["http://localhost:*"] }),
    });
    const otherSecret = await secretOf(h, other.body.site.key);
    expect(otherSecret).not.toBe(secret);

    const cases: [string, { userId: string; userHash?: string }, boolean][] = [
      ["the site's own secret", { userId: "u-1", userHash: hmac(secret, "u-1") }, true],
      ["upper-case hex of the same hash", { userId: "u-1", userHash: hmac(secret, "u-1").toUpperCase() }, true],
      ["no hash", { userId: "u-1" }, false],
      ["another user's hash", { userId: "u-1", userHash: hmac(secret, "u-2") }, false],
      ["a forged hash", { userId: "u-1", userHash: "0".repeat(64) }, false],
      ["another site's secret", { userId: "u-1", userHash: hmac(otherSecret, "u-1") }, false],
    ];
    for (const [what, claim, verified] of cases) {
      const { v, id } = await joined(h);
      const { identity } = await ok(v.emitWithAck("visitor:identify", { ...claim, email: "ana@acme.io" }));
      expect(identity, what).toEqual({ userId: "u-1", email: "ana@acme.io", verified });
      expect((await stored(h, id)).identity, what).toEqual(identity);
      v.disconnect();
    }

    // At the join too, and on the other site with its own secret.
    const atJoin = await joined(h, { identity: { userId: "u-9", userHash: hmac(secret, "u-9") } });
    expect((await stored(h, atJoin.id)).identity).toEqual({ userId: "u-9", verified: true });
    const onOther = await joined(
      h,
      { identity: { userId: "u-9", userHash: hmac(otherSecret, "u-9") } },
      other.body.site.key,
    );
    expect((await stored(h, onOther.id)).identity?.verified).toBe(true);
  });

  it("never lets an unverified claim overwrite a verified identity; a verified one replaces any", async () => {
    const h = app();
    const secret = await secretOf(h);
    const { v, id, token } = await joined(h, { identity: { name: "Guess", email: "guess@x.io" } });
    expect((await stored(h, id)).identity).toEqual({ name: "Guess", email: "guess@x.io", verified: false });

    await ok(v.emitWithAck("visitor:identify", { userId: "u-1", userHash: hmac(secret, "u-1"), email: "ana@acme.io" }));
    const claim = await ok(v.emitWithAck("visitor:identify", { userId: "ceo", email: "ceo@acme.io" }));
    // The ack judges the claim; it never reads back the verified identity stored before it.
    expect(claim.identity).toEqual({ userId: "ceo", email: "ceo@acme.io", verified: false });
    expect((await stored(h, id)).identity).toEqual({ userId: "u-1", email: "ana@acme.io", verified: true });
    // A join with a claim (another tab) cannot either.
    await joined(h, { visitorToken: token, identity: { userId: "ceo", email: "ceo@acme.io" } });
    expect((await stored(h, id)).identity?.userId).toBe("u-1");

    await ok(v.emitWithAck("visitor:identify", { userId: "u-2", userHash: hmac(secret, "u-2"), name: "Bo" }));
    expect((await stored(h, id)).identity).toEqual({ userId: "u-2", name: "Bo", verified: true });
  });

  it("the identify email and name are the lead's contact when the bot collected none, flagged unverified", async () => {
    const h = app();
    const secret = await secretOf(h);
    await joined(h, { identity: { name: "Claimed Name", email: "claim@x.io" } });
    await joined(h, { identity: { email: "real@acme.io", userId: "u-5", userHash: hmac(secret, "u-5") } });
    const bot = await joined(h, { identity: { email: "page@acme.io" } });
    await qualifyHot(bot.v, "said@acme.io");
    const list = await api<ConversationList>(h, "/api/conversations");
    const rows = list.body.conversations.map((c) => ({ name: c.name, email: c.email, unverified: c.unverified }));
    expect(rows).toEqual(
      expect.arrayContaining([
        { name: "Claimed Name", email: "claim@x.io", unverified: true },
        { name: undefined, email: "real@acme.io", unverified: undefined },
        { name: undefined, email: "said@acme.io", unverified: undefined },
      ]),
    );
    const search = await api<ConversationList>(h, "/api/conversations?q=claim%40x.io");
    expect(search.body.conversations).toHaveLength(1);
  });

  it("rotating the secret makes old hashes unverified; only owners read or rotate it", async () => {
    const h = app();
    const old = await secretOf(h);
    const rotated = await api<IdentitySecret>(h, `/api/sites/${h.siteKey}/identity-secret`, { method: "POST" });
    expect(rotated.status).toBe(200);
    expect(rotated.headers.get("cache-control")).toBe("no-store");
    const secret = rotated.body.secret;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(secret).not.toBe(old);
    expect(await secretOf(h)).toBe(secret);

    const { v } = await joined(h);
    const stale = await ok(v.emitWithAck("visitor:identify", { userId: "u-1", userHash: hmac(old, "u-1") }));
    expect(stale.identity.verified).toBe(false);
    const fresh = await ok(v.emitWithAck("visitor:identify", { userId: "u-1", userHash: hmac(secret, "u-1") }));
    expect(fresh.identity.verified).toBe(true);

    await h.addRep("rita@test.local", "Rita");
    const rep = await h.login("rita@test.local");
    const path = `/api/sites/${h.siteKey}/identity-secret`;
    expect((await api(h, path, {}, rep.token)).status).toBe(403);
    expect((await api(h, path, { method: "POST" }, rep.token)).status).toBe(403);
    expect((await api(h, "/api/sites/site_nope/identity-secret")).status).toBe(404);
    // The settings API cannot set it.
    const put = await api(h, `/api/sites/${h.siteKey}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ identitySecret: "0".repeat(64) }),
    });
    expect(put.status).toBe(400);
    // A change from another origin with the session cookie is refused, as every changing request.
    const { token } = await h.login();
    const foreign = await fetch(`${h.url}${path}`, {
      method: "POST",
      headers: { cookie: `banter_session=${encodeURIComponent(token)}`, origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect(await secretOf(h)).toBe(secret);
  });

  it("creates a secret for a site stored before secrets existed, on the owner's first read", async () => {
    const h = app();
    const site = await h.store.getSite(h.siteKey);
    if (!site) throw new Error("no demo site");
    const { identitySecret: _, ...legacy } = site;
    await h.store.putSite(legacy);
    const { v } = await joined(h);
    // Nobody can have signed with a secret that does not exist yet.
    const before = await ok(v.emitWithAck("visitor:identify", { userId: "u-1", userHash: hmac("", "u-1") }));
    expect(before.identity.verified).toBe(false);
    const [a, b] = await Promise.all([secretOf(h), secretOf(h)]);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect((await h.store.getSite(h.siteKey))?.identitySecret).toBe(a);
  });

  it("refuses bad identify payloads with typed errors and changes nothing stored", async () => {
    const h = app();
    const secret = await secretOf(h);
    const { v, id } = await joined(h, { identity: { userId: "u-1", userHash: hmac(secret, "u-1") } });
    const before = await stored(h, id);
    const bad: [unknown, string][] = [
      [{ email: "not-an-email" }, "email"],
      [{ email: `${"a".repeat(250)}@acme.io` }, "email"],
      [{ userId: "u-1", userHash: "xyz" }, "userHash"],
      [{ userId: "u-1", userHash: "a".repeat(63) }, "userHash"],
      [{ userHash: hmac(secret, "u-1") }, "userId"],
      [{ userId: "x".repeat(129) }, "userId"],
      [{ name: "" }, "name"],
      [{}, ""],
      [{ userId: "u-1", admin: true }, ""],
      [null, ""],
      ["u-1", ""],
    ];
    for (const [payload, path] of bad) {
      const ack = (await v.emitWithAck("visitor:identify", payload as never)) as Ack<unknown>;
      expect(ack.ok, JSON.stringify(payload)).toBe(false);
      if (!ack.ok) {
        expect(ack.error.code).toBe("BAD_REQUEST");
        expect(ack.error.fields?.some((f) => f.path === path)).toBe(true);
      }
    }
    const badJoin = (await v.emitWithAck("conversation:join", {
      lastSeq: 0,
      identity: { email: "nope" },
    })) as Ack<unknown>;
    expect(badJoin.ok === false && badJoin.error.code).toBe("BAD_REQUEST");
    const badPage = (await v.emitWithAck("page:view", { pageUrl: "" })) as Ack<unknown>;
    expect(badPage.ok === false && badPage.error.code).toBe("BAD_REQUEST");
    expect(await stored(h, id)).toEqual(before);
  });

  it("rate-limits page views and identify calls per conversation", async () => {
    const h = app();
    const { v } = await joined(h);
    const acks = [];
    for (let i = 0; i < 25; i++) acks.push(await v.emitWithAck("page:view", { pageUrl: `https://acme.com/${i}` }));
    const refused = acks.filter((a) => !a.ok);
    expect(refused.length).toBe(5);
    expect(refused[0]?.ok === false && refused[0].error.code).toBe("RATE_LIMITED");
    const identify = await v.emitWithAck("visitor:identify", { name: "Ana" });
    expect(identify.ok === false && identify.error.code).toBe("RATE_LIMITED");
  });

  it("every page view counts against the limit, one refused by a busy conversation (CONFLICT) too", async () => {
    // A store whose conversation writes always lose the compare-and-set, once told to: the writer gives up with
    // CONFLICT after its retries.
    let losing = false;
    const store = new Proxy(app().store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== "function") return value;
        if (prop !== "updateConversationSaying") return value.bind(target);
        return (...args: unknown[]) => (losing ? Promise.resolve(null) : value.apply(target, args));
      },
    });
    const h = await startApp(store);
    try {
      const v = h.visitor();
      await connected(v);
      await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
      await ok(v.emitWithAck("message:send", { clientId: "m1", text: "hello" }));
      losing = true;
      const codes = [];
      for (let i = 0; i < 22; i++) {
        const ack = await v.emitWithAck("page:view", { pageUrl: `https://acme.com/${i}` });
        codes.push(ack.ok ? "ok" : ack.error.code);
      }
      expect(codes).toEqual([...Array(20).fill("CONFLICT"), "RATE_LIMITED", "RATE_LIMITED"]);
    } finally {
      await h.close();
    }
  });

  it("never sends the secret to the widget: not in the site config, the site summaries, nor the visitor's socket", async () => {
    const h = app();
    const secret = await secretOf(h);
    const config = await (await fetch(`${h.url}/api/sites/${h.siteKey}/config`)).text();
    expect(config).not.toContain(secret);
    const summaries = JSON.stringify([
      (await api(h, "/api/sites")).body,
      (await api(h, `/api/sites/${h.siteKey}`)).body,
    ]);
    expect(summaries).not.toContain(secret);
    expect(summaries).not.toContain("identitySecret");

    const v = h.visitor();
    const seen: unknown[] = [];
    v.onAny((...args) => seen.push(args));
    await connected(v);
    seen.push(
      await v.emitWithAck("conversation:join", { lastSeq: 0, identity: { userId: "u-1", userHash: "f".repeat(64) } }),
    );
    seen.push(await v.emitWithAck("visitor:identify", { userId: "u-1", userHash: hmac(secret, "u-1") }));
    await qualifyHot(v);
    const wire = JSON.stringify(seen);
    expect(wire).toContain("verified");
    expect(wire).not.toContain(secret);
    expect(wire).not.toContain(hmac(secret, "u-1"));
  });

  it("never logs the secret, a userHash or the identity's email", async () => {
    const lines: string[] = [];
    const push = (msg: string, f?: object) => lines.push(JSON.stringify({ msg, ...f }));
    const capture: Logger = { info: push, warn: push, error: push };
    const h = await startApp(app().store, { log: capture });
    try {
      const old = await secretOf(h);
      await api(h, `/api/sites/${h.siteKey}/identity-secret`, { method: "POST" });
      const secret = await secretOf(h);
      const { v } = await joined(h, { identity: { userId: "u-1", userHash: hmac(secret, "u-1"), email: "x@priv.io" } });
      await v.emitWithAck("visitor:identify", { userId: "u-1", userHash: "z".repeat(64), email: "y@priv.io" });
      await v.emitWithAck("visitor:identify", { userId: "u-1", userHash: hmac(old, "u-1") });
      h.visitor({ origin: "https://evil.example" });
      await new Promise((r) => setTimeout(r, 200));
      expect(lines.length).toBeGreaterThan(0);
      const log = lines.join("\n");
      for (const leak of [old, secret, hmac(secret, "u-1"), hmac(old, "u-1"), "x@priv.io", "y@priv.io"]) {
        expect(log).not.toContain(leak);
      }
    } finally {
      await h.close();
    }
  });
});
