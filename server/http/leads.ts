// Leads for the owner: the table (filtered, sorted, paged), a lead's detail with its transcript, the CSV export
// with the score's breakdown, and erasing a visitor's data on their request.
import { setImmediate as nextTurn } from "node:timers/promises";
import { type Request, type Response, Router } from "express";
import { csvLine } from "../../shared/leads/csv.ts";
import type { LeadQuery } from "../../shared/leads/query.ts";
import { sourceLabel } from "../../shared/leads/source.ts";
import { ErrorCode, type LeadDetail, type LeadRow } from "../../shared/protocol/index.ts";
import { qualificationAt } from "../conversation/activity.ts";
import { type EraseDeps, eraseVisitor } from "../conversation/erase.ts";
import { leadCard } from "../conversation/lead-card.ts";
import {
  countLeadRows,
  newestFirst,
  type RowPosition,
  rowRunsInOrder,
  rowsInOrder,
} from "../conversation/lead-rows.ts";
import { personConversations } from "../conversation/person.ts";
import { readTranscript } from "../conversation/transcript.ts";
import type {
  AccountsStore,
  ConversationsStore,
  MessagesStore,
  PrivacyStore,
  Site,
  SitesStore,
} from "../store/types.ts";
import { type ApiAccess, apiKeyOr, currentUser, requireUser } from "./auth.ts";
import { leadsCursor, parseLeadQuery } from "./leads-query.ts";

const header = [
  "created",
  "email",
  "phone",
  "tier",
  "stage",
  "score",
  "score reasons",
  "answers",
  "status",
  "outcome",
  "missed handoff",
  "callback phone",
  "callback when",
  "rep",
  "pages",
  "source",
  "utm source",
  "utm medium",
  "utm campaign",
  "utm term",
  "utm content",
  "referrer",
  "landing page",
  "identity name",
  "identity email",
  "user id",
  "identity verified",
  // How many conversations the person had (shared/leads/SPEC.md, P5); the row is their newest.
  "conversations",
];

function row(lead: LeadRow): string[] {
  const q = lead.qualification;
  const utm = lead.source?.utm;
  const id = lead.identity;
  return [
    new Date(lead.createdAt).toISOString(),
    lead.email ?? "",
    lead.phone ?? "",
    q.tier,
    q.stage,
    String(q.score),
    q.reasons.map((r) => `${r.reason}: ${r.points > 0 ? "+" : ""}${r.points}`).join("; "),
    lead.answers.map((a) => `${a.label}: ${a.answer}`).join("; "),
    lead.status,
    lead.outcome ?? "",
    lead.missedHandoff ? "yes" : "no",
    lead.callback?.phone ?? "",
    lead.callback?.when ?? "",
    lead.repName ?? "",
    lead.pageTrail.join(" "),
    sourceLabel(lead.source),
    utm?.source ?? "",
    utm?.medium ?? "",
    utm?.campaign ?? "",
    utm?.term ?? "",
    utm?.content ?? "",
    lead.source?.referrer ?? "",
    lead.source?.landingPage ?? "",
    id?.name ?? "",
    id?.email ?? "",
    id?.userId ?? "",
    // Empty when the host page never identified the visitor.
    id ? (id.verified ? "yes" : "no") : "",
    String(lead.conversations),
  ];
}

// An export reads 200 rows a page (the next page read while one is written, lead-rows.ts), each row made its line as
// its page is read, and writes them 50 at a time, giving the event loop back between two chunks: a chunk's work
// holds it a few milliseconds (npm run bench, BENCH_ONLY=leads).
const pageRows = 200;
const chunkRows = 50;

// Until the client took what was written ('drain') or went away ('close').
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

interface Format {
  head: string;
  line: (lead: LeadRow) => string;
  between: string;
  tail: string;
}

const csvFormat: Format = { head: csvLine(header), line: (lead) => csvLine(row(lead)), between: "", tail: "" };
const jsonFormat: Format = { head: '{"leads":[', line: (lead) => JSON.stringify(lead), between: ",", tail: "]}" };

// A site's every row, newest first (the site's own export routes).
const everyRow: LeadQuery = { ...newestFirst, page: 1, pageSize: pageRows };

// Every order the table offers is the leads index's (by creation, or a sort's set: shared/leads/order.ts): pages
// and exports read only the rows they show, never the site. Lines written as they are read, a chunk at a time,
// waiting for the client to take each ('drain'): an export of any size holds two pages of lines, and the event
// loop is given back between chunks. A client that goes away stops it.
async function streamRows(
  res: Response,
  store: ConversationsStore,
  sites: readonly Site[],
  query: LeadQuery,
  now: number,
  format: Format,
): Promise<void> {
  let first = true;
  const write = async (lines: string[]) => {
    const text = (first ? format.head : format.between) + lines.join(format.between);
    first = false;
    if (!res.write(text)) await drained(res);
    // A page that came back in one go has no IO to yield at: other requests and sockets get their turn between
    // chunks.
    else await nextTurn();
  };
  for await (const run of rowRunsInOrder(store, sites, query, query, undefined, now, pageRows, format.line)) {
    for (let i = 0; i < run.length; i += chunkRows) {
      await write(run.slice(i, i + chunkRows).map((r) => r.row));
      if (res.destroyed) return;
    }
  }
  if (first) await write([]);
  res.end(format.tail);
}

function notFound(res: Response, message = "No such lead.") {
  res.status(404).json({ error: { code: ErrorCode.NOT_FOUND, message } });
}

