// Tokens that do not verify reach nothing; polluted or oversized payloads change nothing; the widget's HTTP
// route checks origins too; logs never carry tokens, passwords or emails.
import { describe, expect, it } from "vitest";
import type { Logger } from "../../server/log.ts";
import { appOnRedis, connected, ok, ownerPassword, qualifyHot, startApp } from "../support/app.ts";

describe("hostile input (Redis)", () => {
  const app = appOnRedis();

  it("a tampered or guessed visitor token opens a new conversation, never someone else's", async () => {
    const victim = app().visitor();
    await connected(victim);
    const mine = await ok(victim.emitWithAck("conversation:join", { lastSeq: 0 }));
    await ok(victim.emitWithAck("message:send", { clientId: "secret", text: "my budget is 90k" }));
    const [visitorId, mac] = mine.visitorToken.split(".");
    const forged = [
      `${visitorId}.${"A".repeat(mac?.length ?? 43)}`,
      `${visitorId}.`,
      visitorId ?? "",
      `${visitorId}x.${mac}`,
      mine.conversation.id,
      `${mine.visitorToken}extra`,
    ];
    for (const visitorToken of forged) {
      const attacker = app().visitor();
      await connected(attacker);
      const got = await ok(attacker.emitWithAck("conversation:join", { visitorToken, lastSeq: 0 }));
      expect(got.conversation.id, visitorToken).not.toBe(mine.conversation.id);
      expect(got.messages.map((m) => m.text)).not.toContain("my budget is 90k");
      attacker.disconnect();
    }
  });

  it("prototype-pollution keys and extra fields are refused and change nothing", async () => {
    const v = app().visitor();
    await connected(v);
    const joined = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const payloads = [
      JSON.parse('{"clientId":"p1","text":"hi","__proto__":{"polluted":true}}'),
      JSON.parse('{"clientId":"p2","text":"hi","constructor":{"prototype":{"polluted":true}}}'),
      { clientId: "p3", text: "hi", prototype: { polluted: true } },
      JSON.parse('{"__proto__":{"clientId":"p4","text":"hi"}}'),
    ];
    for (const payload of payloads) {
      const ack = await (v.emitWithAck as (e: string, p: unknown) => Promise<unknown>)("message:send", payload);
      expect(ack).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Nothing at all is stored: not even the conversation, which a refused message does not start (engine H3).
    expect(await app().store.listMessages(joined.conversation.id, 0)).toEqual([]);
    expect(await app().store.getConversation(joined.conversation.id)).toBeNull();
  });

  it("the site config refuses an origin the site does not allow", async () => {
    const config = (origin?: string) =>
      fetch(`${app().url}/api/sites/${app().siteKey}/config`, origin ? { headers: { origin } } : {});
    const evil = await config("https://evil.example");
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ error: { code: "FORBIDDEN_ORIGIN" } });
    expect((await config("http://localhost:5555")).status).toBe(200);
    expect((await config()).status).toBe(200);
  });

  it("logs never contain tokens, passwords or emails", async () => {
    const lines: string[] = [];
    const capture: Logger = {
      info: (msg, f) => lines.push(JSON.stringify({ msg, ...f })),
      warn: (msg, f) => lines.push(JSON.stringify({ msg, ...f })),
      error: (msg, f) => lines.push(JSON.stringify({ msg, ...f })),
    };
    const h = await startApp(app().store, { log: capture });
    try {
      const login = (email: string, password: string) =>
        fetch(`${h.url}/api/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password }),
        });
      await login("owner@test.local", "wrong-password-123");
      await login("nobody@secret.example", "another-guess-456");
      const { token } = await h.login();
      const rep = h.rep(token);
      await connected(rep);
      const v = h.visitor();
      await connected(v);
      const joined = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
      await qualifyHot(v, "ana.lopez@private.example");
      const bad = h.rep("stolen-token-789");
      await connected(bad).catch(() => {});
      h.visitor({ origin: "https://evil.example" });
      await new Promise((r) => setTimeout(r, 200));
      const log = lines.join("\n");
      expect(lines.length).toBeGreaterThan(0);
      for (const secret of [
        token,
        joined.visitorToken,
        ownerPassword,
        "wrong-password-123",
        "another-guess-456",
        "stolen-token-789",
        "ana.lopez@private.example",
        "nobody@secret.example",
        "owner@test.local",
      ]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await h.close();
    }
  });
});
