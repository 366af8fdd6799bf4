// The public API's bodies as zod schemas, typed against the wire types so they cannot drift from them silently;
// /api/openapi.json is generated from these (z.toJSONSchema), and its test checks live answers against it.
import { z } from "zod";
import {
  type ConversationList,
  type ConversationRecord,
  type ConversationSummary,
  ErrorCode,
  type LeadCard,
  type LeadDetail,
  type LeadRow,
  type Message,
  type Note,
  outcomes,
  type SubjectErased,
  type SubjectExport,
  type SubjectFound,
  type WireError,
} from "../../shared/protocol/index.ts";

const status = z.enum(["bot", "queued", "live", "closed"]);
const outcome = z.enum(outcomes as [string, ...string[]]) as z.ZodType<LeadCard["outcome"] & string>;
const tier = z.enum(["cold", "warm", "hot"]);
const stage = z.enum(["lead", "mql", "sql", "disqualified"]);
const author = z.enum(["visitor", "bot", "rep", "system"]);

export const wireError: z.ZodType<{ error: WireError }> = z.object({
  error: z.object({
    code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.array(z.string()).optional(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    retryAfterMs: z.number().optional(),
  }),
});

export const leadCard: z.ZodType<LeadCard> = z.object({
  conversationId: z.string(),
  siteKey: z.string(),
  siteName: z.string(),
  status,
  qualification: z.object({
    score: z.number(),
    tier,
    stage,
    reasons: z.array(
      z.object({ slot: z.string(), points: z.number(), reason: z.string(), behaviour: z.literal(true).optional() }),
    ),
    disqualifiedBecause: z.string().optional(),
  }),
  answers: z.array(z.object({ slot: z.string(), label: z.string(), answer: z.string(), words: z.string() })),
  asked: z.array(z.object({ text: z.string(), topic: z.string().optional() })).optional(),
  pageTrail: z.array(z.string()),
  timeZone: z.string().optional(),
  offerExpiresAt: z.number().optional(),
  outcome: outcome.optional(),
  missedHandoff: z.boolean().optional(),
  callback: z.object({ phone: z.string().optional(), when: z.string().optional() }).optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  outcomeReason: z.string().optional(),
  pageUrl: z.string().optional(),
  createdAt: z.number(),
  queuedAt: z.number().optional(),
  repName: z.string().optional(),
  source: z
    .object({
      referrer: z.string().optional(),
      landingPage: z.string().optional(),
      utm: z
        .object({
          source: z.string().optional(),
          medium: z.string().optional(),
          campaign: z.string().optional(),
          term: z.string().optional(),
          content: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  identity: z
    .object({
      email: z.string().optional(),
      name: z.string().optional(),
      userId: z.string().optional(),
      verified: z.boolean(),
    })
    .optional(),
  reengagedAt: z.number().optional(),
});

export const message: z.ZodType<Message> = z.object({
  conversationId: z.string(),
  seq: z.number(),
  clientId: z.string(),
  author,
  authorName: z.string().optional(),
  text: z.string(),
  at: z.number(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  link: z.object({ url: z.string(), label: z.string() }).optional(),
});

export const note: z.ZodType<Note> = z.object({
  id: z.string(),
  conversationId: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  text: z.string(),
  at: z.number(),
});

// A row of the leads table: a person (shared/leads/SPEC.md, P5).
const leadRow = z.intersection(
  leadCard,
  z.object({ conversations: z.number(), conversationIds: z.array(z.string()) }),
) as z.ZodType<LeadRow>;

export const leadPage = z.object({
  leads: z.array(leadRow),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  // Sorted by creation: the cursor of the next page, absent on the last.
  next: z.string().optional(),
  sites: z.array(z.object({ key: z.string(), name: z.string() })),
});

export const leadList = z.object({ leads: z.array(leadRow) });

export const leadDetail: z.ZodType<LeadDetail> = z.object({
  lead: leadCard,
  visitorId: z.string(),
  messages: z.array(message),
  conversations: z.array(
    z.object({
      conversationId: z.string(),
      createdAt: z.number(),
      status,
      outcome: outcome.optional(),
      tier,
    }),
  ),
});

export const erased: z.ZodType<SubjectErased> = z.object({ erased: z.array(z.string()) });

const summary: z.ZodType<ConversationSummary> = z.object({
  id: z.string(),
  siteKey: z.string(),
  siteName: z.string(),
  status,
  name: z.string().optional(),
  email: z.string().optional(),
  company: z.string().optional(),
  companyGuessed: z.boolean().optional(),
  tier,
  score: z.number(),
  stage,
  repId: z.string().optional(),
  repName: z.string().optional(),
  outcome: outcome.optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  preview: z.object({ author, text: z.string() }).optional(),
});

export const conversationList: z.ZodType<ConversationList> = z.object({
  conversations: z.array(summary),
  next: z.string().optional(),
  counts: z.object({ bot: z.number(), queued: z.number(), live: z.number(), closed: z.number() }),
});

export const conversationRecord: z.ZodType<ConversationRecord> = z.object({
  lead: leadCard,
  repId: z.string().optional(),
  messages: z.array(message),
  notes: z.array(note),
});

export const subjectRequest = z.union([
  z.object({ email: z.string().max(254) }).strict(),
  z.object({ visitorId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(),
]);

export const subjectFound: z.ZodType<SubjectFound> = z.object({
  conversations: z.array(
    z.object({
      conversationId: z.string(),
      siteKey: z.string(),
      siteName: z.string(),
      visitorId: z.string(),
      status,
      createdAt: z.number(),
      email: z.string().optional(),
    }),
  ),
});

export const subjectExport: z.ZodType<SubjectExport> = z.object({
  subject: subjectRequest,
  exportedAt: z.number(),
  conversations: z.array(
    z.object({
      visitorId: z.string(),
      lead: leadCard,
      messages: z.array(message),
      notes: z.array(note),
      behaviour: z
        .object({
          visits: z.number(),
          firstSeenAt: z.number(),
          lastActiveAt: z.number(),
          visitStartedAt: z.number(),
          previousVisitAt: z.number().optional(),
          pages: z.array(z.object({ url: z.string(), at: z.number() })),
          events: z.array(
            z.object({
              name: z.string(),
              props: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
              at: z.number(),
            }),
          ),
          timeOnSiteMs: z.number(),
        })
        .optional(),
    }),
  ),
});