// The public API's routes (docs/api.md) also take API keys: reading with any key, erasing with a write key.
export function leadRoutes(
  store: AccountsStore & SitesStore & ConversationsStore & MessagesStore & PrivacyStore,
  access: ApiAccess,
  erase: Omit<EraseDeps, "store">,
): Router {
  const r = Router();
  const owner = requireUser(store, "owner");
  const reader = apiKeyOr(access, "read", owner);
  const writer = apiKeyOr(access, "write", owner);

  // The sites a query reads: the named one, or every site; null when the named site does not exist.
  async function sitesOf(siteKey: string | undefined): Promise<Site[] | null> {
    if (siteKey === undefined) return store.listSites();
    const site = await store.getSite(siteKey);
    return site ? [site] : null;
  }

  r.get("/api/leads", reader, async (req, res) => {
    const parsed = parseLeadQuery(req.query);
    if (!parsed.ok) {
      const error = { code: ErrorCode.BAD_REQUEST, message: "Some filters are invalid.", fields: parsed.fields };
      res.status(400).json({ error });
      return;
    }
    const read = await sitesOf(parsed.query.site);
    if (!read) {
      res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
      return;
    }
    // The sites to filter by, for the table's site select.
    const sites = (await store.listSites()).map((site) => ({ key: site.key, name: site.name }));
    const { query, cursor } = parsed;
    // A numbered page skips the rows before it; a cursor starts after its row.
    const skip = cursor ? 0 : (query.page - 1) * query.pageSize;
    const leads: { row: LeadRow; at: RowPosition }[] = [];
    let seen = 0;
    for await (const lead of rowsInOrder(store, read, query, query, cursor, access.now(), query.pageSize + 1)) {
      if (seen++ < skip) continue;
      leads.push(lead);
      if (leads.length > query.pageSize) break;
    }
    const counts = await Promise.all(read.map((site) => countLeadRows(store, site, query, access.now())));
    const shown = leads.slice(0, query.pageSize);
    const last = shown.at(-1);
    // The first page and every cursor page end with the cursor of the next one, in whichever order.
    const next =
      leads.length > query.pageSize && last && (cursor || query.page === 1) ? leadsCursor(query, last.at) : undefined;
    const total = counts.reduce((a, b) => a + b, 0);
    res.json({
      leads: shown.map((l) => l.row),
      total,
      page: query.page,
      pageSize: query.pageSize,
      sites,
      ...(next ? { next } : {}),
    });
  });

  // The table's selection, in the table's order, every page (the exports); null after answering 400 or 404.
  async function exported(
    req: Request,
    res: Response,
  ): Promise<{ sites: Site[]; query: LeadQuery; file: string } | null> {
    const parsed = parseLeadQuery(req.query);
    if (!parsed.ok) {
      const error = { code: ErrorCode.BAD_REQUEST, message: "Some filters are invalid.", fields: parsed.fields };
      res.status(400).json({ error });
      return null;
    }
    const { query } = parsed;
    const sites = await sitesOf(query.site);
    if (!sites) {
      res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
      return null;
    }
    return { sites, query, file: `leads${query.site ? `-${query.site}` : ""}` };
  }

  // As JSON: every lead card in full, for integrations.
  r.get("/api/leads.json", reader, async (req, res) => {
    const found = await exported(req, res);
    if (!found) return;
    res.setHeader("Content-Disposition", `attachment; filename="${found.file}.json"`);
    res.type("application/json");
    await streamRows(res, store, found.sites, found.query, access.now(), jsonFormat);
  });

  r.get("/api/leads.csv", reader, async (req, res) => {
    const found = await exported(req, res);
    if (!found) return;
    res.setHeader("Content-Disposition", `attachment; filename="${found.file}.csv"`);
    res.type("text/csv; charset=utf-8");
    await streamRows(res, store, found.sites, found.query, access.now(), csvFormat);
  });

  r.get("/api/leads/:conversationId", reader, async (req, res) => {
    const c = await store.getConversation(String(req.params.conversationId));
    if (!c) {
      notFound(res);
      return;
    }
    const [site, messages, person] = await Promise.all([
      store.getSite(c.siteKey),
      readTranscript(store, c.id),
      personConversations(store, c),
    ]);
    const conversations = person.map((x) => ({
      conversationId: x.id,
      createdAt: x.createdAt,
      status: x.status,
      tier: qualificationAt(x, access.now()).tier,
      ...(x.outcome ? { outcome: x.outcome } : {}),
    }));
    const detail: LeadDetail = {
      lead: leadCard(c, site, access.now()),
      visitorId: c.visitorId,
      messages,
      conversations,
    };
    res.json(detail);
  });

  r.delete("/api/leads/:conversationId/visitor", writer, async (req, res) => {
    const c = await store.getConversation(String(req.params.conversationId));
    if (!c) {
      notFound(res);
      return;
    }
    const erased = await eraseVisitor({ store, ...erase }, c.siteKey, c.visitorId, currentUser(res));
    res.json({ erased });
  });

  r.get("/api/sites/:key/leads", owner, async (req, res) => {
    const site = await store.getSite(String(req.params.key));
    if (!site) {
      res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
      return;
    }
    res.type("application/json");
    await streamRows(res, store, [site], everyRow, access.now(), jsonFormat);
  });

  r.get("/api/sites/:key/leads.csv", owner, async (req, res) => {
    const site = await store.getSite(String(req.params.key));
    if (!site) {
      res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
      return;
    }
    res.setHeader("Content-Disposition", `attachment; filename="leads-${String(req.params.key)}.csv"`);
    res.type("text/csv; charset=utf-8");
    await streamRows(res, store, [site], everyRow, access.now(), csvFormat);
  });

  return r;
}
