// POST /api/sites/:key/engage/events: the visitor's browser reports a teaser shown, opened or dismissed
// (shared/protocol/engage.ts EngageEvent), counted per site, trigger and UTC day for the funnel (F24). Public like
// the site's config: no login, called from the site's own pages on other origins, so it is mounted before the
// console's same-origin check (app.ts), answers CORS, and takes only origins the site allows.
import express, { type Request, type Response, Router } from "express";
import { z } from "zod";
import { isoDay } from "../../shared/funnel/index.ts";
import { BanterError, ErrorCode, Limits, type WireError } from "../../shared/protocol/index.ts";
import { clientIp } from "../limits/client-ip.ts";
import type { Guard } from "../limits/guard.ts";
import { isPageAllowed } from "../sites/origins.ts";
import { siteTrigger } from "../sites/triggers.ts";
import { limitKeys } from "../store/keys.ts";
import type { EngageStore, SitesStore } from "../store/types.ts";
import { embeddable } from "./headers.ts";

const path = "/api/sites/:key/engage/events";

const engageEvent = z
  .object({
    trigger: z.string().regex(/^[a-z0-9]{12}$/, "a trigger id: 12 lower-case letters and digits"),
    event: z.enum(["shown", "opened", "dismissed"]),
  })
  .strict();

// A beacon (navigator.sendBeacon) sends its JSON as text/plain, which needs no preflight; fetch may say JSON.
const body = express.json({ limit: "1kb", type: ["application/json", "text/plain"] });

function fail(res: Response, status: number, error: WireError) {
  res.status(status).json({ error });
}

export function engageEventRoutes(deps: {
  store: SitesStore & EngageStore;
  guard: Guard;
  trustProxy: boolean;
  now: () => number;
}): Router {
  const { store, guard, now } = deps;
  const r = Router();

  // A page that posts JSON with fetch asks first.
  r.options(path, embeddable, (_req, res) => {
    res.setHeader("Access-Control-Allow-Methods", "POST");
    res.setHeader("Access-Control-Allow-Headers", "Content-Type");
    res.setHeader("Access-Control-Max-Age", "86400");
    res.status(204).end();
  });

  r.post(path, embeddable, body, async (req: Request, res: Response) => {
    const ip = clientIp(req.socket.remoteAddress ?? "", req.get("x-forwarded-for"), deps.trustProxy);
    // Counted before anything else, refusals too: one address adds at most its limit to the counts.
    try {
      await guard.check([[limitKeys.ipEngageEvents(ip), guard.limits.engageEventsPerIp]], (ms) => {
        return `Too many reports from this address; try again in ${Math.max(1, Math.ceil(ms / 60_000))} min.`;
      });
    } catch (err) {
      if (!(err instanceof BanterError)) throw err;
      res.setHeader("Retry-After", String(Math.ceil((err.retryAfterMs ?? 1000) / 1000)));
      fail(res, 429, err.toWire());
      return;
    }
    const key = String(req.params.key);
    const site = key.length <= Limits.siteKey && !key.includes(":") ? await store.getSite(key) : null;
    if (!site) {
      fail(res, 404, { code: ErrorCode.UNKNOWN_SITE, message: `Unknown site key "${key.slice(0, Limits.siteKey)}".` });
      return;
    }
    // A browser always says where a POST comes from; only the site's pages (or Banter's own) may report.
    const origin = req.get("origin");
    if (!origin || !isPageAllowed(site.allowedOrigins, origin, req.get("host"))) {
      const from = origin ?? "a page that does not say its origin";
      fail(res, 403, { code: ErrorCode.FORBIDDEN_ORIGIN, message: `This site does not take reports from ${from}.` });
      return;
    }
    const parsed = engageEvent.safeParse(req.body);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
      fail(res, 400, { code: ErrorCode.BAD_REQUEST, message: "Send { trigger, event } as JSON.", fields });
      return;
    }
    const { trigger, event } = parsed.data;
    if (!siteTrigger(site, trigger)) {
      fail(res, 404, { code: ErrorCode.NOT_FOUND, message: "This site has no such proactive message." });
      return;
    }
    await store.countEngageEvent(site.key, isoDay(now()), trigger, event);
    res.status(204).end();
  });

  return r;
}
