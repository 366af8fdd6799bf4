// Sites for the owner: list them with their install check, create one, read and edit its settings. Every read
// of a site (the widget's config, the visitor handshake, routing) goes to the store, so an edit takes effect on
// the next page view and the next connection, in every process.
import express, { type Request, type Response, Router } from "express";
import { defaultPlaybook } from "../../shared/engine/index.ts";
import type { Trigger } from "../../shared/protocol/engage.ts";
import { ErrorCode, type FieldError, type IdentitySecret, type SiteSummary } from "../../shared/protocol/index.ts";
import { defaultRouting } from "../routing/settings.ts";
import { checkTriggers } from "../sites/check-triggers.ts";
import { createSite } from "../sites/create.ts";
import { identitySecretOf, rotateIdentitySecret } from "../sites/identity.ts";
import { type SiteUpdate, siteCreate, siteUpdate } from "../sites/schema.ts";
import { siteSettings } from "../sites/settings.ts";
import type { AccountsStore, PlaybooksStore, RoutingSettings, Site, SitesStore } from "../store/types.ts";
import { requireUser } from "./auth.ts";
import { refuseFields, refuseInvalid } from "./forms.ts";

export function siteRoutes(store: AccountsStore & SitesStore & PlaybooksStore, now: () => number = Date.now): Router {
  const r = Router();
  const owner = requireUser(store, "owner");
  const body = express.json({ limit: "32kb" });

  const summary = async (site: Site): Promise<SiteSummary> => ({
    ...siteSettings(site),
    lastLoad: await store.lastWidgetLoad(site.key),
  });

  async function siteOr404(req: Request, res: Response): Promise<Site | null> {
    const site = await store.getSite(String(req.params.key).slice(0, 64));
    if (!site) res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
    return site;
  }

  r.get("/api/sites", owner, async (_req, res) => {
    const sites = await store.listSites();
    res.json({ sites: await Promise.all(sites.map(summary)) });
  });

  r.post("/api/sites", owner, body, async (req, res) => {
    const parsed = siteCreate.safeParse(req.body);
    if (!parsed.success) return refuseInvalid(res, parsed.error);
    const { triggers, ...fields } = parsed.data;
    // A new site's playbook is the default one: its questions are what startAt may name.
    const checked = triggers && checkTriggers(triggers, undefined, defaultPlaybook);
    if (checked && "errors" in checked) return refuseFields(res, "Some fields need fixing.", checked.errors);
    const site = await createSite(store, { ...applyUpdate(undefined, fields), ...checked }, now());
    res.status(201).json({ site: await summary(site) });
  });

  r.get("/api/sites/:key", owner, async (req, res) => {
    const site = await siteOr404(req, res);
    if (site) res.json({ site: await summary(site) });
  });

  r.put("/api/sites/:key", owner, body, async (req, res) => {
    const parsed = siteUpdate.safeParse(req.body);
    if (!parsed.success) return refuseInvalid(res, parsed.error);
    const site = await siteOr404(req, res);
    if (!site) return;
    // A new greeting is published as a playbook version first; then one atomic write of the site, so a playbook
    // published meanwhile or another owner's save is not overwritten with what this request read.
    const { triggers, ...fields } = parsed.data;
    // startAt is checked against the playbook version the site publishes now (a new greeting changes its copy
    // only); ids against the site as stored, before anything is written and again in the atomic write.
    const playbook = triggers ? await store.getPlaybook(site.playbookId, site.playbookVersion) : null;
    const check = (s: Site): { triggers?: Trigger[] } | { errors: FieldError[] } =>
      triggers ? checkTriggers(triggers, s, playbook) : {};
    const first = check(site);
    if ("errors" in first) return refuseFields(res, "Some fields need fixing.", first.errors);
    const greeting = fields.greeting !== undefined ? await withGreeting(store, site, fields.greeting) : {};
    let refused: FieldError[] | undefined;
    const next = await store.updateSite(site.key, (current) => {
      const checked = check(current);
      if ("errors" in checked) {
        refused = checked.errors;
        return null;
      }
      return { ...current, ...applyUpdate(current, fields), ...greeting, ...checked };
    });
    if (refused) return refuseFields(res, "Some fields need fixing.", refused);
    if (!next) return void res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
    res.json({ site: await summary(next) });
  });

  // The identity secret, for the owner to put on their own server (docs/security.md). Never in a summary, never
  // cached; created on first read for a site stored before secrets existed.
  const secretReply = (res: Response, secret: string | null) => {
    if (!secret)
      return void res.status(404).json({ error: { code: ErrorCode.UNKNOWN_SITE, message: "No such site." } });
    res.setHeader("Cache-Control", "no-store");
    res.json({ secret } satisfies IdentitySecret);
  };

  r.get("/api/sites/:key/identity-secret", owner, async (req, res) => {
    secretReply(res, await identitySecretOf(store, String(req.params.key).slice(0, 64)));
  });

  // Rotating: hashes signed with the old secret stop verifying at once (identities stored before keep theirs).
  r.post("/api/sites/:key/identity-secret", owner, async (req, res) => {
    secretReply(res, await rotateIdentitySecret(store, String(req.params.key).slice(0, 64)));
  });

  return r;
}

// The fields of a site an update sets. A routing object replaces the routing; businessHours null drops the hours.
function applyUpdate(
  site: Site | undefined,
  update: Omit<SiteUpdate, "triggers">,
): Partial<Site> & Pick<Site, "name" | "allowedOrigins"> {
  const { routing, ...rest } = update;
  const fields = { name: site?.name ?? "", allowedOrigins: site?.allowedOrigins ?? [], ...rest };
  if (!routing) return fields;
  const { businessHours, sla, ...settings } = routing;
  const next: Partial<RoutingSettings> = { ...settings };
  if (businessHours) next.businessHours = businessHours;
  // A target left out keeps its default.
  if (sla) next.sla = { ...defaultRouting.sla, ...sla };
  return { ...fields, routing: next };
}

// The bot says the playbook's greeting, so a new greeting is published as a new playbook version (conversations
// already going keep theirs, as with any playbook edit).
async function withGreeting(store: PlaybooksStore, site: Site, greeting: string): Promise<Partial<Site>> {
  const current = await store.getPlaybook(site.playbookId, site.playbookVersion);
  if (!current || current.copy.greeting === greeting) return { greeting };
  const version = await store.nextPlaybookVersion(current.id);
  await store.putPlaybook({ ...current, version, copy: { ...current.copy, greeting } });
  return { greeting, playbookVersion: version };
}
