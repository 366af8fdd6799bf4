// What every area of the Redis store shares: one client and its life (reconnects, the watchdog, closing), the
// key builder, the Lua scripts, and the few ways records are read and written.
import { readFileSync } from "node:fs";
import { createClient } from "redis";
import { BanterError, ErrorCode } from "../../../shared/protocol/index.ts";
import type { Logger } from "../../log.ts";
import { keys as buildKeys, type Keys } from "../keys.ts";
import { watchRedis } from "../redis-watchdog.ts";

type Client = ReturnType<typeof createClient>;

// One script per atomic operation (lua/), read once per process and loaded into Redis on first use. `libs`: shared
// Lua (lua/lib-*.lua) put before the script's own text, for the blocks several scripts run alike.
export interface Script {
  name: string;
  source: string;
}

export function lua(name: string, ...libs: string[]): Script {
  const read = (file: string) => readFileSync(new URL(`../lua/${file}.lua`, import.meta.url), "utf8");
  return { name, source: [...libs.map(read), read(name)].join("\n") };
}

const putIfRev = lua("put-if-rev-1");

export interface RedisContext {
  client: Client;
  k: Keys;
  // Retention: how long a conversation is kept after its last write (transcript, lead, notes, indexes).
  retentionSeconds: number;
  run(script: Script, keyList: string[], args: string[]): Promise<unknown>;
  getMany<T>(ids: string[], key: (id: string) => string): Promise<T[]>;
  updateRecord<T extends { rev?: number }>(key: string, change: (current: T) => T | null): Promise<T | null>;
  expired(ids: string[]): Promise<string[]>;
  close(): Promise<void>;
}

export function parse<T>(json: string | null | undefined): T | null {
  return json ? (JSON.parse(json) as T) : null;
}

export async function connectRedis(
  url: string,
  prefix: string,
  log: Logger,
  retentionSeconds: number,
): Promise<RedisContext> {
  // Without an offline queue, commands fail at once while Redis is away, so callers can answer UNAVAILABLE
  // instead of hanging; the client reconnects by itself with a capped backoff.
  const client: Client = createClient({
    url,
    disableOfflineQueue: true,
    // node-redis's default arms a 5 s timer and an AbortSignal for every command, yet only for its wait to be
    // written, not for the reply. Each is held for the 5 s: up to a third of the server's CPU per handshake and
    // a fifth of an idle visitor's memory (npm run bench, BENCH_ONLY=visitors and memory) for almost no
    // protection. A Redis that stops answering is the watchdog's, below.
    commandOptions: { timeout: 0 },
    socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) },
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
  const k = buildKeys(prefix);
  const shas = new Map<string, string>();

  // EVALSHA with a reload when the server lost its script cache (restart, SCRIPT FLUSH).
  async function run(script: Script, keyList: string[], args: string[]): Promise<unknown> {
    let sha = shas.get(script.name);
    if (!sha) {
      sha = await client.scriptLoad(script.source);
      shas.set(script.name, sha);
    }
    try {
      return await client.evalSha(sha, { keys: keyList, arguments: args });
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith("NOSCRIPT")) throw err;
      shas.delete(script.name);
      return run(script, keyList, args);
    }
  }

  return {
    client,
    k,
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
    async expired(ids: string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const multi = client.multi();
      for (const id of ids) multi.exists(k.conversation(id));
      const found = (await multi.exec()) as unknown as number[];
      return ids.filter((_, i) => Number(found[i]) === 0);
    },
    async close() {
      closing = true;
      unwatch();
      await client.close();
    },
  };
}
