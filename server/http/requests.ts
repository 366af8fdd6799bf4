// Every HTTP request gets an id (the caller's X-Request-Id when it is a sane one, so a proxy's id carries
// through), echoed in the response and on every log line written while handling it. API calls are logged once
// when they end; static files and probes are not (widget.js loads on every page view of every customer site).
// While the process drains (drain.ts), new requests are turned away with 503 so a load balancer retries elsewhere.
import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { ErrorCode } from "../../shared/protocol/index.ts";
import type { Drain } from "../drain.ts";
import { type Logger, withLogFields } from "../log.ts";

const saneId = /^[\w.:-]{1,64}$/;

export function requests(log: Logger, drain: Drain) {
  return (req: Request, res: Response, next: NextFunction) => {
    const given = req.get("x-request-id");
    const requestId = given && saneId.test(given) ? given : randomUUID();
    res.setHeader("X-Request-Id", requestId);
    if (drain.draining) {
      res.setHeader("Connection", "close");
      res
        .status(503)
        .json({ error: { code: ErrorCode.UNAVAILABLE, message: "This server is restarting; try again." } });
      return;
    }
    const started = process.hrtime.bigint();
    const api = req.path.startsWith("/api/");
    // API answers are per user and some carry secrets shown once (a new API key, a webhook's signing secret):
    // never kept by a browser or a proxy. A route that wants caching says so itself.
    if (api) res.setHeader("Cache-Control", "no-store");
    // The path only: query strings can hold search terms (names, emails).
    const path = req.path;
    void drain.track(
      () =>
        new Promise<void>((resolve) => {
          res.once("close", () => {
            if (api || res.statusCode >= 500) {
              const ms = Number(process.hrtime.bigint() - started) / 1e6;
              withLogFields({ requestId }, () =>
                log.info("request", {
                  method: req.method,
                  path,
                  status: res.statusCode,
                  ms: Math.round(ms * 10) / 10,
                  // Which API key made the request (its id, never the key), set by the API-key check.
                  apiKeyId: typeof res.locals.apiKeyId === "string" ? res.locals.apiKeyId : undefined,
                }),
              );
            }
            resolve();
          });
          withLogFields({ requestId }, next);
        }),
    );
  };
}
