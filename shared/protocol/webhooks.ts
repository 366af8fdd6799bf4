// HTTP: the Webhooks API (/api/sites/:key/webhooks), for site owners, and the payload Banter posts to their
// endpoints (docs/webhooks.md). Times are epoch milliseconds.
import type { LeadCard } from "./lead.ts";

// What an endpoint can subscribe to, in the order the console lists them.
export const webhookEvents = [
  "lead.qualified",
  "handoff.requested",
  "handoff.accepted",
  "handoff.missed",
  "conversation.closed",
  "lead.status_changed",
  "conversation.rated",
  "lead.reengaged",
] as const;

export type WebhookEvent = (typeof webhookEvents)[number];
// "webhook.test" is sent by the console's "Send test event" button, whatever the endpoint subscribes to.
export type WebhookEventType = WebhookEvent | "webhook.test";

// Endpoints per site.
export const maxWebhooksPerSite = 10;

// The JSON body of every delivery. `id` is the event's: the same in every endpoint's delivery of it.
export interface WebhookPayload {
  id: string;
  type: WebhookEventType;
  createdAt: number;
  siteKey: string;
  data: { lead: LeadCard };
}

// One endpoint as the owner sees it, secret included (owner-only API; shown behind a button in the console).
export interface WebhookEndpointView {
  id: string;
  siteKey: string;
  url: string;
  events: WebhookEvent[];
  enabled: boolean;
  secret: string;
  createdAt: number;
  // Why Banter turned the endpoint off by itself (the receiver answered 410 Gone).
  disabledReason?: string;
}

export type DeliveryStatus = "pending" | "succeeded" | "failed";

// One row of an endpoint's delivery log.
export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  eventId: string;
  event: WebhookEventType;
  status: DeliveryStatus;
  attempts: number;
  createdAt: number;
  lastAttemptAt?: number;
  // While pending: when the next attempt is due.
  nextAttemptAt?: number;
  // The receiver's HTTP status of the last attempt, if it answered.
  responseCode?: number;
  // Why the last attempt failed, in a few words ("HTTP 500", "the endpoint did not answer (...)", "refused: ...").
  lastError?: string;
  durationMs?: number;
}

// POST /api/sites/:key/webhooks (url required), PUT .../webhooks/:id (any field).
export interface WebhookEndpointInput {
  url?: string;
  events?: WebhookEvent[];
  enabled?: boolean;
}

// GET .../webhooks
export interface WebhookEndpointList {
  endpoints: WebhookEndpointView[];
}

// POST, PUT .../webhooks/:id, POST .../webhooks/:id/secret
export interface WebhookEndpointResult {
  endpoint: WebhookEndpointView;
}

// GET .../webhooks/:id/deliveries (newest first), POST .../webhooks/:id/test (the delivery enqueued)
export interface WebhookDeliveryList {
  deliveries: WebhookDeliveryView[];
}
export interface WebhookDeliveryResult {
  delivery: WebhookDeliveryView;
}
