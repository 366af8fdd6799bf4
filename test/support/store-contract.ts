// The store contract's suite (test/integration/store-contract/, one file per area) runs every test against every
// store (memory, one Redis, a Redis Cluster): these make them, and the records the tests share.
import { createMemoryStore } from "../../server/store/memory-store.ts";
import type { Conversation, MessageDraft, Store, WebhookDelivery, WebhookEndpoint } from "../../server/store/types.ts";
import { defaultPlaybook, start } from "../../shared/engine/index.ts";
import { redisCluster, redisTestStore } from "./redis.ts";

export const storeFactories: [string, () => Promise<{ store: Store; cleanup(): Promise<void> }>][] = [
  ["memory", async () => ({ store: createMemoryStore(), cleanup: async () => {} })],
  ["redis", () => redisTestStore()],
  ["cluster", () => redisTestStore(redisCluster())],
];

export function endpoint(id: string, createdAt = 1): WebhookEndpoint {
  return {
    id,
    siteKey: "site1",
    url: "https://hooks.example/in",
    events: ["lead.qualified"],
    enabled: true,
    secret: "s",
    createdAt,
  };
}

export function delivery(id: string, at: number, endpointId = "e1"): WebhookDelivery {
  const base = { id, endpointId, siteKey: "site1", eventId: `ev-${id}`, event: "lead.qualified" as const };
  return { ...base, status: "pending", attempts: 0, createdAt: at, nextAttemptAt: at, body: `{"id":"${id}"}` };
}

// A line of conversation c1.
export function line(clientId: string, text: string, author: "visitor" | "bot" = "bot"): MessageDraft {
  return { conversationId: "c1", clientId, author, text, at: 1 };
}

export function conversation(id: string, visitorId = `v-${id}`): Conversation {
  return {
    id,
    siteKey: "site1",
    visitorId,
    status: "bot",
    engine: start(defaultPlaybook).state,
    createdAt: 1,
    updatedAt: 1,
    rev: 0,
  };
}
