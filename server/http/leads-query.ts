// The leads table's query string, validated at the edge: a bad value is a 400 naming the field, never a guess.
import { z } from "zod";
import { isMember } from "../../shared/leads/order.ts";
import { defaultPageSize, type LeadQuery, leadSorts, maxPageSize, parseLeadCursor } from "../../shared/leads/query.ts";
import { type FieldError, outcomes, salesStatuses } from "../../shared/protocol/index.ts";

const dayMs = 24 * 3600 * 1000;

// A calendar day (YYYY-MM-DD, as a date input gives it), read as a UTC day.
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date as YYYY-MM-DD.")
  .transform((s, ctx) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== s) {
      ctx.addIssue({ code: "custom", message: "That is not a date." });
      return z.NEVER;
    }
    return t;
  });

// An empty field in a form's query ("tier=") means no filter.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const schema = z
  .object({
    site: optional(z.string().max(64)),
    tier: optional(z.enum(["cold", "warm", "hot"])),
    stage: optional(z.enum(["lead", "mql", "sql", "disqualified"])),
    outcome: optional(z.enum(outcomes as [string, ...string[]])),
    source: optional(z.string().trim().max(200, "At most 200 characters.")),
    from: optional(day),
    to: optional(day),
    status: optional(z.enum(salesStatuses)),
    // A user id, or "unassigned".
    owner: optional(z.string().max(64)),
    // A checkbox's value: present means only missed handoffs.
    missed: optional(z.enum(["1", "true"], { message: "Use missed=1." })),
    q: optional(z.string().trim().max(200, "At most 200 characters.")),
    sort: optional(z.enum(leadSorts)),
    dir: optional(z.enum(["asc", "desc"])),
    page: optional(z.coerce.number().int().min(1).max(1_000_000)),
    pageSize: optional(z.coerce.number().int().min(1).max(maxPageSize)),
    // Cursor paging: the `next` of the previous page. By creation "<createdAt>.<id>"; in another sort
    // "<sort>.<its member, base64url>" (leadsCursor).
    cursor: optional(
      z
        .string()
        .max(400)
        .regex(/^(\d{1,16}\.[A-Za-z0-9_-]{1,64}|[a-z]{1,16}\.[A-Za-z0-9_-]{1,380})$/, "Use the next cursor of a page."),
    ),
  })
  .refine((q) => q.cursor === undefined || cursorSort(q.cursor) === (q.sort ?? "created"), {
    path: ["cursor"],
    message: "A cursor follows the order of the page it came from: use the same sort.",
  })
  .refine((q) => q.cursor === undefined || sortedCursor(q.cursor) !== null || /^\d/.test(q.cursor), {
    path: ["cursor"],
    message: "Use the next cursor of a page.",
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    path: ["to"],
    message: "The end date is before the start date.",
  });

// Which sort a cursor is of.
function cursorSort(cursor: string): string {
  return /^\d/.test(cursor) ? "created" : cursor.slice(0, cursor.indexOf("."));
}

// The member a sorted cursor names, when it names a well-formed one.
function sortedCursor(cursor: string): string | null {
  if (/^\d/.test(cursor)) return null;
  const member = Buffer.from(cursor.slice(cursor.indexOf(".") + 1), "base64url").toString("utf8");
  return isMember(member) ? member : null;
}

// The cursor of the page after the row at `at`, in the query's order.
export function leadsCursor(query: Pick<LeadQuery, "sort">, at: { createdAt: number; id: string } | string): string {
  if (typeof at !== "string") return `${at.createdAt}.${at.id}`;
  return `${query.sort}.${Buffer.from(at, "utf8").toString("base64url")}`;
}

export type ParsedLeadQuery =
  | { ok: true; query: LeadQuery; cursor?: { createdAt: number; id: string } | string }
  | { ok: false; fields: FieldError[] };

export function parseLeadQuery(raw: unknown): ParsedLeadQuery {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      fields: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    };
  }
  const q = parsed.data;
  const query: LeadQuery = {
    sort: q.sort ?? "created",
    dir: q.dir ?? "desc",
    page: q.page ?? 1,
    pageSize: q.pageSize ?? defaultPageSize,
  };
  if (q.site) query.site = q.site;
  if (q.tier) query.tier = q.tier;
  if (q.stage) query.stage = q.stage;
  if (q.source) query.source = q.source.toLowerCase();
  if (q.outcome) query.outcome = q.outcome as NonNullable<LeadQuery["outcome"]>;
  if (q.status) query.status = q.status;
  if (q.owner) query.owner = q.owner;
  if (q.missed) query.missed = true;
  if (q.q) query.q = q.q;
  if (q.from !== undefined) query.from = q.from;
  // The end date counts whole: leads created on that day are in.
  if (q.to !== undefined) query.to = q.to + dayMs;
  const cursor = q.cursor ? (sortedCursor(q.cursor) ?? parseLeadCursor(q.cursor)) : null;
  return cursor ? { ok: true, query, cursor } : { ok: true, query };
}
