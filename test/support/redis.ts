// Per-test Redis stores: each gets a unique key prefix and its keys are deleted afterwards.
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import type { RedisTarget } from "../../server/store/redis/context.ts";
import { createRedisStore } from "../../server/store/redis-store.ts";
import type { Store } from "../../server/store/types.ts";
import { deleteKeysAt } from "./redis-keys.ts";

export const redisUrl = (): string => inject("redisUrl");
// The test Redis Cluster (global-setup.ts).
export const redisCluster = (): RedisTarget => ({ cluster: inject("redisClusterUrls") });

export function uniquePrefix(): string {
  return `banter-test:${randomUUID().slice(0, 8)}:`;
}

export async function redisTestStore(
  target: RedisTarget = redisUrl(),
): Promise<{ store: Store; prefix: string; cleanup(): Promise<void> }> {
  const prefix = uniquePrefix();
  const store = await createRedisStore(target, prefix);
  return {
    store,
    prefix,
    async cleanup() {
      await store.close();
      await deleteKeysAt(target, prefix);
    },
  };
}
