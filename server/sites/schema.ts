// What an owner may send to the Sites API. Every problem is reported by field path ("routing.maxWaitMs",
// "allowedOrigins.1") so the console can show it next to the field.
import { z } from "zod";
import { type FieldError, type ReplyTime, replyTimes, transcriptModes } from "../../shared/protocol/index.ts";
import { freeLine, freeText } from "../../shared/protocol/text.ts";
import { originPattern } from "./origins.ts";
import { triggers } from "./trigger-schema.ts";

// A name or a label is one line; the greeting may have several.
const text = (max: number, what: string, lines = false) =>
  (lines ? freeText() : freeLine())
    .trim()
    .min(1, `${what} cannot be empty`)
    .max(max, `${what} can be at most ${max} characters`);

const origin = z
  .string()
  .max(300, "too long for an origin")
  .transform((s, ctx) => {
    const pattern = originPattern(s);
    if (!pattern) {
      ctx.addIssue({
        code: "custom",
        message: `"${s.slice(0, 80)}" is not an origin like https://acme.com or http://localhost:*`,
      });
      return z.NEVER;
    }
    return pattern;
  });

const validTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

// 24:00 closes at midnight.
const closeTime = new RegExp(`${hhmm.source}|^24:00$`);

const openPeriod = z
  .object({
    day: z.number().int().min(0).max(6),
    open: z.string().regex(hhmm, "a time like 09:00"),
    close: z.string().regex(closeTime, "a time like 17:30"),
  })
  .strict()
  // Only when both are times: a malformed one already has its own message.
  .refine((d) => !hhmm.test(d.open) || !closeTime.test(d.close) || minutes(d.close) > minutes(d.open), {
    message: "closes before it opens",
    path: ["close"],
  });

const businessHours = z
  .object({
    timeZone: z.string().max(64).refine(validTimeZone, "not a known time zone, e.g. Europe/Paris"),
    days: z.array(openPeriod).max(14),
  })
  .strict();

const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === "https:" || u.protocol === "http:";
    } catch {
      return false;
    }
  }, "a web address starting with https://");

// Drawn as an <img> on customers' pages: an http picture would be blocked there as mixed content on https pages.
const avatarUrl = z
  .string()
  .trim()
  .max(2048, "at most 2048 characters")
  .superRefine((s, ctx) => {
    if (s === "") return;
    const url = URL.parse(s);
    const message = !url
      ? "not a web address, e.g. https://acme.com/logo.png"
      : url.protocol !== "https:"
        ? "an https:// address: browsers block other pictures on secure pages"
        : "";
    if (message) ctx.addIssue({ code: "custom", message });
  });

const routing = z
  .object({
    strategy: z.enum(["round-robin", "least-loaded"]).optional(),
    offerMode: z.enum(["one", "all"]).optional(),
    ringTimeoutMs: z.number().int().min(5_000, "at least 5 seconds").max(300_000, "at most 5 minutes").optional(),
    maxWaitMs: z.number().int().min(10_000, "at least 10 seconds").max(3_600_000, "at most an hour").optional(),
    fallback: z
      .discriminatedUnion("kind", [
        z.object({ kind: z.literal("callback") }).strict(),
        z.object({ kind: z.literal("booking"), url: httpUrl, label: text(60, "The link text") }).strict(),
      ])
      .optional(),
    businessHours: businessHours.nullable().optional(),
    sla: z
      .object({
        liveMs: z.number().int().min(10_000, "at least 10 seconds").max(3_600_000, "at most an hour").optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const fields = {
  name: text(80, "The name"),
  allowedOrigins: z
    .array(origin)
    .min(1, "add at least one origin")
    .max(50, "at most 50 origins")
    .transform((list) => [...new Set(list)]),
  greeting: text(500, "The greeting", true),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour like #4f46e5"),
  position: z.enum(["right", "left"]),
  launcherLabel: freeLine().trim().max(40, "at most 40 characters"),
  displayName: freeLine().trim().max(60, "at most 60 characters"),
  avatarUrl,
  replyTime: z.enum(Object.keys(replyTimes) as [ReplyTime, ...ReplyTime[]]).nullable(),
  transcripts: z.enum(transcriptModes),
  routing,
  // shared/followups/SPEC.md: how soon to act on a lead that wanted a person, when to check in with a warm one.
  followUps: z
    .object({
      targetMinutes: z.number().int().min(5, "at least 5 minutes").max(1440, "at most a day"),
      checkInDays: z.number().int().min(1, "at least 1 day").max(60, "at most 60 days"),
    })
    .strict(),
  triggers,
};

export const siteUpdate = z.object(fields).partial().strict();
export const siteCreate = siteUpdate.required({ name: true, allowedOrigins: true });

export type SiteUpdate = z.infer<typeof siteUpdate>;

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}
