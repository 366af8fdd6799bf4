import type { WebhookEndpoint, WebhooksStore } from "../contract/webhooks.ts";
import { copy, type MemoryState, setOf } from "./state.ts";

export function memoryWebhooks({
  webhooks,
  deliveries,
  deliveryLogs,
  deliveryDue,
  conversations,
}: MemoryState): WebhooksStore {
  return {
    async addWebhook(endpoint, max) {
      const site = setOf(webhooks, endpoint.siteKey, () => new Map<string, WebhookEndpoint>());
      if (site.size >= max) return false;
      site.set(endpoint.id, copy(endpoint));
      return true;
    },
    async updateWebhook(siteKey, id, change) {
      const current = webhooks.get(siteKey)?.get(id);
      const next = current ? change(copy(current)) : null;
      if (!current || !next) return null;
      const stored = { ...copy(next), id, siteKey, rev: (current.rev ?? 0) + 1 };
      webhooks.get(siteKey)?.set(id, stored);
      return copy(stored);
    },
    async getWebhook(siteKey, id) {
      const e = webhooks.get(siteKey)?.get(id);
      return e ? copy(e) : null;
    },
    async listWebhooks(siteKey) {
      return [...(webhooks.get(siteKey)?.values() ?? [])]
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
        .map(copy);
    },
    async removeWebhook(siteKey, id) {
      const removed = webhooks.get(siteKey)?.delete(id) ?? false;
      for (const d of deliveryLogs.get(`${siteKey}|${id}`) ?? []) {
        deliveries.delete(d);
        deliveryDue.delete(d);
      }
      deliveryLogs.delete(`${siteKey}|${id}`);
      return removed;
    },

    async enqueueDelivery(d, keep) {
      if (deliveries.has(d.id)) return false;
      // As with Redis: nothing is enqueued about a conversation that is gone (erased).
      if (d.conversationId && !conversations.has(d.conversationId)) return false;
      deliveries.set(d.id, copy(d));
      deliveryDue.set(d.id, d.nextAttemptAt ?? d.createdAt);
      const log = setOf(deliveryLogs, `${d.siteKey}|${d.endpointId}`, () => []);
      log.push(d.id);
      for (const old of log.splice(0, Math.max(0, log.length - keep))) {
        deliveries.delete(old);
        deliveryDue.delete(old);
      }
      return true;
    },
    async getDelivery(id) {
      const d = deliveries.get(id);
      return d ? copy(d) : null;
    },
    async claimDeliveries(t, leaseUntil, limit) {
      const ready = [...deliveryDue.entries()]
        .filter(([, at]) => at <= t)
        .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
        .slice(0, limit);
      return ready.flatMap(([id]) => {
        const delivery = deliveries.get(id);
        if (!delivery) {
          deliveryDue.delete(id);
          return [];
        }
        deliveryDue.set(id, leaseUntil);
        return [{ delivery: copy(delivery), claim: leaseUntil }];
      });
    },
    async finishDelivery(d, claim) {
      if (deliveryDue.get(d.id) !== claim) return false;
      if (!deliveries.has(d.id)) {
        deliveryDue.delete(d.id);
        return false;
      }
      deliveries.set(d.id, copy(d));
      if (d.status === "pending" && d.nextAttemptAt !== undefined) deliveryDue.set(d.id, d.nextAttemptAt);
      else deliveryDue.delete(d.id);
      return true;
    },
    async listDeliveries(siteKey, endpointId, limit) {
      return (deliveryLogs.get(`${siteKey}|${endpointId}`) ?? [])
        .slice(-limit)
        .reverse()
        .flatMap((id) => {
          const d = deliveries.get(id);
          return d ? [copy(d)] : [];
        });
    },
    async deliveryBacklog() {
      return deliveryDue.size;
    },
  };
}
