// Rate limits live in Redis, so they hold across server processes, and the visitor is told when to retry.
import { describe, expect, it } from "vitest";
import { connectErrorOf } from "../../widget/transport/socket.ts";
import { appOnRedis, connected, ok, startApp } from "../support/app.ts";

describe("rate limits (Redis)", () => {
  const app = appOnRedis();

  it("a visitor sending too fast gets RATE_LIMITED with the wait, and nothing more is stored", async () => {
    const v = app().visitor();
    await connected(v);
    const joined = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const acks = [];
    for (let i = 0; i < 12; i++)
      acks.push(await v.emitWithAck("message:send", { clientId: `m${i}`, text: `hello ${i}` }));
    expect(acks.slice(0, 10).every((a) => a.ok)).toBe(true);
    const refused = acks[10];
    expect(refused).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    if (refused?.ok !== false) throw new Error("expected a refusal");
    expect(refused.error.message).toMatch(/^You're sending messages too fast; try again in \d+ s\.$/);
    expect(refused.error.retryAfterMs).toBeGreaterThan(0);
    expect(refused.error.retryAfterMs).toBeLessThanOrEqual(10_000);
    const stored = await app().store.listMessages(joined.conversation.id, 0);
    expect(stored.map((m) => m.clientId)).not.toContain("m10");
    // Over the limit, a resend of a stored message still gets its stored copy: it is not new traffic.
    const resent = await ok(v.emitWithAck("message:send", { clientId: "m3", text: "hello 3" }));
    expect(resent.message).toEqual(stored.find((m) => m.clientId === "m3"));
  });

  it("the limit holds across two server processes sharing Redis", async () => {
    const other = await startApp(app().store);
    try {
      const a = app().visitor();
      await connected(a);
      const { visitorToken } = await ok(a.emitWithAck("conversation:join", { lastSeq: 0 }));
      const b = other.visitor();
      await connected(b);
      await ok(b.emitWithAck("conversation:join", { visitorToken, lastSeq: 0 }));
      const acks = [];
      for (let i = 0; i < 12; i++) {
        const socket = i % 2 === 0 ? a : b;
        acks.push(await socket.emitWithAck("message:send", { clientId: `x${i}`, text: `hi ${i}` }));
      }
      expect(acks.filter((x) => x.ok)).toHaveLength(10);
    } finally {
      await other.close();
    }
  });

  it("connections per IP are capped at the handshake", async () => {
    const capped = await startApp(app().store, { limits: { connectionsPerIp: 3 } });
    try {
      const sockets = [capped.visitor(), capped.visitor(), capped.visitor()];
      await Promise.all(sockets.map(connected));
      const fourth = capped.visitor();
      const err = await connected(fourth).catch((e: Error) => e);
      expect(connectErrorOf(err as Error)).toMatchObject({ code: "RATE_LIMITED" });
      // Closing one frees its slot.
      sockets[0]?.disconnect();
      await new Promise((r) => setTimeout(r, 100));
      await connected(capped.visitor());
    } finally {
      await capped.close();
    }
  });

  it("bare engine.io sessions (no namespace joined) count against the cap, and those past it are closed", async () => {
    const capped = await startApp(app().store, { limits: { connectionsPerIp: 3 } });
    const engine = `${capped.url}/socket.io/?EIO=4&transport=polling`;
    // A session as a raw client opens one: the handshake answers "0" and the session's id.
    const open = async () => {
      const res = await fetch(engine);
      const body = await res.text();
      expect(body.startsWith("0"), body).toBe(true);
      return (JSON.parse(body.slice(1)) as { sid: string }).sid;
    };
    // The next long poll of a session: "1" is the close packet; a session already gone answers 400.
    const poll = async (sid: string) => {
      const res = await fetch(`${engine}&sid=${sid}`, { signal: AbortSignal.timeout(5_000) });
      return res.status === 400 ? "gone" : (await res.text()) === "1" ? "closed" : "open";
    };
    try {
      const sids = [await open(), await open(), await open()];
      // The address's slots are taken: a visitor's handshake is refused with the usual typed error.
      const err = await connected(capped.visitor()).then(
        () => null,
        (e: Error) => e,
      );
      expect(err && connectErrorOf(err)).toMatchObject({ code: "RATE_LIMITED" });
      // A fourth bare session is closed by the server.
      expect(await poll(await open())).not.toBe("open");
      // A bare session that closes gives its slot back.
      await fetch(`${engine}&sid=${sids[0]}`, { method: "POST", body: "1" });
      await new Promise((r) => setTimeout(r, 100));
      await connected(capped.visitor());
    } finally {
      await capped.close();
    }
  });

  it("logins per IP are limited with 429 and Retry-After", async () => {
    const attempt = () =>
      fetch(`${app().url}/api/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "owner@test.local", password: "guess" }),
      });
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
  });

  it("every rep event counts against a per-rep limit; team-wide ones against a tighter one", async () => {
    const { token } = await app().login();
    const rep = app().rep(token);
    await connected(rep);
    // presence:set reaches every console of the team: a loop of them is cut short, and nobody else hears the rest.
    await app().addRep("ears@test.local", "Ears");
    const other = app().rep((await app().login("ears@test.local")).token);
    await connected(other);
    let heard = 0;
    other.on("presence:updated", () => {
      heard++;
    });
    const sets = [];
    for (let i = 0; i < 30; i++)
      sets.push(await rep.emitWithAck("presence:set", { status: i % 2 === 0 ? "away" : "available" }));
    const refused = sets.filter((a) => !a.ok);
    expect(sets.filter((a) => a.ok).length).toBeLessThanOrEqual(10);
    expect(refused.length).toBeGreaterThanOrEqual(20);
    expect(refused[0]).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    if (refused[0]?.ok !== false) throw new Error("expected a refusal");
    expect(refused[0].error.message).toMatch(/^Too many requests from this console; try again in \d+ s\.$/);
    expect(refused[0].error.retryAfterMs).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    // The rep's arrival is announced once, then at most the 10 changes let through.
    expect(heard).toBeLessThanOrEqual(11);
    // Every event counts, malformed ones included, and none is answered once the rep's limit is used up.
    const more = [];
    for (let i = 0; i < 200; i++) more.push(await rep.emitWithAck("presence:heartbeat", {}));
    expect(more.filter((a) => a.ok).length).toBeLessThanOrEqual(200 - 30);
    expect(await rep.emitWithAck("conversation:get", { conversationId: 42 } as never)).toMatchObject({
      ok: false,
      error: { code: "RATE_LIMITED" },
    });
  });

  it("joins per site are capped, whatever the addresses: a flood of openings meets a ceiling", async () => {
    const capped = await startApp(app().store, { limits: { joinsPerSite: { limit: 3, windowMs: 10_000 } } });
    try {
      const acks = [];
      for (let i = 0; i < 5; i++) {
        const v = capped.visitor();
        await connected(v);
        acks.push(await v.emitWithAck("conversation:join", { lastSeq: 0 }));
      }
      expect(acks.filter((a) => a.ok)).toHaveLength(3);
      expect(acks[4]).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    } finally {
      await capped.close();
    }
  });
});
