import type { WebhookDelivery, WebhookEndpoint, WebhooksStore } from "../contract/webhooks.ts";
import { aboutConversation, lua, parse, type RedisContext } from "./context.ts";

const addWebhook = lua("add-webhook-2");
const enqueueDelivery = lua("enqueue-delivery-5");
const claimDeliveries = lua("claim-deliveries-1");
const finishDelivery = lua("finish-delivery-2");

export function redisWebhooks({
  client,
  k,
  siteOf,
  run,
  retentionSeconds,
  getMany,
  updateRecord,
}: RedisContext): WebhooksStore {
  const conversationCheck = (id: string | undefined) => aboutConversation({ client, k, siteOf }, id);
  return {
    async addWebhook(endpoint, max) {
      const keyList = [k.webhook(endpoint.siteKey, endpoint.id), k.webhooks(endpoint.siteKey)];
      return Number(await run(addWebhook, keyList, [endpoint.id, JSON.stringify(endpoint), String(max)])) === 1;
    },
    async updateWebhook(siteKey, id, change) {
      return updateRecord<WebhookEndpoint>(k.webhook(siteKey, id), (e) => {
        const next = change(e);
        return next && { ...next, id, siteKey };
      });
    },
    async getWebhook(siteKey, id) {
      return parse<WebhookEndpoint>(await client.get(k.webhook(siteKey, id)));
    },
    async listWebhooks(siteKey) {
      const all = await getMany<WebhookEndpoint>(await client.sMembers(k.webhooks(siteKey)), (id) =>
        k.webhook(siteKey, id),
      );
      return all.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    },
    async removeWebhook(siteKey, id) {
      const logged = await client.zRange(k.webhookLog(siteKey, id), 0, -1);
      const m = client.multi().del(k.webhook(siteKey, id)).sRem(k.webhooks(siteKey), id).del(k.webhookLog(siteKey, id));
      if (logged.length > 0) m.del(logged.map(k.webhookDelivery)).zRem(k.webhookDue(), logged);
      const [deleted] = (await m.exec()) as unknown as [number];
      return Number(deleted) > 0;
    },

    async enqueueDelivery(d, keep) {
      // On a cluster the conversation is in its site's slot, the deliveries in the install's (keys.ts): it is
      // checked just before. An erasure between the check and the write leaves a delivery the erasure's own
      // cleanup may miss; on a single Redis the script checks in the same step.
      const about = await conversationCheck(d.conversationId);
      if (about === null) return false;
      const keyList = [
        k.webhookDelivery(d.id),
        k.webhookDue(),
        k.webhookLog(d.siteKey, d.endpointId),
        k.conversationDeliveries(d.conversationId ?? "-"),
        k.cluster ? k.webhookDue() : k.conversation(d.conversationId ?? "-"),
      ];
      const args = [
        d.id,
        JSON.stringify(d),
        String(d.nextAttemptAt ?? d.createdAt),
        String(d.createdAt),
        String(keep),
        String(retentionSeconds),
        k.webhookDelivery(""),
        about,
      ];
      return Number(await run(enqueueDelivery, keyList, args)) === 1;
    },
    async getDelivery(id) {
      return parse<WebhookDelivery>(await client.get(k.webhookDelivery(id)));
    },
    async claimDeliveries(now, leaseUntil, limit) {
      const ids = (await run(
        claimDeliveries,
        [k.webhookDue()],
        [String(now), String(leaseUntil), String(limit)],
      )) as string[];
      if (ids.length === 0) return [];
      const values = await client.mGet(ids.map(k.webhookDelivery));
      // A record that expired or was trimmed off its log leaves a due entry behind: it is dropped when found.
      const gone = ids.filter((_, i) => values[i] === null);
      if (gone.length > 0) await client.zRem(k.webhookDue(), gone);
      return values.flatMap((v) => {
        const delivery = parse<WebhookDelivery>(v);
        return delivery ? [{ delivery, claim: leaseUntil }] : [];
      });
    },
    async finishDelivery(d, claim) {
      const next = d.status === "pending" && d.nextAttemptAt !== undefined ? String(d.nextAttemptAt) : "";
      const args = [d.id, String(claim), JSON.stringify(d), next, String(retentionSeconds)];
      return Number(await run(finishDelivery, [k.webhookDelivery(d.id), k.webhookDue()], args)) === 1;
    },
    async listDeliveries(siteKey, endpointId, limit) {
      const ids = await client.zRange(k.webhookLog(siteKey, endpointId), 0, limit - 1, { REV: true });
      return getMany<WebhookDelivery>(ids, k.webhookDelivery);
    },
    async deliveryBacklog() {
      return client.zCard(k.webhookDue());
    },
  };
}
