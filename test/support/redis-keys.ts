// Deletes every key under a prefix (tests and the bench each write under a unique one), on one Redis or on every
// master of a cluster (SCAN names no key, so each node is scanned on its own).
import { createClient, createCluster } from "redis";
import type { RedisTarget } from "../../server/store/redis/context.ts";

export async function deleteKeysAt(target: RedisTarget, prefix: string): Promise<void> {
  if (typeof target === "string") {
    const client = await createClient({ url: target }).connect();
    await deleteOn(client, prefix);
    await client.close();
    return;
  }
  const cluster = await createCluster({ rootNodes: target.cluster.map((url) => ({ url })) }).connect();
  for (const master of cluster.masters) await deleteOn((await cluster.nodeClient(master)) as unknown as Node, prefix);
  await cluster.close();
}

interface Node {
  scanIterator(options: { MATCH: string; COUNT: number }): AsyncIterable<string[]>;
  del(key: string): Promise<number>;
}

async function deleteOn(client: Node, prefix: string): Promise<void> {
  for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    // One key at a time: on a cluster node the keys of a batch are in different slots.
    if (batch.length > 0) await Promise.all(batch.map((key) => client.del(key)));
  }
}
