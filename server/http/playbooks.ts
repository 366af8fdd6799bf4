// A site's playbook: read it, or publish a new version. Versions are immutable; conversations keep the version
// they started on (rule P3), so publishing never changes a live conversation.
import express, { Router } from "express";
import { parsePlaybook } from "../../shared/engine/schema.ts";
import { ErrorCode, type PlaybookSummary, type PlaybookVersions } from "../../shared/protocol/index.ts";
import type { AccountsStore, PlaybooksStore, SitesStore } from "../store/types.ts";
import { requireUser } from "./auth.ts";

export function playbookRoutes(store: AccountsStore & SitesStore & PlaybooksStore): Router {
  const r = Router();
  const owner = requireUser(store, "owner");

  // The sites the playbook editor lists, with the version each runs now.
  r.get("/api/playbooks", owner, async (_req, res) => {
    const sites = await store.listSites();
    const playbooks: PlaybookSummary[] = sites.map((s) => ({
      siteKey: s.key,
      siteName: s.name,
      playbookId: s.playbookId,
      version: s.playbookVersion,
    }));
    res.json({ playbooks });
  });

  r.get("/api/sites/:key/playbook", owner, async (req, res) => {
    const site = await store.getSite(String(req.params.key));
    const playbook = site ? await store.getPlaybook(site.playbookId, site.playbookVersion) : null;
    if (!playbook) {
      res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
      return;
    }
    res.json({ playbook });
  });

  // The site's playbook's versions and when each was published, newest first.
  r.get("/api/sites/:key/playbook/versions", owner, async (req, res) => {
    const site = await store.getSite(String(req.params.key));
    if (!site) {
      res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
      return;
    }
    const body: PlaybookVersions = {
      current: site.playbookVersion,
      versions: await store.listPlaybookVersions(site.playbookId),
    };
    res.json(body);
  });

  r.put("/api/sites/:key/playbook", owner, express.json({ limit: "256kb" }), async (req, res) => {
    const site = await store.getSite(String(req.params.key));
    if (!site) {
      res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
      return;
    }
    const body = typeof req.body === "object" && req.body !== null ? (req.body as Record<string, unknown>) : {};
    // Validated before a version number is handed out, so a rejected draft uses none.
    // Always the site's own playbook id: a draft pasted from another site must not join that site's history.
    const draft = parsePlaybook({ ...body, id: site.playbookId, version: 1 });
    if (!draft.ok) {
      const error = { code: ErrorCode.BAD_REQUEST, message: "The playbook is invalid.", details: draft.errors };
      res.status(400).json({ error: { ...error, fields: draft.fields } });
      return;
    }
    const playbook = { ...draft.playbook, version: await store.nextPlaybookVersion(draft.playbook.id) };
    await store.putPlaybook(playbook);
    // Only the playbook fields: an owner saving the site's settings at the same moment keeps theirs.
    await store.updateSite(site.key, (current) => ({
      ...current,
      playbookId: playbook.id,
      playbookVersion: playbook.version,
      greeting: playbook.copy.greeting,
    }));
    res.json({ playbook });
  });

  return r;
}
