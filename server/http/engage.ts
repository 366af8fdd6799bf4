// GET /api/sites/:key/engage: what the visitor's engage chunk (widget/engage/) evaluates. Public like the site's
// config: origin-checked, readable from the site's pages, and only what a visitor may see (enabled triggers).
import { Router } from "express";
import type { EngageConfig } from "../../shared/protocol/engage.ts";
import { ErrorCode } from "../../shared/protocol/index.ts";
import { isOpen } from "../../shared/routing/index.ts";
import { type AvailabilityStore, serves } from "../routing/availability.ts";
import { team } from "../routing/presence.ts";
import { routingOf } from "../routing/settings.ts";
import { isPageAllowed } from "../sites/origins.ts";
import { siteSettings } from "../sites/settings.ts";
import { embeddable } from "./headers.ts";

export function engageRoutes(store: AvailabilityStore, now: () => number = Date.now): Router {
  const r = Router();
  r.get("/api/sites/:key/engage", embeddable, async (req, res) => {
    const site = await store.getSite(String(req.params.key).slice(0, 64));
    if (!site) {
      res
        .status(404)
        .json({ error: { code: ErrorCode.UNKNOWN_SITE, message: `Unknown site key "${req.params.key}".` } });
      return;
    }
    const origin = req.get("origin");
    if (origin && !isPageAllowed(site.allowedOrigins, origin, req.get("host"))) {
      res.status(403).json({
        error: { code: ErrorCode.FORBIDDEN_ORIGIN, message: `This site does not allow chat from ${origin}.` },
      });
      return;
    }
    const at = now();
    const triggers = siteSettings(site).triggers.filter((t) => t.enabled);
    // A rep who could take a chat now: the same answer a handoff would get (availability.ts), without the hours,
    // which `open` tells apart.
    const repOnline = (await team(store, at)).some((m) => serves(m, site.key));
    // Not cached, like the config: an owner's edit and a rep coming online count from the next page view.
    res.setHeader("Cache-Control", "no-store");
    res.json({ triggers, open: isOpen(routingOf(site).businessHours, at), repOnline } satisfies EngageConfig);
  });
  return r;
}
