// Leads for the owner: the table (filtered, sorted, paged), a lead's detail with its transcript, the CSV export
// with the score's breakdown, and erasing a visitor's data on their request.
import { type Request, type Response, Router } from "express";
import { toCsv } from "../../shared/leads/csv.ts";
import { groupLeads } from "../../shared/leads/person.ts";
import { filterLeads, leadsAfter, queryLeads, sortLeads } from "../../shared/leads/query.ts";
import { sourceLabel } from "../../shared/leads/source.ts";
import { ErrorCode, type LeadDetail, type LeadRow } from "../../shared/protocol/index.ts";
import { qualificationAt } from "../conversation/activity.ts";
import { type EraseDeps, eraseVisitor } from "../conversation/erase.ts";
import { everyConversation } from "../conversation/every.ts";
import { leadCard } from "../conversation/lead-card.ts";
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
import { parseLeadQuery } from "./leads-query.ts";

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

  // Every lead of a site, one per person (P5), newest first; null when the site does not exist.
  async function leadsOf(siteKey: string): Promise<LeadRow[] | null> {
    const site = await store.getSite(siteKey);
    if (!site) return null;
    return rowsOf(site);
  }

  // The whole site is read even when the filter names a first day: a person's earlier conversations count too,
  // and the filters read their newest.
  async function rowsOf(site: Site): Promise<LeadRow[]> {
    return groupLeads((await everyConversation(store, site.key)).map((c) => leadCard(c, site, access.now())));
  }

  // One site's leads, or every site's, newest first; null when the named site does not exist.
  async function selected(siteKey: string | undefined): Promise<LeadRow[] | null> {
    if (siteKey !== undefined) return leadsOf(siteKey);
    const all = (await Promise.all((await store.listSites()).map((site) => rowsOf(site)))).flat();
    return sortLeads(all, "created", "desc");
  }

  r.get("/api/leads", reader, async (req, res) => {
    const parsed = parseLeadQuery(req.query);
    if (!parsed.ok) {
      const error = { code: ErrorCode.BAD_REQUEST, message: "Some filters are invalid.", fields: parsed.fields };
      res.status(400).json({ error });
      return;
    }
    const leads = await selected(parsed.query.site);
    if (!leads) {
      res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
      return;
    }
    // The sites to filter by, for the table's site select.
    const sites = (await store.listSites()).map((site) => ({ key: site.key, name: site.name }));
    const { query, cursor } = parsed;
    // Sorted by creation, the first page and every cursor page end with the cursor of the next one.
    if (query.sort === "created" && (cursor || query.page === 1)) {
      const page = leadsAfter(leads, query, cursor ?? null, query.pageSize);
      res.json({ ...page, page: query.page, pageSize: query.pageSize, sites });
      return;
    }
    res.json({ ...queryLeads(leads, query), sites });
  });

  // The table's selection, in the table's order, every page (the exports); null after answering 400 or 404.
  async function exported(req: Request, res: Response): Promise<{ leads: LeadRow[]; file: string } | null> {
    const parsed = parseLeadQuery(req.query);
    if (!parsed.ok) {
      const error = { code: ErrorCode.BAD_REQUEST, message: "Some filters are invalid.", fields: parsed.fields };
      res.status(400).json({ error });
      return null;
    }
    const { query } = parsed;
    const leads = await selected(query.site);
    if (!leads) {
      res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
      return null;
    }
    return {
      leads: sortLeads(filterLeads(leads, query), query.sort, query.dir),
      file: `leads${query.site ? `-${query.site}` : ""}`,
    };
  }

  // As JSON: every lead card in full, for integrations.
  r.get("/api/leads.json", reader, async (req, res) => {
    const found = await exported(req, res);
    if (!found) return;
    res.setHeader("Content-Disposition", `attachment; filename="${found.file}.json"`);
    res.json({ leads: found.leads });
  });

  r.get("/api/leads.csv", reader, async (req, res) => {
    const found = await exported(req, res);
    if (!found) return;
    res.setHeader("Content-Disposition", `attachment; filename="${found.file}.csv"`);
    res.type("text/csv; charset=utf-8").send(toCsv([header, ...found.leads.map(row)]));
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
    const leads = await leadsOf(String(req.params.key));
    if (!leads) {
      res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
      return;
    }
    res.json({ leads });
  });

  r.get("/api/sites/:key/leads.csv", owner, async (req, res) => {
    const leads = await leadsOf(String(req.params.key));
    if (!leads) {
      res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
      return;
    }
    res.setHeader("Content-Disposition", `attachment; filename="leads-${String(req.params.key)}.csv"`);
    res.type("text/csv; charset=utf-8").send(toCsv([header, ...leads.map(row)]));
  });

  return r;
}
