// Structured logs: one JSON object per line, and every line written while handling a request or a socket event
// carries that request's ids (server/log.ts withLogFields, server/http/requests.ts).
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../../server/log.ts";
import { createMemoryStore } from "../../server/store/memory-store.ts";
import type { MessageDraft, Store } from "../../server/store/types.ts";
import { connected, ok, ownerPassword, startApp } from "../support/app.ts";

type Line = { level: string; msg: string } & Record<string, unknown>;

function capture(): { log: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    lines.push({ level, msg, ...fields });
  };
  return { log: { info: at("info"), warn: at("warn"), error: at("error") }, lines };
}

describe("structured logs", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("log each API request once with its request id, echoed to the caller", async () => {
    const { log, lines } = capture();
    const h = await startApp(createMemoryStore(), { log });
    cleanups.push(() => h.close());

    const mine = await fetch(`${h.url}/api/me?q=someone@example.com`, { headers: { "x-request-id": "lb-42.a" } });
    expect(mine.headers.get("x-request-id")).toBe("lb-42.a");
    // An id that is not a plain token (spaces, markup, too long) is replaced by our own.
    const odd = await fetch(`${h.url}/api/me`, { headers: { "x-request-id": "<b> x".repeat(20) } });
    const given = odd.headers.get("x-request-id") ?? "";
    expect(given).toMatch(/^[0-9a-f-]{36}$/);
    // Static files and probes are not logged.
    await fetch(`${h.url}/healthz`);

    const requests = lines.filter((l) => l.msg === "request");
    expect(requests).toEqual([
      expect.objectContaining({ requestId: "lb-42.a", method: "GET", path: "/api/me", status: 401 }),
      expect.objectContaining({ requestId: given, path: "/api/me", status: 401 }),
    ]);
    // The path only: a query can hold personal data.
    expect(JSON.stringify(lines)).not.toContain("someone@example.com");
  });

  it("name the site, the event and the conversation on lines written while handling a socket event", async () => {
    const { log, lines } = capture();
    const real = createMemoryStore();
    // A turn writes the visitor's line with the bot's answer (a first one with the conversation), or on its own:
    // each breaks on this text.
    const store: Store = Object.assign(Object.create(real) as typeof real, {
      appendMessage: (draft: MessageDraft) =>
        draft.text === "break" ? Promise.reject(new Error("disk on fire")) : real.appendMessage(draft),
      updateConversationSaying: (...args: Parameters<Store["updateConversationSaying"]>) =>
        args[2][0]?.text === "break"
          ? Promise.reject(new Error("disk on fire"))
          : real.updateConversationSaying(...args),
      createConversationTurn: (...args: Parameters<Store["createConversationTurn"]>) =>
        args[1].some((l) => l.text === "break")
          ? Promise.reject(new Error("disk on fire"))
          : real.createConversationTurn(...args),
    });
    const h = await startApp(store, { log });
    cleanups.push(() => h.close());
    const v = h.visitor();
    await connected(v);
    const { conversation } = await ok(v.emitWithAck("conversation:join", { lastSeq: 0 }));
    const failed = await v.emitWithAck("message:send", { clientId: randomUUID(), text: "break" });
    expect(failed).toMatchObject({ ok: false, error: { code: "INTERNAL" } });

    expect(lines).toContainEqual(
      expect.objectContaining({
        level: "error",
        msg: "handler failed",
        event: "message:send",
        siteKey: h.siteKey,
        conversationId: conversation.id,
        err: "disk on fire",
      }),
    );
  });

  it("never log a password or a session token", async () => {
    const { log, lines } = capture();
    const h = await startApp(createMemoryStore(), { log });
    cleanups.push(() => h.close());
    const { token } = await h.login();
    await fetch(`${h.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    const text = JSON.stringify(lines);
    expect(lines.some((l) => l.msg === "request" && l.path === "/api/login")).toBe(true);
    expect(text).not.toContain(ownerPassword);
    expect(text).not.toContain(token);
  });
});
