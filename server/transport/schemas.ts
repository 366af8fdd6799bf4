// Every inbound payload is parsed here before any handler sees it: type hints are not validation.
import { z } from "zod";
import { activityReport } from "../../shared/protocol/behaviour-schema.ts";
import { Limits, outcomes, type RepClientEvents, type VisitorClientEvents } from "../../shared/protocol/index.ts";
import { cleanLine, freeLine, freeText } from "../../shared/protocol/text.ts";
import { requestSchemas } from "./requests.ts";

const clientId = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, "letters, digits, - and _ only")
  .min(1)
  .max(Limits.clientId);
const conversationId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a conversation id");
const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = freeText()
  .trim()
  .min(1, "empty message")
  .max(Limits.messageText, `messages can be at most ${Limits.messageText.toLocaleString("en-US")} characters`);

export const empty = z.object({}).strict();

// An absolute address as a browser reports one (location.href, document.referrer), bounded as the loader bounds
// it (shared/leads/source.ts). Only http(s) ever becomes a link in the console.
const address = freeLine()
  .max(2048, "at most 2,048 characters")
  .refine((s) => URL.canParse(s), "not an absolute address like https://acme.com/pricing");
const utmValue = freeLine().trim().min(1, "empty").max(200, "at most 200 characters");

export const leadSource = z
  .object({
    referrer: address.optional(),
    landingPage: address.optional(),
    utm: z
      .object({
        source: utmValue.optional(),
        medium: utmValue.optional(),
        campaign: utmValue.optional(),
        term: utmValue.optional(),
        content: utmValue.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

// Banter('identify', ...): at least one thing to say; a hash only with the userId it signs.
export const identifyRequest = z
  .object({
    email: z.email("not an email address").max(254, "at most 254 characters").optional(),
    name: freeLine().trim().min(1, "empty").max(100, "at most 100 characters").optional(),
    userId: freeLine().trim().min(1, "empty").max(128, "at most 128 characters").optional(),
    userHash: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, "64 hex characters: HMAC-SHA256 of the userId with the site's secret")
      .transform((h) => h.toLowerCase())
      .optional(),
  })
  .strict()
  .refine((r) => r.email !== undefined || r.name !== undefined || r.userId !== undefined, {
    message: "say who the visitor is: an email, a name or a userId",
  })
  .refine((r) => r.userHash === undefined || r.userId !== undefined, {
    message: "a userHash signs a userId: send the userId too",
    path: ["userId"],
  });

export const joinRequest = z
  .object({
    visitorToken: z.string().max(Limits.token).optional(),
    lastSeq: seq,
    startNew: z.boolean().optional(),
    timeZone: freeLine().max(64).optional(),
    pagesBefore: z.array(freeLine().max(2048)).max(20).optional(),
    source: leadSource.optional(),
    identity: identifyRequest.optional(),
    // The proactive message the visitor clicked: its id (engage.ts Trigger.id) and the question to start at (a
    // playbook question id, shared/engine/schema.ts). Whether the site has them is the service's to judge.
    trigger: z
      .object({
        id: z.string().regex(/^[a-z0-9]{12}$/, "a trigger id: 12 lower-case letters and digits"),
        startAt: z
          .string()
          .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "a question id")
          .optional(),
      })
      .strict()
      .optional(),
    behaviour: activityReport.optional(),
    // Kept, not refused, when long: a page with long tracking parameters must still be able to chat. Cleaned
    // after the cut, which can split a surrogate pair.
    pageUrl: z
      .string()
      .max(16_384)
      .transform((s) => cleanLine(s.slice(0, 2048)))
      .optional(),
  })
  .strict();

// A single-page app's new page: kept like the join's pageUrl (long tracking parameters are cut, not refused).
export const pageView = z
  .object({
    pageUrl: z
      .string()
      .min(1, "empty")
      .max(16_384)
      .transform((s) => cleanLine(s.slice(0, 2048))),
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
// "Email me this transcript", with the visitor's email when the chat knows none.
export const transcriptRequest = z
  .object({ email: z.email("not an email address").max(254, "at most 254 characters").optional() })
  .strict();
// "How was your chat?": a score, and a comment when the visitor adds one.
export const rateRequest = z
  .object({
    score: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], "a score from 1 to 5"),
    comment: freeText()
      .trim()
      .min(1, "empty comment")
      .max(Limits.ratingComment, `comments can be at most ${Limits.ratingComment.toLocaleString("en-US")} characters`)
      .optional(),
  })
  .strict();
export const closeRequest = z.object({ conversationId, outcome: z.enum(outcomes).optional() }).strict();
export const presenceSet = z.object({ status: z.enum(["available", "away"]) }).strict();
export const transferRequest = z.object({ conversationId, toRepId: z.string().min(1).max(64) }).strict();
export const conversationGet = z.object({ conversationId, lastSeq: seq }).strict();
export const repSend = z.object({ conversationId, clientId, text }).strict();

// Each event's schema, checked against the event maps at compile time (requests.ts).
export const visitorRequests = requestSchemas<VisitorClientEvents>()({
  "conversation:join": joinRequest,
  "message:send": visitorSend,
  "conversation:close": empty,
  "typing:set": visitorTyping,
  "page:view": pageView,
  "visitor:identify": identifyRequest,
  "transcript:email": transcriptRequest,
  "conversation:rate": rateRequest,
});

export const repRequests = requestSchemas<RepClientEvents>()({
  "inbox:get": empty,
  "offer:accept": conversationRef,
  "conversation:get": conversationGet,
  "message:send": repSend,
  "conversation:close": closeRequest,
  "typing:set": repTyping,
  "presence:set": presenceSet,
  "presence:heartbeat": empty,
  "team:get": empty,
  "offer:decline": conversationRef,
  "conversation:transfer": transferRequest,
  "conversation:read": conversationRead,
});
