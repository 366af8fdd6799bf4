// Bad input of any kind gets a clear, typed error; the server stays up and nothing stored changes.
import { describe, expect, it } from "vitest";
import type { Site } from "../../server/store/types.ts";
import { connectErrorOf } from "../../widget/transport/socket.ts";
import { appOnRedis, connected, type Harness } from "../support/app.ts";

async function refusedWith(socket: ReturnType<Harness["visitor"]>): Promise<{ code: string; message: string }> {
  const err = await connected(socket).then(
    () => {
      throw new Error("connected, but should have been refused");
    },
    (e: Error) => e,
  );
  const wire = connectErrorOf(err);
  return { code: wire.code, message: wire.message };
}

describe("refusals", () => {
  const app = appOnRedis();

  it("an unknown site key is refused at the handshake, and its config is a 404 with a code", async () => {
    expect(await refusedWith(app().visitor({ siteKey: "site_nope" }))).toEqual({
      code: "UNKNOWN_SITE",
      message: 'Unknown site key "site_nope".',
    });
    const res = await fetch(`${app().url}/api/sites/site_nope/config`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "UNKNOWN_SITE" } });
  });

  it("an origin the site does not allow is refused at the handshake", async () => {
    const refusal = await refusedWith(app().visitor({ origin: "https://evil.example" }));
    expect(refusal).toEqual({
      code: "FORBIDDEN_ORIGIN",
      message: "This site does not allow chat from https://evil.example.",
    });
  });

  it("a page on Banter's own origin may chat for any site", async () => {
    const demo = await app().store.getSite(app().siteKey);
    await app().store.putSite({ ...(demo as Site), key: "site_acme", allowedOrigins: ["https://acme.com"] });
    const elsewhere = app().visitor({ siteKey: "site_acme", origin: "http://localhost:5555" });
    expect((await refusedWith(elsewhere)).code).toBe("FORBIDDEN_ORIGIN");
    const same = app().visitor({ siteKey: "site_acme", origin: app().url });
    await connected(same);
    expect((await same.emitWithAck("conversation:join", { lastSeq: 0 })).ok).toBe(true);
  });

  it("a rep socket without a valid login is refused", async () => {
    const err = await connected(app().rep("not-a-token")).catch((e: Error) => e);
    expect(connectErrorOf(err as Error).code).toBe("UNAUTHORIZED");
  });

  it("malformed, oversized and wrongly typed events get BAD_REQUEST and change nothing", async () => {
    const v = app().visitor();
    await connected(v);
    const joined = await v.emitWithAck("conversation:join", { lastSeq: 0 });
    if (!joined.ok) throw new Error(joined.error.message);
    const before = joined.data.messages;

    const bad: unknown[] = [
      null,
      "hello",
      42,
      { clientId: "x" },
      { clientId: "x", text: "a", choice: "capture" },
      { clientId: "bad id!", text: "hi" },
      { clientId: "x", text: "   " },
      { clientId: "x", text: "a".repeat(2001) },
      { clientId: "x", text: 5 },
      { clientId: "x", choice: "not-an-option" },
      { clientId: "x", text: "hi", extra: true },
    ];
    for (const payload of bad) {
      const ack = await (v.emitWithAck as (e: string, p: unknown) => Promise<unknown>)("message:send", payload);
      expect(ack, JSON.stringify(payload)?.slice(0, 60)).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    }
    const join = await v.emitWithAck("conversation:join", { lastSeq: -1 } as never);
    expect(join).toMatchObject({
      ok: false,
      error: { code: "BAD_REQUEST", message: expect.stringContaining("lastSeq") },
    });

    // No ack callback: nothing to answer, nothing done. Unknown events are ignored. The acked send after them is
    // a barrier: had the server acted on the first, it would have stored it before this one.
    (v.emit as (e: string, p: unknown) => void)("message:send", { clientId: "noack", text: "hi" });
    (v.emit as (e: string, p: unknown) => void)("no:such-event", { a: 1 });
    const barrier = await v.emitWithAck("message:send", { clientId: "barrier", text: "purple" });
    expect(barrier.ok).toBe(true);

    const after = await v.emitWithAck("conversation:join", { visitorToken: joined.data.visitorToken, lastSeq: 0 });
    if (!after.ok) throw new Error(after.error.message);
    expect(after.data.messages.slice(0, before.length)).toEqual(before);
    expect(after.data.messages.map((m) => m.clientId)).not.toContain("noack");
    expect(after.data.messages[before.length]?.clientId).toBe("barrier");
    const health = await fetch(`${app().url}/healthz`);
    expect(await health.json()).toEqual({ status: "ok", store: "redis" });
  });

  it("a frame over the size limit closes that socket only; the server stays up", async () => {
    const v = app().visitor();
    await connected(v);
    const dropped = new Promise((resolve) => v.once("disconnect", resolve));
    v.emit("message:send", { clientId: "big", text: "x".repeat(200_000) }, () => {});
    await dropped;
    const other = app().visitor();
    await connected(other);
    expect((await other.emitWithAck("conversation:join", { lastSeq: 0 })).ok).toBe(true);
  });

  it("login with bad JSON, a huge body or wrong credentials gets a typed HTTP error", async () => {
    const post = (body: string) =>
      fetch(`${app().url}/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const cases: [string, number, string][] = [
      ["{bad", 400, "BAD_REQUEST"],
      [JSON.stringify({ email: "a", password: "x".repeat(20_000) }), 413, "PAYLOAD_TOO_LARGE"],
      [JSON.stringify({ email: 5 }), 400, "BAD_REQUEST"],
      [JSON.stringify({ email: "owner@test.local", password: "wrong" }), 401, "UNAUTHORIZED"],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(body);
      expect(res.status, body.slice(0, 40)).toBe(status);
      expect(await res.json()).toMatchObject({ error: { code } });
    }
  });
});
