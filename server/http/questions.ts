// The questions a site's visitors asked that the bot could not answer (owners), for the playbook editor's list:
// read from the site's conversations as the leads and funnel routes read them, so nothing new is stored.
import { Router } from "express";
import { unansweredQuestions } from "../../shared/leads/unanswered.ts";
import { ErrorCode, type UnansweredQuestions } from "../../shared/protocol/index.ts";
import { everyConversation } from "../conversation/every.ts";
import type { AccountsStore, ConversationsStore, PlaybooksStore, SitesStore } from "../store/types.ts";
import { requireUser } from "./auth.ts";

// As many questions as an owner will work through at once.
const maxQuestions = 100;

export function questionRoutes(store: AccountsStore & SitesStore & PlaybooksStore & ConversationsStore): Router {
  const r = Router();

  r.get("/api/sites/:key/questions", requireUser(store, "owner"), async (req, res) => {
    const site = await store.getSite(String(req.params.key));
    const playbook = site ? await store.getPlaybook(site.playbookId, site.playbookVersion) : null;
    if (!site || !playbook) {
      res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
      return;
    }
    const conversations = await everyConversation(store, site.key);
    const body: UnansweredQuestions = {
      questions: unansweredQuestions(
        conversations.map((c) => c.engine.asked),
        playbook,
        maxQuestions,
      ),
    };
    res.json(body);
  });

  return r;
}
