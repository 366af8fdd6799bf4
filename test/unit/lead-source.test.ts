import { describe, expect, it } from "vitest";
import { readSource, sourceLabel } from "../../shared/leads/source.ts";

describe("lead source", () => {
  it("reads UTMs from the landing page and keeps an outside referrer", () => {
    const s = readSource(
      "https://acme.com/pricing?utm_source=Google&utm_medium=cpc&utm_campaign=q1&x=1",
      "https://www.google.com/",
    );
    expect(s).toEqual({
      landingPage: "https://acme.com/pricing?utm_source=Google&utm_medium=cpc&utm_campaign=q1&x=1",
      referrer: "https://www.google.com/",
      utm: { source: "Google", medium: "cpc", campaign: "q1" },
    });
    expect(sourceLabel(s)).toBe("google");
  });

  it("drops a referrer from the same site and names the visit direct", () => {
    const s = readSource("https://acme.com/", "https://acme.com/blog");
    expect(s).toEqual({ landingPage: "https://acme.com/" });
    expect(sourceLabel(s)).toBe("direct");
    expect(sourceLabel(undefined)).toBe("direct");
  });

  it("names a referred visit by the referrer's host", () => {
    expect(sourceLabel(readSource("https://acme.com/", "https://www.linkedin.com/feed/"))).toBe("linkedin.com");
  });

  it("names a referrer without a host direct", () => {
    expect(sourceLabel({ referrer: "about:blank" })).toBe("direct");
    expect(sourceLabel({ referrer: "javascript:alert(1)" })).toBe("direct");
  });

  it("survives addresses that are not URLs", () => {
    expect(readSource("not a url", "also not")).toEqual({});
    expect(readSource("https://acme.com/", "nope")).toEqual({ landingPage: "https://acme.com/" });
  });
});
