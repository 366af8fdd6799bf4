import type { StoreLife } from "../contract/life.ts";
import type { RedisContext } from "./context.ts";

export function redisLife({ client, close }: RedisContext): StoreLife {
  return {
    kind: "redis",
    isAvailable: () => client.isReady,
    async ping() {
      try {
        return client.isReady && (await client.ping()) === "PONG";
      } catch {
        return false;
      }
    },
    close,
  };
}
