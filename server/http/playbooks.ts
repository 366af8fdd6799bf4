// A site's playbook: read it, or publish a new version. Versions are immutable; conversations keep the version
// they started on (rule P3), so publishing never changes a live conversation.
import express, { Router } from "express";
import { parsePlaybook } from "../../shared/engine/schema.ts";
import { ErrorCode } from "../../shared/protocol/index.ts";
import type { Store } from "../store/types.ts";
import { requireUser } from "./auth.ts";

export function playbookRoutes(store: Store): Router {
  const r = Router();
  const owner = requireUser(store, "owner");

  r.get("/api/sites/:key/playbook", owner, async (req, res) => {
    const site = await store.getSite(String(req.params.key));
    const playbook = site ? await store.getPlaybook(site.playbookId, site.playbookVersion) : null;
    if (!playbook) {
      res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
      return;
    }
    res.json({ playbook });
  });

  r.put("/api/sites/:key/playbook", owner, express.json({ limit: "256kb" }), async (req, res) => {
    const site = await store.getSite(String(req.params.key));
    if (!site) {
      res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
      return;
    }
    const body = typeof req.body === "object" && req.body !== null ? (req.body as Record<string, unknown>) : {};
    // Validated before a version number is handed out, so a rejected draft uses none.
    const draft = parsePlaybook({ ...body, id: body.id ?? site.playbookId, version: 1 });
    if (!draft.ok) {
      res
        .status(400)
        .json({ error: { code: ErrorCode.BAD_REQUEST, message: "The playbook is invalid.", details: draft.errors } });
      return;
    }
    const playbook = { ...draft.playbook, version: await store.nextPlaybookVersion(draft.playbook.id) };
    await store.putPlaybook(playbook);
    await store.putSite({
      ...site,
      playbookId: playbook.id,
      playbookVersion: playbook.version,
      greeting: playbook.copy.greeting,
    });
    res.json({ playbook });
  });

  return r;
}
