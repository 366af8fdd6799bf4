// The store contract's suite (test/integration/store-contract/, one file per area) runs every test against every
// store (memory, kept on disk, one Redis, a Redis Cluster): these make them, and the records the tests share.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryStore, openPersistentStore } from "../../server/store/memory-store.ts";
import type { Conversation, MessageDraft, Store, WebhookDelivery, WebhookEndpoint } from "../../server/store/types.ts";
import { defaultPlaybook, start } from "../../shared/engine/index.ts";
import type { Tier } from "../../shared/protocol/index.ts";
import { redisCluster, redisTestStore } from "./redis.ts";

type StoreFactory = () => Promise<{ store: Store; cleanup(): Promise<void> }>;

// The embedded store kept on disk, in a directory of its own. `restarted`: closed (flushed, a snapshot written) and
// opened again from its files before every call that finds no other call running, so whatever a test reads must
// have come back from disk; calls made together (Promise.all) still run together on one opening.
async function diskTestStore(restarted: boolean) {
  const dir = mkdtempSync(join(tmpdir(), "banter-data-"));
  let inner = await openPersistentStore(dir);
  let running = 0;
  let ready: Promise<void> = Promise.resolve();
  const restart = async () => {
    await inner.close();
    inner = await openPersistentStore(dir);
  };
  const sync = ["close", "isAvailable", "durable"];
  const store = !restarted
    ? inner
    : new Proxy({} as Store, {
        get(_, name: keyof Store) {
          const member = inner[name];
          if (typeof member !== "function" || sync.includes(name)) return member;
          return async (...args: unknown[]) => {
            if (running === 0) ready = ready.then(restart);
            running++;
            try {
              await ready;
              return await (inner[name] as (...a: unknown[]) => Promise<unknown>)(...args);
            } finally {
              running--;
            }
          };
        },
      });
  return {
    store,
    async cleanup() {
      await ready;
      await inner.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const restartedName = "persistent, restarted between calls";

export const storeFactories: [string, StoreFactory][] = [
  ["memory", async () => ({ store: createMemoryStore(), cleanup: async () => {} })],
  ["redis", () => redisTestStore()],
  ["cluster", () => redisTestStore(redisCluster())],
  ["persistent", () => diskTestStore(false)],
  [restartedName, () => diskTestStore(true)],
];

// Rate windows, slots and console tabs are not kept across a restart (transientMaps, server/store/memory/state.ts):
// their tests run on the stores that are not restarted under them.
export const unrestartedFactories = storeFactories.filter(([name]) => name !== restartedName);

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
