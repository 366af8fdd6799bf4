// Proactive messages' pure parts (shared/engage/): a trigger's conditions, its caps, visit counting and the
// checks on Banter('track').
import { describe, expect, it } from "vitest";
import { allowedNow, noteDismissed, noteShown, readCaps, underCaps } from "../../shared/engage/caps.ts";
import { trackedEvent } from "../../shared/engage/track.ts";
import { readVisit, visitAt, visitGapMs } from "../../shared/engage/visit.ts";
import { type Situation, secondsUntil, whenHolds } from "../../shared/engage/when.ts";
import { pageMatches } from "../../shared/engine/behaviour.ts";
import { type Trigger, triggerDefaults } from "../../shared/protocol/engage.ts";

const trigger = (over: Partial<Trigger> = {}): Trigger => ({
  id: "abcdefghijkl",
  name: "Pricing",
  when: {},
  message: "Questions about plans?",
  ...triggerDefaults,
  ...over,
});

const situation = (over: Partial<Situation> = {}): Situation => ({
  url: "https://acme.com/pricing?plan=pro",
  secondsOnPage: 0,
  scrollPercent: 0,
  exited: false,
  visits: 1,
  utm: {},
  pagesThisVisit: 1,
  events: [],
  ...over,
});

describe("page patterns", () => {
  it("a pattern starting with / is matched against the path, * any run of characters", () => {
    expect(pageMatches("/pricing", "https://acme.com/pricing?plan=pro")).toBe(true);
    expect(pageMatches("/pricing*", "https://acme.com/pricing/enterprise")).toBe(true);
    expect(pageMatches("/pricing", "https://acme.com/pricing/enterprise")).toBe(false);
    expect(pageMatches("/blog/*/pricing", "https://acme.com/blog/2026/pricing")).toBe(true);
    expect(pageMatches("/PRICING", "https://acme.com/pricing")).toBe(true);
  });
  it("the query counts only when the pattern has one", () => {
    expect(pageMatches("/pricing?plan=*", "https://acme.com/pricing?plan=pro")).toBe(true);
    expect(pageMatches("/pricing?plan=*", "https://acme.com/pricing")).toBe(false);
  });
  it("with a scheme the whole address; with a host the host and path", () => {
    expect(pageMatches("https://acme.com/pricing*", "https://acme.com/pricing?x=1")).toBe(true);
    expect(pageMatches("https://acme.com/*", "https://evil.com/acme.com/")).toBe(false);
    expect(pageMatches("shop.acme.com/*", "https://shop.acme.com/cart")).toBe(true);
    expect(pageMatches("shop.acme.com/*", "https://acme.com/cart")).toBe(false);
  });
  it("regex characters in a pattern are literal", () => {
    expect(pageMatches("/a.b", "https://acme.com/axb")).toBe(false);
    expect(pageMatches("/(x)", "https://acme.com/(x)")).toBe(true);
  });
});

describe("conditions", () => {
  it("no conditions: every page", () => {
    expect(whenHolds({}, situation())).toBe(true);
  });
  it.each([
    [{ urls: ["/pricing"] }, { url: "https://acme.com/about" }],
    [{ secondsOnPage: 30 }, { secondsOnPage: 29.9 }],
    [{ scrollPercent: 50 }, { scrollPercent: 49 }],
    [{ exitIntent: true as const }, { exited: false }],
    [{ returning: true as const }, { visits: 1 }],
    [{ utmCampaign: ["Spring"] }, { utm: { campaign: "autumn" } }],
    [{ utmSource: ["google"] }, { utm: {} }],
    [{ pagesThisVisit: 3 }, { pagesThisVisit: 2 }],
    [{ event: "pricing:compare" }, { events: ["signup"] }],
  ])("%o does not hold for %o", (when, s) => {
    expect(whenHolds(when, situation(s))).toBe(false);
  });
  it("each kind holds when met; UTMs compare without case", () => {
    expect(
      whenHolds(
        {
          urls: ["/about", "/pricing"],
          secondsOnPage: 30,
          scrollPercent: 50,
          exitIntent: true,
          returning: true,
          utmCampaign: ["Spring"],
          utmSource: ["Google"],
          pagesThisVisit: 3,
          event: "pricing:compare",
        },
        situation({
          secondsOnPage: 30,
          scrollPercent: 50,
          exited: true,
          visits: 2,
          utm: { campaign: "spring", source: "google" },
          pagesThisVisit: 3,
          events: ["pricing:compare"],
        }),
      ),
    ).toBe(true);
  });
});

