// A site's leads for the owner: as lead cards (JSON) and as a CSV export with the score's breakdown.
import { Router } from "express";
import { toCsv } from "../../shared/leads/csv.ts";
import { ErrorCode, type LeadCard } from "../../shared/protocol/index.ts";
import { leadCard } from "../conversation/lead-card.ts";
import type { Store } from "../store/types.ts";
import { requireUser } from "./auth.ts";

const maxLeads = 5000;

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
];

function row(lead: LeadCard): string[] {
  const q = lead.qualification;
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
  ];
}

export function leadRoutes(store: Store): Router {
  const r = Router();
  const owner = requireUser(store, "owner");

  async function leadsOf(siteKey: string): Promise<LeadCard[] | null> {
    const site = await store.getSite(siteKey);
    if (!site) return null;
    return (await store.listConversations(site.key, maxLeads)).map((c) => leadCard(c, site));
  }

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
