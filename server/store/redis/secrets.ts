import type { SecretsStore } from "../contract/secrets.ts";
import type { RedisContext } from "./context.ts";

export function redisSecrets({ client, k }: RedisContext): SecretsStore {
  return {
    async getOrCreateSecret(name, create) {
      await client.set(k.secret(name), create(), { condition: "NX" });
      return (await client.get(k.secret(name))) ?? "";
    },
    getSecret: (name) => client.get(k.secret(name)),
  };
}