describe("when to look again", () => {
  it("the seconds left until the time on page, on a page the addresses match", () => {
    expect(secondsUntil({ secondsOnPage: 30 }, situation({ secondsOnPage: 12.5 }))).toBe(17.5);
    expect(secondsUntil({ urls: ["/pricing"], secondsOnPage: 30 }, situation())).toBe(30);
  });
  it("never, when time cannot make it hold: reached already, no time condition, another page", () => {
    expect(secondsUntil({ secondsOnPage: 30 }, situation({ secondsOnPage: 30 }))).toBe(Infinity);
    expect(secondsUntil({ scrollPercent: 50, exitIntent: true }, situation())).toBe(Infinity);
    expect(secondsUntil({ urls: ["/about"], secondsOnPage: 30 }, situation())).toBe(Infinity);
  });
});

describe("caps and the site's conditions", () => {
  const now = 1_800_000_000_000;
  const day = 86_400_000;
  it("at most maxPerDay shows in any 24 hours", () => {
    const t = trigger({ maxPerDay: 2 });
    let caps = noteShown({}, t.id, now);
    expect(underCaps(t, caps, now)).toBe(true);
    caps = noteShown(caps, t.id, now + 1000);
    expect(underCaps(t, caps, now + 2000)).toBe(false);
    expect(underCaps(t, caps, now + day - 1)).toBe(false);
    expect(underCaps(t, caps, now + day + 1)).toBe(true);
  });
  it("never again for dismissDays after a dismiss; other triggers are not held back", () => {
    const t = trigger({ dismissDays: 7, maxPerDay: 5 });
    const caps = noteDismissed(noteShown({}, t.id, now), t, now);
    expect(underCaps(t, caps, now + 7 * day - 1)).toBe(false);
    expect(underCaps(t, caps, now + 7 * day)).toBe(true);
    expect(underCaps(trigger({ id: "otherotherot" }), caps, now)).toBe(true);
  });
  it("malformed stored caps count as none", () => {
    expect(readCaps("x")).toEqual({});
    expect(readCaps({ a: { shown: "no" }, b: { shown: [1, "2"], dismissedUntil: 5 } })).toEqual({
      b: { shown: [1], dismissedUntil: 5 },
    });
  });
  const moment = { open: true, repOnline: true, width: 1366, chatOpen: false };
  it("business hours, a rep online, small screens and an open chat", () => {
    expect(allowedNow(trigger(), moment)).toBe(true);
    expect(allowedNow(trigger(), { ...moment, chatOpen: true })).toBe(false);
    expect(allowedNow(trigger({ duringBusinessHours: true }), { ...moment, open: false })).toBe(false);
    expect(allowedNow(trigger(), { ...moment, open: false })).toBe(true);
    expect(allowedNow(trigger({ whenRepOnline: true }), { ...moment, repOnline: false })).toBe(false);
    expect(allowedNow(trigger(), { ...moment, width: 639 })).toBe(false);
    expect(allowedNow(trigger({ onSmallScreens: true }), { ...moment, width: 390 })).toBe(true);
  });
});

describe("visits", () => {
  const t0 = 1_800_000_000_000;
  it("the first page starts visit 1; activity within 30 minutes keeps it", () => {
    const v = visitAt(undefined, undefined, t0);
    expect(v).toEqual({ count: 1, firstAt: t0, startedAt: t0 });
    expect(visitAt(v, t0 + 60_000, t0 + visitGapMs)).toBe(v);
  });
  it("30 minutes without a page or event: the next starts visit 2, noting when the last one was active", () => {
    const v = visitAt(undefined, undefined, t0);
    const last = t0 + 5 * 60_000;
    expect(visitAt(v, last, last + visitGapMs)).toEqual({
      count: 2,
      firstAt: t0,
      startedAt: last + visitGapMs,
      previousAt: last,
    });
  });
  it("stored junk starts counting afresh", () => {
    expect(readVisit({ count: "2", firstAt: 1, startedAt: 1 })).toBeUndefined();
    expect(readVisit(null)).toBeUndefined();
    expect(readVisit({ count: 3.5, firstAt: 1, startedAt: 2, previousAt: "x" })).toEqual({
      count: 3,
      firstAt: 1,
      startedAt: 2,
    });
  });
});

describe("Banter('track')", () => {
  it("takes a name and flat props within behaviourLimits", () => {
    expect(trackedEvent("Brochure download", { file: "a.pdf", pages: 3, gated: true }, 5)).toEqual({
      name: "Brochure download",
      props: { file: "a.pdf", pages: 3, gated: true },
      at: 5,
    });
    expect(trackedEvent("signup", undefined, 5)).toEqual({ name: "signup", at: 5 });
  });
  it.each([
    ["", undefined],
    ["x".repeat(65), undefined],
    ["<script>", undefined],
    [42, undefined],
    ["ok", [1]],
    ["ok", { nested: { a: 1 } }],
    ["ok", { n: Number.NaN }],
    ["ok", { long: "x".repeat(201) }],
    ["ok", { ["k".repeat(41)]: 1 }],
    ["ok", Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i]))],
  ])("refuses %o with %o, saying why", (name, props) => {
    expect(typeof trackedEvent(name, props, 1)).toBe("string");
  });
});
