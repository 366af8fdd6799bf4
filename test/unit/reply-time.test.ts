// The chat header's reply-time line (shared/sites/reply-time.ts): the owner's words while the team is in, and when
// it is back otherwise, in the visitor's own time.
import { describe, expect, it } from "vitest";
import { replyLine } from "../../shared/sites/reply-time.ts";

// Weekdays 09:00 to 17:00 in New York.
const businessHours = {
  timeZone: "America/New_York",
  days: [1, 2, 3, 4, 5].map((day) => ({ day, open: "09:00", close: "17:00" })),
};

describe("reply-time line", () => {
  it("says nothing without a reply time, even with hours", () => {
    expect(replyLine({ replyTime: null, businessHours }, Date.UTC(2026, 10, 28, 12), "UTC")).toBe("");
  });

  it("says the owner's reply time without hours, and within them", () => {
    expect(replyLine({ replyTime: "minutes" }, 0, "UTC")).toBe("Usually replies in a few minutes");
    // Thursday 26 November 2026, 10:00 in New York.
    const open = Date.UTC(2026, 10, 26, 15);
    expect(replyLine({ replyTime: "hour", businessHours }, open, "UTC")).toBe("Usually replies in under an hour");
    expect(replyLine({ replyTime: "day", businessHours }, open, "UTC")).toBe("Usually replies in a day");
  });

  it("outside the hours, says when the team is back, in the visitor's time zone", () => {
    // Thursday 06:00 in New York: back today at 09:00 there, which is 15:00 in Paris.
    const early = Date.UTC(2026, 10, 26, 11);
    expect(replyLine({ replyTime: "hours", businessHours }, early, "America/New_York")).toBe("Back today at 9:00 AM");
    expect(replyLine({ replyTime: "hours", businessHours }, early, "Europe/Paris")).toBe("Back today at 3:00 PM");
    // Thursday 18:00 in New York: Friday 09:00, which is already Friday where the visitor is.
    const evening = Date.UTC(2026, 10, 26, 23);
    expect(replyLine({ replyTime: "hours", businessHours }, evening, "America/New_York")).toBe(
      "Back tomorrow at 9:00 AM",
    );
    expect(replyLine({ replyTime: "hours", businessHours }, evening, "Asia/Tokyo")).toBe("Back today at 11:00 PM");
    // Saturday noon in New York: Monday.
    const weekend = Date.UTC(2026, 10, 28, 17);
    expect(replyLine({ replyTime: "hours", businessHours }, weekend, "America/New_York")).toBe(
      "Back Monday at 9:00 AM",
    );
    // Hours that open on no day: away, with no promise.
    expect(replyLine({ replyTime: "hours", businessHours: { timeZone: "UTC", days: [] } }, 0, "UTC")).toBe(
      "Away right now",
    );
  });
});
