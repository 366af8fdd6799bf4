// Proactive messages as an owner sends them (SiteInput.triggers). The shape is checked here; what needs the stored
// site (known ids, the playbook's questions) is checked by check-triggers.ts.
import { z } from "zod";
import { behaviourLimits } from "../../shared/protocol/behaviour.ts";
import { maxTriggersPerSite, triggerDefaults } from "../../shared/protocol/engage.ts";
import { freeLine, freeText } from "../../shared/protocol/text.ts";

// As the site's own fields (schema.ts): a name is one line, the message may have several.
const text = (max: number, what: string, lines = false) =>
  (lines ? freeText() : freeLine())
    .trim()
    .min(1, `${what} cannot be empty`)
    .max(max, `${what} can be at most ${max} characters`);

const words = (what: string) =>
  z
    .array(freeLine().trim().min(1, `${what} cannot be empty`).max(200, "at most 200 characters"))
    .min(1, "add at least one, or leave this condition out")
    .max(10, "at most 10");

const when = z
  .object({
    urls: z
      .array(
        z
          .string()
          .trim()
          .min(1, "a page address cannot be empty")
          .max(300, "at most 300 characters")
          .regex(/^\S+$/, "a page address has no spaces, e.g. /pricing*"),
      )
      .min(1, "add at least one page, or leave this condition out")
      .max(10, "at most 10 pages"),
    secondsOnPage: z.number().int().min(1, "at least 1 second").max(3600, "at most an hour"),
    scrollPercent: z.number().int().min(1, "at least 1%").max(100, "at most 100%"),
    exitIntent: z.literal(true),
    returning: z.literal(true),
    utmCampaign: words("A campaign"),
    utmSource: words("A source"),
    pagesThisVisit: z.number().int().min(1, "at least 1 page").max(100, "at most 100 pages"),
    // The name the host page passes to Banter('track', name): the same rule as the chunk's.
    event: z
      .string()
      .trim()
      .max(behaviourLimits.eventName, `at most ${behaviourLimits.eventName} characters`)
      .regex(/^[\w .:/-]+$/, "letters, digits, spaces and . _ : / - only"),
  })
  .partial()
  .strict();

export const trigger = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]{12}$/, "not a trigger id")
      .optional(),
    name: text(60, "The name"),
    enabled: z.boolean().default(triggerDefaults.enabled),
    when,
    message: text(200, "The message", true),
    quickReplies: z
      .array(text(60, "A quick reply"))
      .max(3, "at most 3 quick replies")
      .default(() => []),
    startAt: z.string().min(1).max(64).optional(),
    maxPerDay: z.number().int().min(1, "at least 1").max(20, "at most 20").default(triggerDefaults.maxPerDay),
    dismissDays: z
      .number()
      .int()
      .min(0, "0 or more days")
      .max(365, "at most 365 days")
      .default(triggerDefaults.dismissDays),
    duringBusinessHours: z.boolean().default(triggerDefaults.duringBusinessHours),
    whenRepOnline: z.boolean().default(triggerDefaults.whenRepOnline),
    onSmallScreens: z.boolean().default(triggerDefaults.onSmallScreens),
  })
  .strict();

export const triggers = z
  .array(trigger)
  .max(maxTriggersPerSite, `at most ${maxTriggersPerSite} proactive messages per site`)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      if (t.id && seen.has(t.id)) ctx.addIssue({ code: "custom", message: "the same trigger twice", path: [i, "id"] });
      if (t.id) seen.add(t.id);
    });
  });

export type TriggersUpdate = z.infer<typeof triggers>;
