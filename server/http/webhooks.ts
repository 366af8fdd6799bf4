// Webhook endpoints for the owner: list, add, edit, remove, rotate the secret, send a test event, read the
// delivery log. Mounted under a site like the Sites API; the secret is shown only here, to the owner.
import { randomUUID } from "node:crypto";
import express, { type Request, type Response, Router } from "express";
import {
  ErrorCode,
  maxWebhooksPerSite,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  webhookEvents,
} from "../../shared/protocol/index.ts";
import type {
  AccountsStore,
  Site,
  SitesStore,
  WebhookDelivery,
  WebhookEndpoint,
  WebhooksStore,
} from "../store/types.ts";
import type { Emitter } from "../webhooks/emitter.ts";
import { endpointSchemas } from "../webhooks/schema.ts";
import { newSecret } from "../webhooks/sign.ts";
import type { AllowedNetworks } from "../webhooks/targets.ts";
import { requireUser } from "./auth.ts";
import { refuseInvalid } from "./forms.ts";

// The log rows the console shows, newest first.
const logRows = 100;

export function webhookRoutes(
  store: AccountsStore & SitesStore & WebhooksStore,
  emitter: Emitter,
  // Internal networks the operator lets endpoints point at (WEBHOOKS_ALLOW_NETWORKS); empty: public addresses only.
  allowNetworks: AllowedNetworks,
  now: () => number = Date.now,
): Router {
  const r = Router();
  const schemas = endpointSchemas(allowNetworks);
  const owner = requireUser(store, "owner");
  const body = express.json({ limit: "8kb" });

  function notFound(res: Response, code: ErrorCode, message: string) {
    res.status(404).json({ error: { code, message } });
  }

  async function siteOr404(req: Request, res: Response): Promise<Site | null> {
    const site = await store.getSite(String(req.params.key).slice(0, 64));
    if (!site) notFound(res, ErrorCode.UNKNOWN_SITE, "No such site.");
    return site;
  }

  async function endpointOr404(req: Request, res: Response): Promise<WebhookEndpoint | null> {
    const site = await siteOr404(req, res);
    if (!site) return null;
    const endpoint = await store.getWebhook(site.key, String(req.params.id).slice(0, 64));
    if (!endpoint) notFound(res, ErrorCode.NOT_FOUND, "No such webhook endpoint.");
    return endpoint;
  }

  r.get("/api/sites/:key/webhooks", owner, async (req, res) => {
    const site = await siteOr404(req, res);
    if (site) res.json({ endpoints: (await store.listWebhooks(site.key)).map(endpointView) });
  });

  r.post("/api/sites/:key/webhooks", owner, body, async (req, res) => {
    const parsed = schemas.create.safeParse(req.body);
    if (!parsed.success) return refuseInvalid(res, parsed.error);
    const site = await siteOr404(req, res);
    if (!site) return;
    const endpoint: WebhookEndpoint = {
      id: randomUUID(),
      siteKey: site.key,
      url: parsed.data.url,
      events: parsed.data.events ?? [...webhookEvents],
      enabled: parsed.data.enabled ?? true,
      secret: newSecret(),
      createdAt: now(),
    };
    if (!(await store.addWebhook(endpoint, maxWebhooksPerSite))) {
      res.status(409).json({
        error: {
          code: ErrorCode.CONFLICT,
          message: `A site can have at most ${maxWebhooksPerSite} webhook endpoints.`,
        },
      });
      return;
    }
    res.status(201).json({ endpoint: endpointView(endpoint) });
  });

  r.put("/api/sites/:key/webhooks/:id", owner, body, async (req, res) => {
    const parsed = schemas.update.safeParse(req.body);
    if (!parsed.success) return refuseInvalid(res, parsed.error);
    const found = await endpointOr404(req, res);
    if (!found) return;
    const next = await store.updateWebhook(found.siteKey, found.id, (e) => {
      const updated = { ...e, ...parsed.data };
      // Turning an endpoint back on clears why Banter had turned it off.
      if (parsed.data.enabled) delete updated.disabledReason;
      return updated;
    });
    if (!next) return notFound(res, ErrorCode.NOT_FOUND, "No such webhook endpoint.");
    res.json({ endpoint: endpointView(next) });
  });

  r.delete("/api/sites/:key/webhooks/:id", owner, async (req, res) => {
    const found = await endpointOr404(req, res);
    if (!found) return;
    await store.removeWebhook(found.siteKey, found.id);
    res.status(204).end();
  });

  // A new secret at once: deliveries still retrying are signed with it from their next attempt.
  r.post("/api/sites/:key/webhooks/:id/secret", owner, async (req, res) => {
    const found = await endpointOr404(req, res);
    if (!found) return;
    const next = await store.updateWebhook(found.siteKey, found.id, (e) => ({ ...e, secret: newSecret() }));
    if (!next) return notFound(res, ErrorCode.NOT_FOUND, "No such webhook endpoint.");
    res.json({ endpoint: endpointView(next) });
  });

  // Enqueues a webhook.test event, delivered by the worker like any other (202): its outcome shows in the log.
  r.post("/api/sites/:key/webhooks/:id/test", owner, async (req, res) => {
    const found = await endpointOr404(req, res);
    if (!found) return;
    const site = await store.getSite(found.siteKey);
    const delivery = await emitter.test(found, site?.name ?? found.siteKey);
    res.status(202).json({ delivery: deliveryView(delivery) });
  });

  r.get("/api/sites/:key/webhooks/:id/deliveries", owner, async (req, res) => {
    const found = await endpointOr404(req, res);
    if (!found) return;
    const deliveries = await store.listDeliveries(found.siteKey, found.id, logRows);
    res.json({ deliveries: deliveries.map(deliveryView) });
  });

  return r;
}

function endpointView({ rev: _rev, ...e }: WebhookEndpoint): WebhookEndpointView {
  return e;
}

// The log never carries the body: it holds the lead's personal data, and the receiver has it already.
function deliveryView({
  body: _body,
  siteKey: _siteKey,
  conversationId: _conversationId,
  ...d
}: WebhookDelivery): WebhookDeliveryView {
  return d;
}
