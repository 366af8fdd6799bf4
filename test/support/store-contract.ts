// The store contract's suite (test/integration/store-contract/, one file per area) runs every test against both
// stores: these make them, and the records the tests share.
import { createMemoryStore } from "../../server/store/memory-store.ts";
import type { Conversation, MessageDraft, Store, WebhookDelivery, WebhookEndpoint } from "../../server/store/types.ts";
import { defaultPlaybook, start } from "../../shared/engine/index.ts";
import type { Tier } from "../../shared/protocol/index.ts";
import { redisTestStore } from "./redis.ts";

export const storeFactories: [string, () => Promise<{ store: Store; cleanup(): Promise<void> }>][] = [
  ["memory", async () => ({ store: createMemoryStore(), cleanup: async () => {} })],
  ["redis", redisTestStore],
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

// A conversation as the bot leaves it: its tier, and the contact it collected.
export function lead(
  id: string,
  createdAt: number,
  o: { tier?: Tier; email?: string; name?: string; visitor?: string; site?: string } = {},
): Conversation {
  const c = { ...conversation(id, o.visitor ?? `v-${id}`), createdAt, siteKey: o.site ?? "site1" };
  const slots = { ...c.engine.slots };
  if (o.email) {
    slots.email = {
      slot: "email",
      questionId: "email",
      label: "Email",
      order: 1,
      value: { kind: "email", email: o.email },
      display: o.email,
      words: o.email,
    } as (typeof slots)[string];
  }
  if (o.name) {
    slots.name = {
      slot: "name",
      questionId: "name",
      label: "Name",
      order: 0,
      value: { kind: "text", text: o.name },
      display: o.name,
      words: o.name,
    } as (typeof slots)[string];
  }
  const qualification = { ...c.engine.qualification, tier: o.tier ?? "cold" };
  return { ...c, engine: { ...c.engine, slots, qualification } };
}
