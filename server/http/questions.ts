// The questions a site's visitors asked that the bot could not answer (owners), for the playbook editor's list:
// read from the counters each conversation's write keeps (shared/leads/SPEC.md Q1), not from the conversations.
import { Router } from "express";
import { stillUnanswered } from "../../shared/leads/unanswered.ts";
import { ErrorCode, type UnansweredQuestions } from "../../shared/protocol/index.ts";
import type { AccountsStore, FunnelCountersStore, PlaybooksStore, SitesStore } from "../store/types.ts";
import { requireUser } from "./auth.ts";

// As many questions as an owner will work through at once.
const maxQuestions = 100;

export function questionRoutes(
  store: AccountsStore & SitesStore & PlaybooksStore & FunnelCountersStore,
  now: () => number,
): Router {
  const r = Router();

  r.get("/api/sites/:key/questions", requireUser(store, "owner"), async (req, res) => {
    const site = await store.getSite(String(req.params.key));
    const playbook = site ? await store.getPlaybook(site.playbookId, site.playbookVersion) : null;
    if (!site || !playbook) {
      res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
      return;
    }
    const body: UnansweredQuestions = {
      questions: stillUnanswered(await store.askedQuestions(site.key, now()), playbook, maxQuestions),
    };
    res.json(body);
  });

  return r;
}
