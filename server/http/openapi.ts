// GET /api/openapi.json: the public API as OpenAPI 3.1, built from the same zod schemas the answers are checked
// against (api-schemas.ts), so the document follows the code. test/integration/openapi.test.ts holds every
// documented route to a live answer, and every route that takes an API key to the document.
import { Router } from "express";
import { z } from "zod";
import { leadSorts, maxPageSize } from "../../shared/leads/query.ts";
import { outcomes, salesStatuses } from "../../shared/protocol/index.ts";
import * as s from "./api-schemas.ts";

type Json = Record<string, unknown>;

const schemas = {
  Error: s.wireError,
  LeadCard: s.leadCard,
  Message: s.message,
  Note: s.note,
  LeadPage: s.leadPage,
  LeadList: s.leadList,
  LeadDetail: s.leadDetail,
  Erased: s.erased,
  ConversationList: s.conversationList,
  ConversationRecord: s.conversationRecord,
  DataSubject: s.subjectRequest,
  SubjectFound: s.subjectFound,
  SubjectExport: s.subjectExport,
};
type SchemaName = keyof typeof schemas;

function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { unrepresentable: "any" }) as Json;
  return rest;
}

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: SchemaName, description: string) => ({
  description,
  content: { "application/json": { schema: ref(name) } },
});

const errors = {
  "400": json("Error", "BAD_REQUEST: a parameter or the body is invalid; `fields` names each problem."),
  "401": json("Error", "UNAUTHORIZED: no key, or an unknown or revoked one."),
  "403": json("Error", "FORBIDDEN: the key's scope does not allow this (erasing needs write)."),
  "429": json("Error", "RATE_LIMITED: too many requests with this key; see Retry-After and `retryAfterMs`."),
};
const notFound = { "404": json("Error", "NOT_FOUND (or UNKNOWN_SITE for a site filter): nothing by that name.") };

function query(name: string, schema: Json, description: string) {
  return { name, in: "query", required: false, schema, description };
}
function pathParam(name: string, description: string) {
  return {
    name,
    in: "path",
    required: true,
    schema: { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" },
    description,
  };
}

const day = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" };
const leadFilters = [
  query("site", { type: "string", maxLength: 64 }, "Only this site's leads (its key)."),
  query("tier", { type: "string", enum: ["cold", "warm", "hot"] }, "Only leads of this tier."),
  query("stage", { type: "string", enum: ["lead", "mql", "sql", "disqualified"] }, "Only leads at this stage."),
  query("outcome", { type: "string", enum: outcomes }, "Only conversations closed with this outcome."),
  query(
    "source",
    { type: "string", maxLength: 200 },
    'Only leads from this source: the UTM source, else the referrer\'s host, else "direct" (as the funnel names them).',
  ),
  query("status", { type: "string", enum: salesStatuses }, "Only leads sales has at this status (new, working, …)."),
  query("owner", { type: "string", maxLength: 64 }, 'Only leads this user owns (their id), or "unassigned".'),
  query(
    "missed",
    { type: "string", enum: ["1", "true"] },
    "Only missed handoffs: leads that waited for a rep nobody took.",
  ),
  query("q", { type: "string", maxLength: 200 }, "Part of the lead's name, email or company, or their phone's digits."),
  query("from", day, "Created on or after this UTC day (YYYY-MM-DD)."),
  query("to", day, "Created on or before this UTC day (YYYY-MM-DD)."),
  query("sort", { type: "string", enum: leadSorts }, "Order (default created)."),
  query("dir", { type: "string", enum: ["asc", "desc"] }, "Direction (default desc: newest first)."),
];

function operation(
  scope: "read" | "write",
  summary: string,
  parameters: Json[],
  responses: Json,
  body?: SchemaName,
): Json {
  return {
    summary,
    "x-banter-scope": scope,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: { required: true, content: { "application/json": { schema: ref(body) } } } } : {}),
    responses: { ...responses, ...errors },
  };
}

