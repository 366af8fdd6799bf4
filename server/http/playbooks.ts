// A site's playbook: read it, or publish a new version. Versions are immutable; conversations keep the version
// they started on (rule P3), so publishing never changes a live conversation.
import express, { type Request, type Response, Router } from "express";
import type { Playbook } from "../../shared/engine/playbook.ts";
import { diffPlaybooks, summarizeChanges } from "../../shared/engine/playbook-diff.ts";
import { parsePlaybook } from "../../shared/engine/schema.ts";
import {
  ErrorCode,
  type PlaybookChanges,
  type PlaybookSummary,
  type PlaybookVersions,
} from "../../shared/protocol/index.ts";
import type { AccountsStore, PlaybooksStore, Site, SitesStore } from "../store/types.ts";
import { currentUser, requireUser } from "./auth.ts";

// The newest versions the history says what changed in: each summary reads two stored versions.
const summarised = 20;

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
    // The site's name: the editor is titled with it (a site key is for machines).
    res.json({ playbook, siteName: site?.name });
  });

  // The site's playbook's versions, newest first: when, by whom, and what each changed.
  r.get("/api/sites/:key/playbook/versions", owner, async (req, res) => {
    const site = await store.getSite(String(req.params.key));
    if (!site) {
      res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
      return;
    }
    const listed = await store.listPlaybookVersions(site.playbookId);
    const names = new Map((await store.listUsers()).map((u) => [u.id, u.name || u.email]));
    const read = (version: number) => store.getPlaybook(site.playbookId, version);
    const versions = await Promise.all(
      listed.map(async (v, i) => {
        const by = v.publishedBy ? { publishedBy: names.get(v.publishedBy) ?? "a former teammate" } : {};
        const older = listed[i + 1];
        if (i >= summarised || !older) return { version: v.version, publishedAt: v.publishedAt, ...by };
        const [before, after] = await Promise.all([read(older.version), read(v.version)]);
        const summary = before && after ? summarizeChanges(diffPlaybooks(before, after)) : undefined;
        return { version: v.version, publishedAt: v.publishedAt, ...by, ...(summary ? { summary } : {}) };
      }),
    );
    const body: PlaybookVersions = { current: site.playbookVersion, versions };
    res.json(body);
  });

  // One stored version, for the editor to restore into its draft (versions are immutable: restoring publishes anew).
  r.get("/api/sites/:key/playbook/versions/:version", owner, async (req, res) => {
    const site = await store.getSite(String(req.params.key));
    const version = Number(req.params.version);
    const playbook =
      site && Number.isSafeInteger(version) && version > 0 ? await store.getPlaybook(site.playbookId, version) : null;
    if (!playbook) {
      res.status(404).json({ error: { code: ErrorCode.NOT_FOUND, message: "No such version." } });
      return;
    }
    res.json({ playbook });
  });

  // The site and the draft in the body, valid; or null, with the refusal sent (every problem by path and by field).
  async function siteAndDraft(req: Request, res: Response): Promise<{ site: Site; draft: Playbook } | null> {
    const site = await store.getSite(String(req.params.key));
    if (!site) {
      res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
      return null;
    }
    const body = typeof req.body === "object" && req.body !== null ? (req.body as Record<string, unknown>) : {};
    // Always the site's own playbook id: a draft pasted from another site must not join that site's history.
    const draft = parsePlaybook({ ...body, id: site.playbookId, version: 1 });
    if (!draft.ok) {
      const error = { code: ErrorCode.BAD_REQUEST, message: "The playbook is invalid.", details: draft.errors };
      res.status(400).json({ error: { ...error, fields: draft.fields } });
      return null;
    }
    return { site, draft: draft.playbook };
  }

  // What publishing the draft would change, for the editor's review before Publish: read from the version the site
  // runs, in the history's words.
  r.post("/api/sites/:key/playbook/changes", owner, express.json({ limit: "256kb" }), async (req, res) => {
    const found = await siteAndDraft(req, res);
    if (!found) return;
    const live = await store.getPlaybook(found.site.playbookId, found.site.playbookVersion);
    const body: PlaybookChanges = { changes: live ? diffPlaybooks(live, found.draft) : [] };
    res.json(body);
  });

  r.put("/api/sites/:key/playbook", owner, express.json({ limit: "256kb" }), async (req, res) => {
    // Validated before a version number is handed out, so a rejected draft uses none.
    const found = await siteAndDraft(req, res);
    if (!found) return;
    const { site, draft } = found;
    const playbook = { ...draft, version: await store.nextPlaybookVersion(draft.id) };
    await store.putPlaybook(playbook, undefined, currentUser(res).id);
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
