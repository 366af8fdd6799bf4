// Form input from the console: validated with zod, refused as 400 with each problem tied to its field, so the
// form can show the message next to the control.
import type { Response } from "express";
import { z } from "zod";
import { ErrorCode, type FieldError } from "../../shared/protocol/index.ts";
import { freeLine } from "../../shared/protocol/text.ts";
import { fieldErrors } from "../sites/schema.ts";

export const password = z.string().min(10, "Use at least 10 characters.").max(1024, "Use at most 1024 characters.");
export const personName = freeLine().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");
export const email = freeLine()
  .trim()
  .toLowerCase()
  .max(254, "Use at most 254 characters.")
  .regex(/^[^\s@]+@[^\s@]+$/, "Enter an email address.");
export const role = z.enum(["owner", "rep"]);

// Signing in checks only the shape: an email not in the form of one is an unknown email, like any other.
export const login = z
  .object({ email: z.string().trim().toLowerCase().max(254), password: z.string().max(1024) })
  .strict();
export const passwordChange = z.object({ current: z.string().max(1024), next: password }).strict();
export const profileChange = z.object({ name: personName }).strict();
// Each choice may be left out (kept as it is): a console tab older than a new choice can still save.
export const notificationsChange = z
  .object({ missedLeads: z.boolean(), slaBreaches: z.boolean(), dailyDigest: z.boolean() })
  .partial()
  .strict();
export const inviteRequest = z.object({ email, name: personName.optional(), role }).strict();
export const inviteAccept = z.object({ token: z.string().min(1).max(512), name: personName, password }).strict();
export const userChange = z
  .object({
    disabled: z.boolean().optional(),
    role: role.optional(),
    capacity: z.number().int().min(1, "At least 1.").max(50, "At most 50.").optional(),
    siteKeys: z.array(z.string().min(1).max(64)).max(200).optional(),
  })
  .strict();

// A whole settings form that failed its schema (sites, webhooks): by field for the form, itemised for scripts.
export function refuseInvalid(res: Response, error: Parameters<typeof fieldErrors>[0]): void {
  const fields = fieldErrors(error);
  res.status(400).json({
    error: {
      code: ErrorCode.BAD_REQUEST,
      message: "Some fields need fixing.",
      details: fields.map((f) => `${f.path || "body"}: ${f.message}`),
      fields,
    },
  });
}

export function refuseFields(res: Response, message: string, fields: FieldError[]): void {
  res.status(400).json({ error: { code: ErrorCode.BAD_REQUEST, message, fields } });
}

// Parses `body`, or answers 400 with the problems by field and returns null.
export function parseForm<T>(schema: z.ZodType<T>, body: unknown, res: Response): T | null {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  refuseFields(res, "Please correct the marked fields.", fields);
  return null;
}

export function refuse(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json({ error: { code, message } });
}
