// Per-test Redis stores: each gets a unique key prefix and its keys are deleted afterwards.
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { createRedisStore } from "../../server/store/redis-store.ts";
import type { Store } from "../../server/store/types.ts";
import { deleteKeysAt } from "./redis-keys.ts";

export const redisUrl = (): string => inject("redisUrl");

export function uniquePrefix(): string {
  return `banter-test:${randomUUID().slice(0, 8)}:`;
}

export async function redisTestStore(): Promise<{ store: Store; prefix: string; cleanup(): Promise<void> }> {
  const prefix = uniquePrefix();
  const store = await createRedisStore(redisUrl(), prefix);
  return {
    store,
    prefix,
    async cleanup() {
      await store.close();
      await deleteKeysAt(redisUrl(), prefix);
    },
  };
}
