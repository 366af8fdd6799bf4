// Every inbound payload is parsed here before any handler sees it: type hints are not validation.
import { z } from "zod";
import { Limits, outcomes } from "../../shared/protocol/index.ts";

const clientId = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, "letters, digits, - and _ only")
  .min(1)
  .max(Limits.clientId);
const conversationId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a conversation id");
const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = z
  .string()
  .trim()
  .min(1, "empty message")
  .max(Limits.messageText, `messages can be at most ${Limits.messageText.toLocaleString("en-US")} characters`);

export const empty = z.object({}).strict();

// The visit's source as the loader read it (shared/leads/source.ts): the widget's own lengths, refused beyond them.
const url = z.string().max(2048);
const utmValue = z.string().max(200).optional();
export const leadSource = z
  .object({
    referrer: url.optional(),
    landingPage: url.optional(),
    utm: z
      .object({ source: utmValue, medium: utmValue, campaign: utmValue, term: utmValue, content: utmValue })
      .strict()
      .optional(),
  })
  .strict();

// What the host page said with Banter('identify', ...); verifying userHash is the server's business.
export const identifyRequest = z
  .object({
    email: z.string().trim().max(254).optional(),
    name: z.string().trim().max(200).optional(),
    userId: z.string().max(200).optional(),
    userHash: z.string().max(128).optional(),
  })
  .strict();

export const joinRequest = z
  .object({
    visitorToken: z.string().max(Limits.token).optional(),
    lastSeq: seq,
    startNew: z.boolean().optional(),
    timeZone: z.string().max(64).optional(),
    pagesBefore: z.array(z.string().max(2048)).max(20).optional(),
    source: leadSource.optional(),
    identity: identifyRequest.optional(),
    // Kept, not refused, when long: a page with long tracking parameters must still be able to chat.
    pageUrl: z
      .string()
      .max(16_384)
      .transform((s) => s.slice(0, 2048))
      .optional(),
  })
  .strict();

export const visitorSend = z
  .object({ clientId, text: text.optional(), choice: z.string().min(1).max(64).optional() })
  .strict()
  .refine((r) => (r.text === undefined) !== (r.choice === undefined), "send exactly one of text or choice");

export const conversationRef = z.object({ conversationId }).strict();
export const visitorTyping = z.object({ typing: z.boolean() }).strict();
export const repTyping = z.object({ conversationId, typing: z.boolean() }).strict();
export const conversationRead = z.object({ conversationId, seq }).strict();
export const closeRequest = z.object({ conversationId, outcome: z.enum(outcomes).optional() }).strict();
export const presenceSet = z.object({ status: z.enum(["available", "away"]) }).strict();
export const transferRequest = z.object({ conversationId, toRepId: z.string().min(1).max(64) }).strict();
export const conversationGet = z.object({ conversationId, lastSeq: seq }).strict();
export const repSend = z.object({ conversationId, clientId, text }).strict();

export const login = z
  .object({ email: z.string().trim().toLowerCase().max(254), password: z.string().max(1024) })
  .strict();
