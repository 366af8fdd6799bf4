// GET /metrics: Prometheus text. With a token configured, only a scraper that sends it may read.
import { timingSafeEqual } from "node:crypto";
import { Router } from "express";
import { ErrorCode } from "../../shared/protocol/index.ts";
import type { Metrics } from "../metrics.ts";

// Compares without telling, by timing, how much of a guess was right.
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function metricsRoutes(metrics: Metrics, token?: string): Router {
  const r = Router();
  r.get("/metrics", async (req, res) => {
    if (token && !sameSecret(req.get("authorization") ?? "", `Bearer ${token}`)) {
      res.status(401).json({ error: { code: ErrorCode.UNAUTHORIZED, message: "Send the metrics token." } });
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return r;
}
