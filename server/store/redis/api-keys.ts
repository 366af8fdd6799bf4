import type { ApiKey, ApiKeysStore } from "../contract/api-keys.ts";
import { lua, parse, type RedisContext } from "./context.ts";

const touchApiKey = lua("touch-api-key-2");

export function redisApiKeys({ client, k, run, getMany }: RedisContext): ApiKeysStore {
  return {
    async putApiKey(key: ApiKey) {
      const { lastUsedAt: _used, ...record } = key;
      await client.multi().set(k.apiKey(key.hash), JSON.stringify(record)).hSet(k.apiKeys(), key.id, key.hash).exec();
    },
    async findApiKey(hash) {
      const key = parse<ApiKey>(await client.get(k.apiKey(hash)));
      if (!key) return null;
      const used = await client.hGet(k.apiKeysUsed(), key.id);
      return used ? { ...key, lastUsedAt: Number(used) } : key;
    },
    async listApiKeys() {
      const [index, used] = await Promise.all([client.hGetAll(k.apiKeys()), client.hGetAll(k.apiKeysUsed())]);
      const keys = await getMany<ApiKey>(Object.values(index), k.apiKey);
      return keys
        .map((key) => (used[key.id] ? { ...key, lastUsedAt: Number(used[key.id]) } : key))
        .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
    },
    async revokeApiKey(id) {
      const hash = await client.hGet(k.apiKeys(), id);
      if (!hash) return false;
      const [deleted] = (await client
        .multi()
        .del(k.apiKey(hash))
        .hDel(k.apiKeys(), id)
        .hDel(k.apiKeysUsed(), id)
        .exec()) as unknown as [number];
      return Number(deleted) > 0;
    },
    async touchApiKey(id, at) {
      await run(touchApiKey, [k.apiKeys(), k.apiKeysUsed()], [id, String(at)]);
    },
  };
}
