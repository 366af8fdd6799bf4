// Turns conversation writes and the console's test button into deliveries, one per subscribed endpoint. Runs
// after the write, off the chat's path: a store error here is logged, never thrown at the visitor or the rep.
import { createHash, randomUUID } from "node:crypto";
import type { WebhookEventType, WebhookPayload } from "../../shared/protocol/index.ts";
import { leadCard } from "../conversation/lead-card.ts";
import type { Logger } from "../log.ts";
import type {
  Conversation,
  ConversationsStore,
  SitesStore,
  WebhookDelivery,
  WebhookEndpoint,
  WebhooksStore,
} from "../store/types.ts";
import { eventsOf } from "./events.ts";

// Deliveries an endpoint's log keeps (older ones go, even if still retrying: a receiver down for a day on a
// busy site must not grow Redis without bound). The console shows the newest 100.
export const deliveriesKept = 1000;

const hash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 32);

// Ids derived from the write that caused the event (conversation and rev), so enqueueing the same event twice
// (a retried step, a second process) is one delivery per endpoint: the store drops the duplicate.
export const eventIdOf = (type: WebhookEventType, c: Conversation) => hash(`${type}|${c.id}|${c.rev}`);
export const deliveryIdOf = (eventId: string, endpointId: string) => hash(`${eventId}|${endpointId}`);

export function createEmitter(deps: {
  store: SitesStore & ConversationsStore & WebhooksStore;
  log: Logger;
  now: () => number;
  enqueued: () => void;
}) {
  const { store, log, now } = deps;

  function delivery(endpoint: WebhookEndpoint, payload: WebhookPayload, conversationId?: string): WebhookDelivery {
    const at = now();
    return {
      ...(conversationId ? { conversationId } : {}),
      id: deliveryIdOf(payload.id, endpoint.id),
      endpointId: endpoint.id,
      siteKey: endpoint.siteKey,
      eventId: payload.id,
      event: payload.type,
      status: "pending",
      attempts: 0,
      createdAt: at,
      nextAttemptAt: at,
      body: JSON.stringify(payload),
    };
  }

  async function emit(before: Conversation, after: Conversation): Promise<void> {
    const types = eventsOf(before, after);
    if (types.length === 0) return;
    const endpoints = (await store.listWebhooks(after.siteKey)).filter((e) => e.enabled);
    if (endpoints.length === 0) return;
    const lead = leadCard(after, await store.getSite(after.siteKey), now());
    // Erased meanwhile (an owner's erasure closes the conversation, then deletes it): nothing is sent about it.
    if (!(await store.getConversation(after.id))) return;
    for (const type of types) {
      const payload: WebhookPayload = {
        id: eventIdOf(type, after),
        type,
        createdAt: after.updatedAt,
        siteKey: after.siteKey,
        data: { lead },
      };
      for (const e of endpoints.filter((x) => x.events.includes(type))) {
        await store.enqueueDelivery(delivery(e, payload, after.id), deliveriesKept);
      }
    }
    deps.enqueued();
  }

  return {
    // Called by the conversation service after each write it won. Never rejects: the promise only says when
    // the enqueue is done (a stopping process waits for it).
    written(before: Conversation, after: Conversation): Promise<void> {
      return emit(before, after).catch((err: unknown) =>
        log.error("webhook enqueue failed", {
          conversationId: after.id,
          err: err instanceof Error ? err.message : String(err),
        }),
      );
    },

    // The console's "Send test event": a sample lead, delivered like any other event (retries included).
    async test(endpoint: WebhookEndpoint, siteName: string): Promise<WebhookDelivery> {
      const at = now();
      const payload: WebhookPayload = {
        id: randomUUID().replaceAll("-", ""),
        type: "webhook.test",
        createdAt: at,
        siteKey: endpoint.siteKey,
        data: { lead: sampleLead(endpoint.siteKey, siteName, at) },
      };
      const d = delivery(endpoint, payload);
      await store.enqueueDelivery(d, deliveriesKept);
      deps.enqueued();
      return d;
    },
  };
}

export type Emitter = ReturnType<typeof createEmitter>;

function sampleLead(siteKey: string, siteName: string, at: number): WebhookPayload["data"]["lead"] {
  return {
    conversationId: "test",
    siteKey,
    siteName,
    status: "queued",
    qualification: {
      score: 80,
      tier: "hot",
      stage: "sql",
      reasons: [{ slot: "budget", points: 30, reason: "Budget: $50k" }],
    },
    answers: [{ slot: "budget", label: "Budget", answer: "$50k", words: "about 50k" }],
    pageTrail: ["https://example.com/pricing"],
    email: "test@example.com",
    createdAt: at,
    queuedAt: at,
  };
}
