// Webhook endpoints of a site, and the deliveries of events to them (server/webhooks/).
import type { WebhookDeliveryView, WebhookEndpointView } from "../../../shared/protocol/index.ts";

// A site's webhook endpoint: the owner's view of it plus a compare-and-set counter.
export interface WebhookEndpoint extends WebhookEndpointView {
  rev?: number;
}

// One event to one endpoint, with the exact body every attempt posts (its signature covers these bytes).
export interface WebhookDelivery extends WebhookDeliveryView {
  siteKey: string;
  body: string;
  // The conversation the event is about (absent for a test event): erasing its visitor erases the delivery.
  conversationId?: string;
}

export interface WebhooksStore {
  // Stores a new endpoint unless the site has `max` already (false).
  addWebhook(endpoint: WebhookEndpoint, max: number): Promise<boolean>;
  // Read-modify-write by rev, like updateSite; null when the endpoint is gone.
  updateWebhook(
    siteKey: string,
    id: string,
    change: (e: WebhookEndpoint) => WebhookEndpoint | null,
  ): Promise<WebhookEndpoint | null>;
  getWebhook(siteKey: string, id: string): Promise<WebhookEndpoint | null>;
  // Oldest first.
  listWebhooks(siteKey: string): Promise<WebhookEndpoint[]>;
  // Removes the endpoint with its delivery log and every delivery still waiting for it.
  removeWebhook(siteKey: string, id: string): Promise<boolean>;

  // Enqueue is one atomic write: the delivery, its due time and its place in the endpoint's log (which keeps the
  // newest `keep`); false when a delivery with this id was enqueued before (a duplicate), or when the conversation
  // it is about is gone (an erasure wins over an event racing it).
  enqueueDelivery(delivery: WebhookDelivery, keep: number): Promise<boolean>;
  getDelivery(id: string): Promise<WebhookDelivery | null>;
  // Takes up to `limit` deliveries due at `now`, each by one caller across every process: a taken delivery is
  // due again at `leaseUntil` (a claim that dies with its process is retried then). `claim` identifies the take.
  claimDeliveries(
    now: number,
    leaseUntil: number,
    limit: number,
  ): Promise<{ delivery: WebhookDelivery; claim: number }[]>;
  // Records an attempt, only while the claim is still held: due again at delivery.nextAttemptAt while pending,
  // off the due set otherwise. False (nothing written) when the lease ran out and someone else took it.
  finishDelivery(delivery: WebhookDelivery, claim: number): Promise<boolean>;
  // An endpoint's log, newest first.
  listDeliveries(siteKey: string, endpointId: string, limit: number): Promise<WebhookDelivery[]>;
  // Deliveries waiting for an attempt, across every site (a metrics gauge).
  deliveryBacklog(): Promise<number>;
}
