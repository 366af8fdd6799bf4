// The Sites page's form values: to and from the API's settings, and server field paths placed on form fields.
import { describe, expect, it } from "vitest";
import type { SiteSettings } from "../../shared/protocol/index.ts";
import { ago } from "../../widget/console/pages/sites/ago.ts";
import { errorsByField, formOf, inputOf } from "../../widget/console/pages/sites/form-values.ts";

const site: SiteSettings = {
  key: "site_1",
  name: "Acme",
  allowedOrigins: ["https://acme.com", "http://localhost:*"],
  greeting: "Hi",
  accentColor: "#123456",
  position: "left",
  launcherLabel: "Talk to sales",
  displayName: "Acme Sales",
  avatarUrl: "https://acme.com/ana.png",
  replyTime: "hours",
  transcripts: "at-end",
  triggers: [],
  routing: {
    strategy: "least-loaded",
    offerMode: "one",
    ringTimeoutMs: 15_000,
    maxWaitMs: 90_000,
    fallback: { kind: "booking", url: "https://cal.acme.com", label: "Book" },
    sla: { liveMs: 45_000 },
    businessHours: {
      timeZone: "Europe/Paris",
      days: [
        { day: 0, open: "10:00", close: "12:00" },
        { day: 3, open: "09:00", close: "18:00" },
      ],
    },
  },
  followUps: { targetMinutes: 30, checkInDays: 5 },
  createdAt: 1,
};

describe("site form values", () => {
  it("round-trips a site's settings, weekdays in Monday-first order", () => {
    const { input, dayAt } = inputOf(formOf(site, "UTC"));
    // Proactive messages are saved by their own section, never by the settings form.
    const { key: _key, createdAt: _createdAt, triggers: _triggers, ...editable } = site;
    expect(input).toEqual({
      ...editable,
      routing: {
        ...site.routing,
        businessHours: {
          ...site.routing.businessHours,
          days: [site.routing.businessHours?.days[1], site.routing.businessHours?.days[0]],
        },
      },
    });
    expect(dayAt).toEqual([3, 0]);
  });

  it("without hours, sends null, and offers weekdays 09:00-17:00 in the local zone when switched on", () => {
    const form = formOf({ ...site, routing: { ...site.routing, businessHours: undefined } }, "America/Chicago");
    expect(inputOf(form).input.routing?.businessHours).toBeNull();
    const on = inputOf({ ...form, hoursOn: true }).input.routing?.businessHours;
    expect(on?.timeZone).toBe("America/Chicago");
    expect(on?.days.map((d) => d.day)).toEqual([1, 2, 3, 4, 5]);
  });

  it("reads origins one per line and seconds as milliseconds", () => {
    const form = { ...formOf(site, "UTC"), origins: " https://a.io \n\n https://b.io", ringSeconds: "7.5" };
    expect(inputOf(form).input.allowedOrigins).toEqual(["https://a.io", "https://b.io"]);
    expect(inputOf(form).input.routing?.ringTimeoutMs).toBe(7500);
  });

  it("places server errors on fields: list items on their list, hours on their weekday", () => {
    const errors = errorsByField(
      [
        { path: "allowedOrigins.1", message: "bad one." },
        { path: "allowedOrigins.3", message: "bad three." },
        { path: "routing.businessHours.days.1.close", message: "closes before it opens" },
        { path: "routing.maxWaitMs", message: "at most an hour" },
        { path: "", message: "Unrecognized key" },
      ],
      [3, 0],
    );
    expect(errors).toEqual({
      origins: "bad one. bad three.",
      "day-0-to": "closes before it opens",
      maxWaitSeconds: "at most an hour",
      "": "Unrecognized key",
    });
  });

  it("says how long ago the widget loaded", () => {
    const now = 10_000_000;
    expect(ago(now - 20_000, now)).toBe("just now");
    expect(ago(now - 3 * 60_000, now)).toBe("3 minutes ago");
    expect(ago(now - 2 * 3_600_000, now)).toBe("2 hours ago");
    expect(ago(now - 86_400_000, now)).toBe("yesterday");
  });
});
