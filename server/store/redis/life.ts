import type { StoreLife } from "../contract/life.ts";
import type { RedisContext } from "./context.ts";

export function redisLife({ client, close }: RedisContext): StoreLife {
  return {
    kind: "redis",
    isAvailable: () => client.isReady,
    // What Redis keeps is Redis's own setting (its persistence, docs/deployment.md).
    durable: () => true,
    close,
  };
}
