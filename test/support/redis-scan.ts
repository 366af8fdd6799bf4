// Every key under a prefix whose name or content (string, hash, set, sorted set, list) contains one of `needles`:
// what an erasure must leave none of. On a cluster, every master is scanned.
import { createClient, createCluster } from "redis";
import type { RedisTarget } from "../../server/store/redis/context.ts";

export async function keysMentioning(target: RedisTarget, prefix: string, needles: string[]): Promise<string[]> {
  if (typeof target === "string") {
    const client = await createClient({ url: target }).connect();
    try {
      return await mentioning(client as unknown as Node, prefix, needles);
    } finally {
      await client.close();
    }
  }
  const cluster = await createCluster({ rootNodes: target.cluster.map((url) => ({ url })) }).connect();
  try {
    const found: string[] = [];
    for (const master of cluster.masters)
      found.push(...(await mentioning((await cluster.nodeClient(master)) as unknown as Node, prefix, needles)));
    return found.sort();
  } finally {
    await cluster.close();
  }
}

type Node = ReturnType<typeof createClient>;

async function mentioning(client: Node, prefix: string, needles: string[]): Promise<string[]> {
  const found = new Set<string>();
  for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    for (const key of batch) {
      const type = await client.type(key);
      const content =
        type === "string"
          ? [(await client.get(key)) ?? ""]
          : type === "hash"
            ? Object.entries(await client.hGetAll(key)).flat()
            : type === "set"
              ? await client.sMembers(key)
              : type === "zset"
                ? await client.zRange(key, 0, -1)
                : type === "list"
                  ? await client.lRange(key, 0, -1)
                  : [`unknown type ${type}`];
      for (const text of [key, ...content]) {
        if (needles.some((n) => text.toLowerCase().includes(n.toLowerCase()))) found.add(key);
      }
    }
  }
  return [...found].sort();
}
