import { describe, expect, it } from "vitest";
import { isOriginAllowed, isSameHost, originPattern } from "../../server/sites/origins.ts";

describe("allowed origins", () => {
  const patterns = ["https://acme.com", "http://localhost:*"];

  it("matches exact origins after normalisation", () => {
    expect(isOriginAllowed(patterns, "https://acme.com")).toBe(true);
    expect(isOriginAllowed(patterns, "https://ACME.com:443")).toBe(true);
    expect(isOriginAllowed(patterns, "http://acme.com")).toBe(false);
    expect(isOriginAllowed(patterns, "https://acme.com.evil.io")).toBe(false);
    expect(isOriginAllowed(patterns, "https://sub.acme.com")).toBe(false);
  });

  it("matches a host on any port with :*", () => {
    expect(isOriginAllowed(patterns, "http://localhost:5173")).toBe(true);
    expect(isOriginAllowed(patterns, "http://localhost")).toBe(true);
    expect(isOriginAllowed(patterns, "https://localhost:5173")).toBe(false);
    expect(isOriginAllowed(patterns, "http://localhost.evil.io:80")).toBe(false);
  });

  it("refuses a missing or malformed origin", () => {
    expect(isOriginAllowed(patterns, undefined)).toBe(false);
    expect(isOriginAllowed(patterns, "null")).toBe(false);
    expect(isOriginAllowed(["not a url"], "https://acme.com")).toBe(false);
  });

  it("recognises Banter's own origin by host and port", () => {
    expect(isSameHost("http://banter.internal:3000", "banter.internal:3000")).toBe(true);
    expect(isSameHost("http://banter.internal:3001", "banter.internal:3000")).toBe(false);
    expect(isSameHost("http://banter.internal:3000", undefined)).toBe(false);
  });
});

describe("client address behind a proxy", () => {
  it("takes the hop the trusted proxy added, not what the client wrote before it", async () => {
    const { clientIp } = await import("../../server/limits/client-ip.ts");
    expect(clientIp("10.0.0.1", "6.6.6.6, 203.0.113.7", true)).toBe("203.0.113.7");
    expect(clientIp("10.0.0.1", ["6.6.6.6", "203.0.113.7"], true)).toBe("203.0.113.7");
    expect(clientIp("10.0.0.1", "6.6.6.6", false)).toBe("10.0.0.1");
    expect(clientIp("10.0.0.1", undefined, true)).toBe("10.0.0.1");
  });

  it("normalises the patterns an owner types, and refuses what is not an origin", () => {
    expect(originPattern(" https://ACME.com/ ")).toBe("https://acme.com");
    expect(originPattern("https://acme.com:443")).toBe("https://acme.com");
    expect(originPattern("http://shop.acme.com:8080")).toBe("http://shop.acme.com:8080");
    expect(originPattern("http://LOCALHOST:*")).toBe("http://localhost:*");
    for (const bad of [
      "acme.com",
      "ftp://acme.com",
      "https://acme.com/pricing",
      "https://acme.com?x=1",
      "https://user:pw@acme.com",
      "http://localhost:3000:*",
      "javascript:alert(1)",
      "",
    ]) {
      expect(originPattern(bad), bad).toBeNull();
    }
  });
});
