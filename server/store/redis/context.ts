// What every area of the Redis store shares: one client and its life (reconnects, the watchdog, closing), the
// key builder, the Lua scripts, and the few ways records are read and written.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createClient, createCluster } from "redis";
import { BanterError, ErrorCode } from "../../../shared/protocol/index.ts";
import type { Logger } from "../../log.ts";
import { keys as buildKeys, type Keys } from "../keys.ts";
import { watchRedis } from "../redis-watchdog.ts";

// One client type for both: the commands the store sends are routed by their first key on a cluster. The cluster's
// own API (masters, nodeClient) is only needed where a command names no key (SCAN, in the tests).
type Client = ReturnType<typeof createClient>;

// Where Redis is: one server's URL (REDIS_URL), or a Redis Cluster named by some of its nodes (REDIS_CLUSTER_URLS,
// comma-separated; the client finds the others).
export type RedisTarget = string | { cluster: string[] };

export const isCluster = (target: RedisTarget): target is { cluster: string[] } => typeof target !== "string";

const reconnectStrategy = (retries: number) => Math.min(100 * 2 ** retries, 2000);

// A client for the target. On a cluster, every node's connection gets the same options.
export function redisClient(target: RedisTarget, options: Parameters<typeof createClient>[0] = {}): Client {
  if (!isCluster(target)) return createClient({ ...options, url: target });
  return createCluster({
    rootNodes: target.cluster.map((url) => ({ url })),
    defaults: options,
  }) as unknown as Client;
}

// One script per atomic operation (lua/), read once per process and loaded into Redis on first use. `libs`: shared
// Lua (lua/lib-*.lua) put before the script's own text, for the blocks several scripts run alike.
export interface Script {
  name: string;
  source: string;
  sha: string;
}

export function lua(name: string, ...libs: string[]): Script {
  const read = (file: string) => readFileSync(new URL(`../lua/${file}.lua`, import.meta.url), "utf8");
  const source = [...libs.map(read), read(name)].join("\n");
  return { name, source, sha: createHash("sha1").update(source).digest("hex") };
}

const putIfRev = lua("put-if-rev-1");

export interface RedisContext {
  client: Client;
  k: Keys;
  // On a cluster: the site of a conversation (keys.ts), read once per process; undefined when the id has none (a
  // conversation never created) and always on a single Redis, whose names carry no site.
  siteOf(id: string): Promise<string | undefined>;
  // Several writes sent together: one transaction on a single Redis; on a cluster, where a transaction's keys must
  // share a slot, each command alone (callers say why that is enough where they use it).
  multi(): ReturnType<Client["multi"]>;
  // Retention: how long a conversation is kept after its last write (transcript, lead, notes, indexes).
  retentionSeconds: number;
  run(script: Script, keyList: string[], args: string[]): Promise<unknown>;
  getMany<T>(ids: string[], key: (id: string) => string): Promise<T[]>;
  updateRecord<T extends { rev?: number }>(key: string, change: (current: T) => T | null): Promise<T | null>;
  expired(ids: string[]): Promise<string[]>;
  close(): Promise<void>;
}

// What enqueue-delivery-5.lua and enqueue-mail-7.lua are told of the conversation a record is about: "" for none,
// "1" to check it is stored in the same step; on a cluster, where it is in another slot, "2" once checked here,
// or null when it is gone (nothing is enqueued).
export async function aboutConversation(
  { client, k, siteOf }: Pick<RedisContext, "client" | "k" | "siteOf">,
  id: string | undefined,
): Promise<string | null> {
  if (!id) return "";
  if (!k.cluster) return "1";
  return (await client.exists(k.conversation(id, await siteOf(id)))) === 1 ? "2" : null;
}

export function parse<T>(json: string | null | undefined): T | null {
  return json ? (JSON.parse(json) as T) : null;
}

