import type { ApiKeysStore } from "../contract/api-keys.ts";
import { copy, type MemoryState } from "./state.ts";

export function memoryApiKeys({ apiKeys }: MemoryState): ApiKeysStore {
  return {
    async putApiKey(key) {
      const { lastUsedAt: _used, ...record } = key;
      apiKeys.set(key.hash, copy(record));
    },
    async findApiKey(hash) {
      const key = apiKeys.get(hash);
      return key ? copy(key) : null;
    },
    async listApiKeys() {
      return [...apiKeys.values()].sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id)).map(copy);
    },
    async revokeApiKey(id) {
      const key = [...apiKeys.values()].find((k) => k.id === id);
      return key ? apiKeys.delete(key.hash) : false;
    },
    async touchApiKey(id, at) {
      const key = [...apiKeys.values()].find((k) => k.id === id);
      if (key) key.lastUsedAt = at;
    },
  };
}
