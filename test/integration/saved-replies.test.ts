// The team's saved replies over HTTP: owners add, edit and delete them; reps list them but change nothing; every
// bad request is a typed error and leaves what is stored exactly as it was; shortcuts are unique; the cap holds.
import { describe, expect, it } from "vitest";
import { savedReplyLimits } from "../../shared/protocol/index.ts";
import { call, makeKey } from "../support/api.ts";
import { appOnRedis, type Harness } from "../support/app.ts";

const pricing = { shortcut: "pricing", title: "Plans and prices", text: "Our plans start at $49 a month." };

async function add(h: Harness, session: string, body: unknown) {
  const made = await call(h.url, session, "POST", "/api/saved-replies", body);
  if (made.status !== 201) throw new Error(`not added: ${made.status} ${JSON.stringify(made.body)}`);
  return made.body.savedReply as { id: string; shortcut: string; createdAt: number };
}

describe("saved replies over HTTP (Redis)", () => {
  const app = appOnRedis();

  it("owners add, list, edit and delete saved replies", async () => {
    const h = app();
    const { token } = await h.login();
    expect((await call(h.url, token, "GET", "/api/saved-replies")).body).toEqual({ savedReplies: [] });

    const made = await call(h.url, token, "POST", "/api/saved-replies", pricing);
    expect(made.status).toBe(201);
    expect(made.body.savedReply).toMatchObject({ ...pricing, id: expect.any(String) });
    // Written as a rep would type it, in any case, with or without the slash; an empty title is none.
    const demo = await add(h, token, { shortcut: " /Demo ", title: " ", text: "  Book a demo here.\r\n" });
    expect(demo).toMatchObject({ shortcut: "demo", text: "Book a demo here." });
    expect(demo).not.toHaveProperty("title");
    const listed = await call(h.url, token, "GET", "/api/saved-replies");
    expect(listed.body.savedReplies.map((r: { shortcut: string }) => r.shortcut)).toEqual(["demo", "pricing"]);

    const edited = await call(h.url, token, "PUT", `/api/saved-replies/${demo.id}`, {
      shortcut: "book-demo",
      title: "Book a demo",
      text: "Pick a time that suits you.",
    });
    expect(edited.status).toBe(200);
    expect(edited.body.savedReply).toMatchObject({
      id: demo.id,
      shortcut: "book-demo",
      title: "Book a demo",
      text: "Pick a time that suits you.",
      createdAt: demo.createdAt,
    });
    // The old shortcut is free again.
    await add(h, token, { shortcut: "demo", text: "Another." });

    expect((await call(h.url, token, "DELETE", `/api/saved-replies/${demo.id}`)).status).toBe(204);
    const gone = await call(h.url, token, "DELETE", `/api/saved-replies/${demo.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("NOT_FOUND");
    const lost = await call(h.url, token, "PUT", `/api/saved-replies/${demo.id}`, pricing);
    expect(lost.status).toBe(404);
    expect(lost.body.error.code).toBe("NOT_FOUND");
    const after = await call(h.url, token, "GET", "/api/saved-replies");
    expect(after.body.savedReplies.map((r: { shortcut: string }) => r.shortcut)).toEqual(["demo", "pricing"]);
  });

  it("reps list the team's saved replies but cannot change them; signed out and API keys get nothing", async () => {
    const h = app();
    const { token: ownerToken } = await h.login();
    const reply = await add(h, ownerToken, pricing);
    await h.addRep("rep@test.local", "Rey");
    const { token } = await h.login("rep@test.local");

    const listed = await call(h.url, token, "GET", "/api/saved-replies");
    expect(listed.status).toBe(200);
    expect(listed.body.savedReplies).toEqual([reply]);
    for (const [method, path, body] of [
      ["POST", "/api/saved-replies", { shortcut: "mine", text: "Mine." }],
      ["PUT", `/api/saved-replies/${reply.id}`, { ...pricing, text: "Changed." }],
      ["DELETE", `/api/saved-replies/${reply.id}`, undefined],
    ] as const) {
      const refused = await call(h.url, token, method, path, body);
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(refused.body.error.code).toBe("FORBIDDEN");
    }
    expect((await h.store.listSavedReplies()).map((r) => r.text)).toEqual([pricing.text]);

    const signedOut = await fetch(`${h.url}/api/saved-replies`);
    expect(signedOut.status).toBe(401);
    const { key } = await makeKey(h, ownerToken, "write");
    const withKey = await call(h.url, key, "GET", "/api/saved-replies");
    expect(withKey.status).toBe(403);
  });

  it("refuses bad input with BAD_REQUEST by field, and stores nothing", async () => {
    const h = app();
    const { token } = await h.login();
    const reply = await add(h, token, pricing);
    const stored = await h.store.listSavedReplies();
    const cases: [unknown, string][] = [
      [{ title: "No shortcut", text: "Hi" }, "shortcut"],
      [{ shortcut: "", text: "Hi" }, "shortcut"],
      [{ shortcut: "two words", text: "Hi" }, "shortcut"],
      [{ shortcut: "a<b>", text: "Hi" }, "shortcut"],
      [{ shortcut: "x".repeat(savedReplyLimits.shortcut + 1), text: "Hi" }, "shortcut"],
      [{ shortcut: 42, text: "Hi" }, "shortcut"],
      [{ shortcut: "hi" }, "text"],
      [{ shortcut: "hi", text: " \u0000\u0007 " }, "text"],
      [{ shortcut: "hi", text: "x".repeat(savedReplyLimits.text + 1) }, "text"],
      [{ shortcut: "hi", title: "t".repeat(savedReplyLimits.title + 1), text: "Hi" }, "title"],
      [{ shortcut: "hi", title: ["list"], text: "Hi" }, "title"],
      [{ shortcut: "hi", text: "Hi", html: "<b>" }, ""],
      [["shortcut", "text"], ""],
    ];
    for (const [body, path] of cases) {
      for (const [method, url] of [
        ["POST", "/api/saved-replies"],
        ["PUT", `/api/saved-replies/${reply.id}`],
      ] as const) {
        const refused = await call(h.url, token, method, url, body);
        expect(refused.status, `${method} ${JSON.stringify(body)}`).toBe(400);
        expect(refused.body.error.code).toBe("BAD_REQUEST");
        expect(refused.body.error.fields.map((f: { path: string }) => f.path)).toContain(path);
      }
    }
    // A body that is not JSON, and one far over any reply's size.
    const broken = await fetch(`${h.url}/api/saved-replies`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: '{"shortcut": "hi",',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe("BAD_REQUEST");
    const huge = await call(h.url, token, "POST", "/api/saved-replies", { shortcut: "hi", text: "x".repeat(40_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(await h.store.listSavedReplies()).toEqual(stored);
  });

  it("keeps each shortcut once, whatever its case: a duplicate is a CONFLICT on the shortcut field", async () => {
    const h = app();
    const { token } = await h.login();
    await add(h, token, pricing);
    const demo = await add(h, token, { shortcut: "demo", text: "Book a demo." });
    const stored = await h.store.listSavedReplies();

    const twice = await call(h.url, token, "POST", "/api/saved-replies", { shortcut: "/PRICING", text: "Again." });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({
      code: "CONFLICT",
      fields: [{ path: "shortcut", message: "Another saved reply has the shortcut /pricing." }],
    });
    const taken = await call(h.url, token, "PUT", `/api/saved-replies/${demo.id}`, { ...pricing, text: "Mine now." });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe("CONFLICT");
    expect(await h.store.listSavedReplies()).toEqual(stored);
  });

  it(`holds the team to ${savedReplyLimits.replies} saved replies`, async () => {
    const h = app();
    const { token } = await h.login();
    for (let i = 1; i < savedReplyLimits.replies; i++) {
      await h.store.addSavedReply(
        { id: `r${i}`, shortcut: `reply-${i}`, text: `Reply ${i}`, createdAt: 1, updatedAt: 1 },
        savedReplyLimits.replies,
      );
    }
    await add(h, token, pricing);
    const full = await call(h.url, token, "POST", "/api/saved-replies", { shortcut: "one-more", text: "Too many." });
    expect(full.status).toBe(409);
    expect(full.body.error).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("at most 200") });
    expect(await h.store.listSavedReplies()).toHaveLength(savedReplyLimits.replies);
  });
});