export function openApiDocument(): Json {
  const subject = 'The data subject: `{"email": ...}` or `{"visitorId": ...}`, looked up on every site.';
  return {
    openapi: "3.1.0",
    info: {
      title: "Banter API",
      version: "1",
      description:
        "Leads, conversations, exports and privacy requests. Authenticate with an API key made in the console " +
        "(Authorization: Bearer bk_...). See docs/api.md.",
    },
    security: [{ apiKey: [] }],
    paths: {
      "/api/leads": {
        get: operation(
          "read",
          "List leads, filtered and sorted; paged by page number or by cursor",
          [
            ...leadFilters,
            query("page", { type: "integer", minimum: 1 }, "Page number (default 1)."),
            query("pageSize", { type: "integer", minimum: 1, maximum: maxPageSize }, "Leads per page (default 25)."),
            query("cursor", { type: "string" }, "The `next` of the previous page, of the same sort."),
          ],
          { "200": json("LeadPage", "One page of leads."), ...notFound },
        ),
      },
      "/api/leads.csv": {
        get: operation("read", "Export the selected leads as CSV (every page)", leadFilters, {
          "200": { description: "CSV, one lead a row.", content: { "text/csv": { schema: { type: "string" } } } },
          ...notFound,
        }),
      },
      "/api/leads.json": {
        get: operation("read", "Export the selected leads as JSON (every page)", leadFilters, {
          "200": json("LeadList", "Every selected lead card."),
          ...notFound,
        }),
      },
      "/api/leads/{conversationId}": {
        get: operation("read", "A lead with its transcript and visitor id", [pathParam("conversationId", "")], {
          "200": json("LeadDetail", "The lead."),
          ...notFound,
        }),
      },
      "/api/leads/{conversationId}/visitor": {
        delete: operation(
          "write",
          "Erase the visitor of this lead on its site: every conversation they had (an open one is ended first)",
          [pathParam("conversationId", "Any conversation of the visitor.")],
          { "200": json("Erased", "The ids of the conversations erased."), ...notFound },
        ),
      },
      "/api/conversations": {
        get: operation(
          "read",
          "List conversations, newest activity first, by cursor",
          [
            query("view", { type: "string", enum: ["bot", "queued", "live", "closed"] }, "Only this status."),
            query("q", { type: "string", maxLength: 200 }, "Search the name, email or company."),
            query("site", { type: "string", maxLength: 64 }, "Only this site (its key)."),
            query("cursor", { type: "string", maxLength: 200 }, "The `next` of the previous page."),
            query("limit", { type: "integer", minimum: 1, maximum: 100 }, "Conversations per page (default 25)."),
          ],
          { "200": json("ConversationList", "One page of conversations."), ...notFound },
        ),
      },
      "/api/conversations/{id}": {
        get: operation("read", "A conversation with its lead card, transcript and notes", [pathParam("id", "")], {
          "200": json("ConversationRecord", "The conversation."),
          ...notFound,
        }),
      },
      "/api/privacy/find": {
        post: operation(
          "read",
          `Find a data subject's conversations. ${subject}`,
          [],
          { "200": json("SubjectFound", "Every conversation found, newest first.") },
          "DataSubject",
        ),
      },
      "/api/privacy/export": {
        post: operation(
          "read",
          `Export everything kept about a data subject. ${subject}`,
          [],
          { "200": json("SubjectExport", "Each conversation with its lead card, transcript and notes.") },
          "DataSubject",
        ),
      },
      "/api/privacy/erase": {
        post: operation(
          "write",
          `Erase everything kept about a data subject (open chats are ended first). ${subject}`,
          [],
          { "200": json("Erased", "The ids of the conversations erased.") },
          "DataSubject",
        ),
      },
    },
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "An API key from the console's API keys page: bk_ and 43 characters. Read or write scope.",
        },
      },
      schemas: Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, jsonSchema(schema)])),
    },
  };
}

export function openApiRoutes(): Router {
  const r = Router();
  const document = openApiDocument();
  // Public, like any API's reference: it describes routes, never data.
  r.get("/api/openapi.json", (_req, res) => {
    res.json(document);
  });
  return r;
}
