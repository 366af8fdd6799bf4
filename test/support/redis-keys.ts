// Deletes every key under a prefix (tests and the bench each write under a unique one).
import { createClient } from "redis";

export async function deleteKeysAt(url: string, prefix: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (batch.length > 0) await client.del(batch);
  }
  await client.close();
}
