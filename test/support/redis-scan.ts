// Every key under a prefix whose name or content (string, hash, set, sorted set, list) contains one of `needles`:
// what an erasure must leave none of.
import { createClient } from "redis";

export async function keysMentioning(url: string, prefix: string, needles: string[]): Promise<string[]> {
  const client = createClient({ url });
  await client.connect();
  const found = new Set<string>();
  try {
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
  } finally {
    await client.close();
  }
  return [...found].sort();
}
