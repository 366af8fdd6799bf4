// Console sessions: the token lives only in an httpOnly, SameSite=Strict cookie; requests riding on the cookie
// from another origin are refused; logout ends the session everywhere it is used.

import { io } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../../server/store/memory-store.ts";
import { appOnRedis, connected, ownerEmail, ownerPassword, type RepClient, startApp } from "../support/app.ts";

async function cookieLogin(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ email: ownerEmail, password: ownerPassword }),
  });
  const setCookie = res.headers.get("set-cookie") ?? "";
  return {
    res,
    body: await res.json(),
    setCookie,
    cookie: setCookie.split(";")[0] ?? "",
  };
}

function repWithCookie(url: string, cookie: string, origin?: string): RepClient {
  return io(`${url}/rep`, {
    extraHeaders: { cookie, ...(origin ? { origin } : {}) },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
  });
}

describe("console sessions", () => {
  const app = appOnRedis();

  it("logs in with an httpOnly SameSite cookie and never puts the token in the body", async () => {
    const { res, body, setCookie, cookie } = await cookieLogin(app().url);
    expect(res.status).toBe(200);
    expect(setCookie).toMatch(/^banter_session=[\w-]{20,};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    expect(setCookie).not.toContain("Secure");
    expect(JSON.stringify(body)).not.toContain(cookie.split("=")[1]);
    expect(body.user.email).toBe(ownerEmail);

    const me = await fetch(`${app().url}/api/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect((await me.json()).user.role).toBe("owner");
  });

  it("refuses a cookie-carried change from another origin, but not from the console's own", async () => {
    const { cookie } = await cookieLogin(app().url);
    const put = (origin: string) =>
      fetch(`${app().url}/api/sites/${app().siteKey}/playbook`, {
        method: "PUT",
        headers: { cookie, origin, "content-type": "application/json" },
        body: "{}",
      });
    const foreign = await put("https://evil.example");
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error.code).toBe("FORBIDDEN_ORIGIN");
    // Same origin passes the check and reaches validation.
    expect((await put(app().url)).status).toBe(400);
  });

  it("refuses a login or invite acceptance from another origin: they would set the cookie there", async () => {
    const { res } = await cookieLogin(app().url, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    const accept = await fetch(`${app().url}/api/invites/accept`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ token: "anything", name: "Eve", password: "long enough password" }),
    });
    expect(accept.status).toBe(403);
    expect((await cookieLogin(app().url, { origin: app().url })).res.status).toBe(200);
  });

  it("a new login ends the browser's previous session", async () => {
    const first = await cookieLogin(app().url);
    const second = await cookieLogin(app().url, { cookie: first.cookie });
    expect((await fetch(`${app().url}/api/me`, { headers: { cookie: first.cookie } })).status).toBe(401);
    expect((await fetch(`${app().url}/api/me`, { headers: { cookie: second.cookie } })).status).toBe(200);
  });

  it("answers unknown API routes and ids that name other store keys with a typed 404", async () => {
    const { token } = await app().login();
    const auth = { authorization: `Bearer ${token}` };
    for (const path of ["/api/nope", "/api/leads/x:notes", "/api/users/u%3Asessions", "/api/conversations/a:b"]) {
      const res = await fetch(`${app().url}${path}`, { headers: auth });
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code, path).toBe("NOT_FOUND");
    }
  });

  it("opens the console socket with the cookie from the console, and refuses it from another origin", async () => {
    const { cookie } = await cookieLogin(app().url);
    const own = repWithCookie(app().url, cookie, app().url);
    await connected(own);
    own.disconnect();
    const foreign = repWithCookie(app().url, cookie, "https://evil.example");
    await expect(connected(foreign)).rejects.toThrow(/console/);
    foreign.disconnect();
  });

  it("logout ends the session for HTTP and sockets, and clears the cookie", async () => {
    const { cookie } = await cookieLogin(app().url);
    const out = await fetch(`${app().url}/api/logout`, {
      method: "POST",
      headers: { cookie, origin: app().url },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    expect((await fetch(`${app().url}/api/me`, { headers: { cookie } })).status).toBe(401);
    const socket = repWithCookie(app().url, cookie, app().url);
    await expect(connected(socket)).rejects.toThrow(/session/);
    socket.disconnect();
  });

  it("a disabled account loses its session at once and cannot log in", async () => {
    const { cookie } = await cookieLogin(app().url);
    const owner = await app().store.getUserByEmail(ownerEmail);
    if (!owner) throw new Error("no owner");
    await app().store.putUser({ ...owner, disabled: true });
    expect((await fetch(`${app().url}/api/me`, { headers: { cookie } })).status).toBe(401);
    expect((await cookieLogin(app().url)).res.status).toBe(401);
  });
});

describe("console sessions behind an https proxy", () => {
  it("marks the cookie Secure when the proxy says the request came over https", async () => {
    const h = await startApp(createMemoryStore(), { trustProxy: true });
    try {
      const { setCookie } = await cookieLogin(h.url, {
        "x-forwarded-proto": "https",
      });
      expect(setCookie).toContain("Secure");
    } finally {
      await h.close();
    }
  });
});
