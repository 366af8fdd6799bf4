// FU5: when the visitor asked to be called, read from their words in their time zone (shared/followups/SPEC.md).
import { describe, expect, it } from "vitest";
import { readCallbackTime } from "../../shared/followups/index.ts";

// Tuesday 6 January 2026, 08:00 UTC: 09:00 in Paris, 03:00 in New York, 17:00 in Tokyo.
const now = Date.UTC(2026, 0, 6, 8, 0);
const utc = (d: number, h: number, m = 0) => Date.UTC(2026, 0, d, h, m);

describe("FU5 readCallbackTime", () => {
  const cases: [string | undefined, string | undefined, number | null][] = [
    ["now", "UTC", now],
    ["ASAP please", "Europe/Paris", now],
    ["any time", "UTC", now],
    ["in 2 hours", "Europe/Paris", now + 2 * 3600_000],
    ["in 30 minutes", "UTC", now + 30 * 60_000],
    ["in an hour", "UTC", now + 3600_000],
    ["in half an hour", "UTC", now + 30 * 60_000],
    // Paris is UTC+1 in January: 10:00 there is 09:00 UTC.
    ["tomorrow at 10", "Europe/Paris", utc(7, 9)],
    ["Tomorrow at 10am", "America/New_York", utc(7, 15)],
    ["after 3pm", "Europe/Paris", utc(6, 14)],
    ["at 3", "UTC", utc(6, 15)],
    ["15:30", "UTC", utc(6, 15, 30)],
    // 08:00 UTC is 17:00 in Tokyo: 10:00 has passed there today, so tomorrow's.
    ["10:00", "Asia/Tokyo", utc(7, 1)],
    ["this afternoon", "Europe/Paris", utc(6, 13)],
    ["this evening", "America/New_York", utc(6, 23)],
    ["tonight", "UTC", utc(6, 19)],
    ["Monday morning", "Europe/Paris", utc(12, 8)],
    ["friday at 2pm", "UTC", utc(9, 14)],
    // Tuesday said on a Tuesday: today's when still ahead, next week's when past.
    ["Tuesday afternoon", "UTC", utc(6, 14)],
    ["tuesday morning", "Europe/Paris", utc(13, 8)],
    ["tomorrow", "UTC", utc(7, 9)],
    ["noon", "Europe/Paris", utc(6, 11)],
    ["today at 7am", "UTC", null],
    ["whenever", "UTC", null],
    ["", "UTC", null],
    [undefined, "UTC", null],
    ["at 99", "UTC", null],
    // An unknown zone is read as UTC.
    ["tomorrow at 10", "Mars/Olympus", utc(7, 10)],
    ["tomorrow at 10", undefined, utc(7, 10)],
  ];
  it.each(cases)("FU5 %j in %s", (when, zone, expected) => {
    expect(readCallbackTime(when, now, zone)).toBe(expected);
  });

  it("FU5 crosses a daylight-saving change: 10:00 in Paris the day after the spring change is 08:00 UTC", () => {
    const saturday = Date.UTC(2026, 2, 28, 12, 0);
    expect(readCallbackTime("tomorrow at 10", saturday, "Europe/Paris")).toBe(Date.UTC(2026, 2, 29, 8, 0));
  });
});
