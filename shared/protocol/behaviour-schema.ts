// The one validation of an ActivityReport, for the chat's join (server/transport/schemas.ts) and the activity
// endpoint (server/http/activity.ts). Bounds are behaviourLimits; times are epoch milliseconds.
// Not exported from index.ts: it brings zod, which the widget does not ship.
import { z } from "zod";
import { behaviourLimits as L, trackedEventName } from "./behaviour.ts";
import { cleanLine, freeLine } from "./text.ts";

// Up to the year 275760, the largest time a Date holds.
const time = z.number().int("a time in whole milliseconds").min(0).max(8.64e15);

// Kept, not refused, when long: a page with long tracking parameters is still a page view.
const url = z
  .string()
  .min(1, "empty")
  .max(16_384)
  .transform((s) => cleanLine(s.slice(0, L.url)));

const propValue = z.union([freeLine().max(L.propValue), z.number().finite(), z.boolean()]);

export const activityReport = z
  .object({
    visit: z
      .object({
        count: z.number().int().min(1).max(1_000_000),
        firstAt: time,
        startedAt: time,
        previousAt: time.optional(),
      })
      .strict(),
    pages: z
      .array(z.object({ url, at: time }).strict())
      .max(L.pagesPerReport, `at most ${L.pagesPerReport} pages per report`),
    events: z
      .array(
        z
          .object({
            name: z.string().regex(trackedEventName, "letters, digits, space and . _ : / - (1 to 64)"),
            props: z
              .record(z.string().min(1).max(L.propKey), propValue)
              .refine((p) => Object.keys(p).length <= L.props, `at most ${L.props} properties`)
              .optional(),
            at: time,
          })
          .strict(),
      )
      .max(L.eventsPerReport, `at most ${L.eventsPerReport} events per report`),
  })
  .strict();

export const activityRequest = activityReport.extend({ visitorToken: z.string().min(1).max(512) }).strict();
