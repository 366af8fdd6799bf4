import type { SecretsStore } from "../contract/secrets.ts";
import { type MemoryState, setOf } from "./state.ts";

export function memorySecrets({ secrets }: MemoryState): SecretsStore {
  return {
    async getOrCreateSecret(name, create) {
      return setOf(secrets, name, create);
    },
    async getSecret(name) {
      return secrets.get(name) ?? null;
    },
  };
}
