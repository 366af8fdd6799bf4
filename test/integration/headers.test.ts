// Security headers (server/http/headers.ts): Banter's own pages and answers may not be framed, sniffed or read by
// other origins; what customers' pages load (the widget script, its assets, the site config) stays loadable from
// any origin. Needs the built widget (npm run build), as npm test does.
import { describe, expect, it } from "vitest";
import { appOnRedis, hostOrigin } from "../support/app.ts";

describe("security headers (Redis)", () => {
  const app = appOnRedis();

  const head = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${app().url}${path}`, { headers });
    await res.arrayBuffer();
    return res;
  };

  it("the console and the API cannot be framed by any page, nor their answers sniffed", async () => {
    const { token } = await app().login();
    for (const [path, status, headers] of [
      ["/console", 200, {}],
      ["/api/me", 200, { authorization: `Bearer ${token}` }],
      ["/api/me", 401, {}],
      ["/api/no-such-route", 404, {}],
      ["/demo", 200, {}],
    ] as const) {
      const res = await head(path, headers);
      expect(res.status, path).toBe(status);
      expect(res.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("cross-origin-resource-policy"), path).toBe("same-origin");
      expect(res.headers.get("access-control-allow-origin"), path).toBeNull();
    }
    // The console's own policy, as before: its scripts, styles and socket only from its origin.
    const csp = (await head("/console")).headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self' ws: wss:");
    expect(csp).toMatch(/script-src 'self'( 'sha256-[^']+')?;/);
  });

  it("the icon answers at /favicon.ico and /favicon.svg, cached for a day, and the console and demo page link it", async () => {
    for (const path of ["/favicon.ico", "/favicon.svg"]) {
      const res = await fetch(`${app().url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toContain("image/svg+xml");
      expect(res.headers.get("cache-control"), path).toBe("public, max-age=86400");
      expect(await res.text(), path).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg".*<\/svg>$/s);
    }
    for (const path of ["/console", "/demo"]) {
      expect(await (await fetch(`${app().url}${path}`)).text(), path).toContain('<link rel="icon" href="/favicon.svg"');
    }
  });

  it("what customers' pages load stays loadable from any origin", async () => {
    for (const [path, type] of [
      ["/widget.js", "javascript"],
      ["/assets/chat.js", "javascript"],
      [`/api/sites/${app().siteKey}/config`, "json"],
    ] as const) {
      const res = await head(path, { origin: hostOrigin });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toContain(type);
      expect(res.headers.get("cross-origin-resource-policy"), path).toBe("cross-origin");
      expect(res.headers.get("access-control-allow-origin"), path).toBe("*");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });
});
