// POST /api/sites/:key/activity: what a visitor did on the site after their first chat (ActivityRequest, from the
// widget's engage chunk), merged into their latest conversation and scored (server/conversation/activity.ts).
// No login: the visitor token proves the visitor, as at the chat's join; the page's origin must be one the site
// allows, as at the socket handshake, and only those origins may read the answer (CORS). Mounted before the
// console's same-origin check (auth.ts), which is for requests that ride on a session cookie: this one carries none.
import express, { type NextFunction, type Request, type Response, Router } from "express";
import { activityRequest } from "../../shared/protocol/behaviour-schema.ts";
import { BanterError, ErrorCode, Limits, type WireError } from "../../shared/protocol/index.ts";
import { verifyVisitor } from "../auth/tokens.ts";
import type { ConversationService } from "../conversation/service.ts";
import { clientIp } from "../limits/client-ip.ts";
import type { Guard } from "../limits/guard.ts";
import { isPageAllowed } from "../sites/origins.ts";
import { limitKeys } from "../store/keys.ts";
import type { Site, SitesStore } from "../store/types.ts";

export interface ActivityDeps {
  store: SitesStore;
  service: Pick<ConversationService, "activity">;
  guard: Guard;
  visitorSecret: string;
  trustProxy: boolean;
}

// 50 pages and 50 events of the largest kind (behaviourLimits) fit with room to spare; more is refused (413).
const maxBodyBytes = 256 * 1024;

function fail(res: Response, status: number, error: WireError) {
  res.status(status).json({ error });
}

export function activityRoutes({ store, service, guard, visitorSecret, trustProxy }: ActivityDeps): Router {
  const r = Router();
  const path = "/api/sites/:key/activity";
  const { limits } = guard;

  // The site, and the page's origin checked against it; the answer readable by that origin only.
  async function siteAndOrigin(req: Request, res: Response, next: NextFunction) {
    const key = String(req.params.key);
    // Keys are plain ids: one with ":" could name a store key of another kind.
    const site = key.length <= Limits.siteKey && !key.includes(":") ? await store.getSite(key) : null;
    if (!site) return fail(res, 404, { code: ErrorCode.UNKNOWN_SITE, message: `Unknown site key "${key}".` });
    const origin = req.get("origin");
    if (origin && !isPageAllowed(site.allowedOrigins, origin, req.get("host"))) {
      return fail(res, 403, {
        code: ErrorCode.FORBIDDEN_ORIGIN,
        message: `This site does not allow chat from ${origin}.`,
      });
    }
    if (origin) {
      res.setHeader("Access-Control-Allow-Origin", origin);
      res.setHeader("Vary", "Origin");
    }
    res.locals.site = site;
    next();
  }

  // The preflight of a JSON POST from another origin.
  r.options(path, siteAndOrigin, (_req, res) => {
    res.setHeader("Access-Control-Allow-Methods", "POST");
    res.setHeader("Access-Control-Allow-Headers", "Content-Type");
    res.setHeader("Access-Control-Max-Age", "600");
    res.status(204).end();
  });

  r.post(
    path,
    siteAndOrigin,
    // text/plain too: a beacon sent as the page is left (fetch keepalive) may skip the preflight that way.
    express.json({ limit: maxBodyBytes, type: ["application/json", "text/plain"] }),
    async (req, res, next) => {
      const site = res.locals.site as Site;
      const ip = clientIp(req.socket.remoteAddress ?? "", req.get("x-forwarded-for"), trustProxy);
      try {
        await guard.check([[limitKeys.ipActivity(ip), limits.activityPerIp]]);
        const parsed = activityRequest.safeParse(req.body);
        if (!parsed.success) {
          const fields = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
          const first = fields[0];
          const message = first ? `${first.path || "body"}: ${first.message}` : "Not an activity report.";
          return fail(res, 400, { code: ErrorCode.BAD_REQUEST, message, fields });
        }
        const { visitorToken, ...report } = parsed.data;
        // A token that does not verify (guessed, tampered, another server's) proves nobody.
        const visitorId = verifyVisitor(visitorSecret, visitorToken);
        if (!visitorId) return fail(res, 401, { code: ErrorCode.UNAUTHORIZED, message: "Not a visitor of this site." });
        await guard.check([[limitKeys.visitorActivity(site.key, visitorId), limits.activityPerVisitor]]);
        await service.activity(site.key, visitorId, report);
        res.status(204).end();
      } catch (err) {
        if (!(err instanceof BanterError)) return next(err);
        if (err.code === ErrorCode.RATE_LIMITED) {
          res.setHeader("Retry-After", String(Math.ceil((err.retryAfterMs ?? 1000) / 1000)));
          return fail(res, 429, err.toWire());
        }
        if (err.code === ErrorCode.NOT_FOUND) return fail(res, 404, err.toWire());
        // Many reports of one visitor at once: the widget sends it again.
        if (err.code === ErrorCode.CONFLICT) return fail(res, 409, err.toWire());
        next(err);
      }
    },
  );
  return r;
}
