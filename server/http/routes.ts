import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { type NextFunction, type Request, type Response, Router } from "express";
import { type Playbook, usesBehaviour } from "../../shared/engine/index.ts";
import { ErrorCode, type WireError } from "../../shared/protocol/index.ts";
import type { Logger } from "../log.ts";
import type { Readiness } from "../readiness.ts";
import { isOriginAllowed, isPageAllowed } from "../sites/origins.ts";
import { siteConfig, widgetLoadFrom } from "../sites/settings.ts";
import { limitKeys } from "../store/keys.ts";
import type { LimitsStore, SitesStore, StoreLife } from "../store/types.ts";
import { faviconSvg } from "./favicon.ts";
import { embeddable } from "./headers.ts";
import { consolePage, demoPage } from "./pages.ts";

export interface RouteDeps {
  store: StoreLife & SitesStore & LimitsStore;
  // Whether the process can serve: its store answers and holds its install, it is not draining (readiness.ts).
  readiness: Pick<Readiness, "check">;
  distDir: string;
  demoSiteKey?: string;
  // The playbook versions the process has read (conversation/playbooks.ts): the config says whether the site's
  // playbook scores behaviour, without a store read per page view.
  playbookOf: (id: string, version: number) => Promise<Playbook>;
  now?: () => number;
}

// The install check is written at most this often per site, however busy the site: one write a minute, not one
// per page view.
const widgetLoadEveryMs = 60_000;

function fail(res: Response, status: number, error: WireError) {
  res.status(status).json({ error });
}

function serverUrl(req: Request): string {
  return `${req.protocol}://${req.get("host") ?? "localhost"}`;
}

export function routes({ store, readiness, distDir, demoSiteKey, playbookOf, now = Date.now }: RouteDeps): Router {
  const r = Router();

  // Liveness: the process answers. Readiness: it can serve (its store answers, in time, and is still its install),
  // so a load balancer sends it traffic; the reason says why not.
  r.get("/healthz", (_req, res) => {
    res.json({ status: "ok", store: store.kind });
  });
  r.get("/readyz", async (_req, res) => {
    const reason = await readiness.check();
    if (reason) res.status(503).json({ status: "unavailable", reason, store: store.kind });
    else res.json({ status: "ready", store: store.kind });
  });

  r.get("/widget.js", embeddable, (_req, res) => {
    const file = join(distDir, "widget.js");
    if (!existsSync(file)) {
      fail(res, 503, { code: ErrorCode.INTERNAL, message: "The widget is not built yet: run npm run build." });
      return;
    }
    res.setHeader("Cache-Control", "public, max-age=300");
    res.sendFile(file);
  });
  r.use("/assets", embeddable, express.static(join(distDir, "assets"), { fallthrough: false, maxAge: "5m" }));

  r.get("/api/sites/:key/config", embeddable, async (req, res) => {
    const site = await store.getSite(String(req.params.key).slice(0, 64));
    if (!site) {
      fail(res, 404, { code: ErrorCode.UNKNOWN_SITE, message: `Unknown site key "${req.params.key}".` });
      return;
    }
    // Browsers send Origin on this cross-origin fetch: a page the site does not allow learns nothing.
    const origin = req.get("origin");
    if (origin && !isPageAllowed(site.allowedOrigins, origin, req.get("host"))) {
      fail(res, 403, { code: ErrorCode.FORBIDDEN_ORIGIN, message: `This site does not allow chat from ${origin}.` });
      return;
    }
    // The install check, from the widget's own fetch only: on a customer's page it is cross-origin, so the browser
    // sends the Origin, which the site allows (checked above). A request without one (a script, Banter's own demo
    // page) records nothing, whatever Referer it carries: the owner is shown only pages of their own origins.
    // Best effort: the widget must load even when the install check cannot be written.
    if (origin && isOriginAllowed(site.allowedOrigins, origin)) {
      const load = widgetLoadFrom(req.get("referer"), origin, now());
      await store
        .hit(limitKeys.widgetLoadWrites(site.key), 1, widgetLoadEveryMs)
        .then((h) => (h.allowed ? store.recordWidgetLoad(site.key, load) : undefined))
        .catch(() => undefined);
    }
    const config = siteConfig(site);
    // The engage chunk also counts visits and reports behaviour, which a playbook with behaviour rules scores (S7).
    if (!config.engage) {
      config.engage = await playbookOf(site.playbookId, site.playbookVersion).then(usesBehaviour, () => false);
    }
    res.json(config);
  });

  r.get("/demo", (req, res) => {
    if (!demoSiteKey) {
      fail(res, 404, { code: ErrorCode.NOT_FOUND, message: "No demo site." });
      return;
    }
    res.type("html").send(demoPage(serverUrl(req), demoSiteKey));
  });

  // Its Content-Security-Policy, like every header of our own pages, is set in headers.ts.
  r.get("/console", (_req, res) => {
    res.type("html").send(consolePage());
  });

  r.get(["/favicon.svg", "/favicon.ico"], (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=86400");
    res.type("image/svg+xml").send(faviconSvg);
  });

  r.get("/", (_req, res) => res.redirect("/console"));

  return r;
}

// Last in the chain: typed JSON errors for bad bodies, and no stack traces to clients.
export function errorHandler(log: Logger, storeAvailable: () => boolean = () => true) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === "entity.too.large")
      return fail(res, 413, { code: ErrorCode.PAYLOAD_TOO_LARGE, message: "The request body is too large." });
    if (e.type === "entity.parse.failed")
      return fail(res, 400, { code: ErrorCode.BAD_REQUEST, message: "The request body is not valid JSON." });
    if (e.status === 404) return fail(res, 404, { code: ErrorCode.NOT_FOUND, message: "Not found." });
    // Any other refusal of the request itself (an unsupported charset or encoding, an aborted upload).
    if (e.status && e.status >= 400 && e.status < 500) {
      return fail(res, e.status, { code: ErrorCode.BAD_REQUEST, message: "The request could not be read." });
    }
    if (!storeAvailable()) {
      return fail(res, 503, { code: ErrorCode.UNAVAILABLE, message: "Briefly unavailable; try again in a moment." });
    }
    log.error("http handler failed", { err: e.message ?? String(err) });
    fail(res, 500, { code: ErrorCode.INTERNAL, message: "Something went wrong on our side." });
  };
}