export async function connectRedis(
  target: RedisTarget,
  prefix: string,
  log: Logger,
  retentionSeconds: number,
): Promise<RedisContext> {
  // Without an offline queue, commands fail at once while Redis is away, so callers can answer UNAVAILABLE
  // instead of hanging; the client reconnects by itself with a capped backoff.
  const client: Client = redisClient(target, {
    disableOfflineQueue: true,
    // node-redis's default arms a 5 s timer and an AbortSignal for every command, yet only for its wait to be
    // written, not for the reply. Each is held for the 5 s: up to a third of the server's CPU per handshake and
    // a fifth of an idle visitor's memory (npm run bench, BENCH_ONLY=visitors and memory) for almost no
    // protection. A Redis that stops answering is the watchdog's, below.
    commandOptions: { timeout: 0 },
    socket: { reconnectStrategy },
  });
  // One line when Redis goes away and one when it is back, not one per reconnect attempt.
  let down = false;
  client.on("error", (err: Error) => {
    if (down) return;
    down = true;
    log.error("redis unreachable; retrying", { err: err.message });
  });
  client.on("ready", () => {
    if (!down) return;
    down = false;
    log.info("redis reachable again");
  });
  await client.connect();
  let closing = false;
  const unwatch = watchRedis(
    {
      get isReady() {
        return client.isReady;
      },
      ping: () => client.ping(),
      // Once closing, a Redis that stopped answering is only let go of: close() must not hang on it, and no
      // connection is made after it.
      reconnect() {
        client.destroy();
        if (!closing) client.connect().catch(() => {});
      },
    },
    () => {
      // Logged once, like a connection lost; the "ready" handler above says when it is back.
      down = true;
      log.error("redis stopped answering; reconnecting");
    },
  );
  const cluster = isCluster(target);
  const k = buildKeys(prefix, cluster);

  // EVALSHA, and EVAL when the server does not have the script yet (first use, a restart, SCRIPT FLUSH, or a
  // cluster node that never ran it): EVAL caches it there, and both go to the node of the first key.
  async function run(script: Script, keyList: string[], args: string[]): Promise<unknown> {
    try {
      return await client.evalSha(script.sha, { keys: keyList, arguments: args });
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith("NOSCRIPT")) throw err;
      return client.eval(script.source, { keys: keyList, arguments: args });
    }
  }

  // A conversation's site never changes, so what was read is kept; a miss is not (the conversation may be created
  // later). Bounded: past the limit it starts again.
  const sites = new Map<string, string>();
  async function siteOf(id: string): Promise<string | undefined> {
    if (!cluster || !id) return undefined;
    const known = sites.get(id);
    if (known !== undefined) return known;
    const site = await client.get(k.conversationSite(id));
    if (site === null) return undefined;
    if (sites.size >= 100_000) sites.clear();
    sites.set(id, site);
    return site;
  }

  // On a cluster: each command sent at once (node-redis pipelines them), exec() waits for them all.
  function looseMulti(): ReturnType<Client["multi"]> {
    const sent: Promise<unknown>[] = [];
    const batch: object = new Proxy(
      {},
      {
        get(_, name: string) {
          if (name === "exec" || name === "execAsPipeline") return () => Promise.all(sent);
          const command = (client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name];
          if (typeof command !== "function") throw new Error(`no Redis command ${name}`);
          return (...args: unknown[]) => {
            sent.push(command.apply(client, args));
            return batch;
          };
        },
      },
    );
    return batch as ReturnType<Client["multi"]>;
  }

  return {
    client,
    k,
    siteOf,
    multi: () => (cluster ? looseMulti() : client.multi()),
    retentionSeconds,
    run,
    async getMany<T>(ids: string[], key: (id: string) => string): Promise<T[]> {
      if (ids.length === 0) return [];
      const values = await client.mGet(ids.map(key));
      return values.map((v) => parse<T>(v)).filter((v): v is NonNullable<typeof v> => v !== null) as T[];
    },
    // Read, change, compare-and-set by rev; a conflict reads again. Writers are few (an owner's edit, a publish),
    // so a handful of tries settles any real race.
    async updateRecord<T extends { rev?: number }>(key: string, change: (current: T) => T | null) {
      for (let attempt = 0; attempt < 8; attempt++) {
        const current = parse<T>(await client.get(key));
        const next = current ? change(current) : null;
        if (!current || !next) return null;
        const rev = current.rev ?? 0;
        const stored = { ...next, rev: rev + 1 };
        if (Number(await run(putIfRev, [key], [String(rev), JSON.stringify(stored)])) === 1) return stored;
      }
      throw new BanterError(ErrorCode.CONFLICT, "Someone else is changing this; try again.");
    },
    // Index entries whose conversation expired: the indexes own them, so they are dropped when found.
    // One EXISTS per id, sent together: on a cluster they are in their sites' slots.
    async expired(ids: string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const found = await Promise.all(ids.map(async (id) => client.exists(k.conversation(id, await siteOf(id)))));
      return ids.filter((_, i) => Number(found[i]) === 0);
    },
    async close() {
      closing = true;
      unwatch();
      await client.close();
    },
  };
}
