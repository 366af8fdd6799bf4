// socket.io's Redis adapter: broadcasts and room changes reach the sockets of every server process. Lives in
// store/ because store/ is the only part that knows Redis.
//
// On Redis 7 and later, the sharded adapter (SPUBLISH / SSUBSCRIBE): each room has its own channel, and a process
// subscribes only to the rooms its sockets are in, so it receives only the broadcasts it delivers (with the
// classic adapter every process receives every broadcast and drops most), and on a Redis Cluster a channel lives
// on one node instead of being copied to all. Older Redis has no sharded pub/sub: the classic adapter. Which one
// is read from the server's version (INFO server) at start; `sharded: false` keeps the classic one anyway
// (REDIS_SHARDED_PUBSUB=0, and the bench's comparison).
import { createAdapter, createShardedAdapter } from "@socket.io/redis-adapter";
import { type ClusterAdapter, MessageType } from "socket.io-adapter";
import { consoleLogger, type Logger } from "../log.ts";
import { type RedisTarget, redisClient } from "./redis/context.ts";
import { roomRelay } from "./room-relay.ts";

// The sharded adapter (socket.io-adapter's ClusterAdapter) hands a broadcast to this process's own sockets only once
// Redis has taken its publish; the classic one hands it to them at once. Banter counts on the classic order: what
// a handler broadcasts reaches the process's own sockets before the handler's answer (the visitor sees a chat go
// live before the rep's accept is answered). So it is kept: this process's sockets first, then the publish for
// the others, not awaited (as the classic adapter does; a lost one is logged by the client wrapper below).
// (socket.io calls the adapter with `new`, so the wrapper is a function, which returns the adapter it made.)
function ownSocketsFirst(factory: (nsp: unknown) => ClusterAdapter) {
  return function adapterFor(nsp: unknown) {
    const adapter = factory(nsp);
    const broadcast = adapter.broadcast.bind(adapter);
    adapter.broadcast = async (packet, opts) => {
      if (opts.flags?.local) return broadcast(packet, opts);
      const sent = broadcast(packet, { ...opts, flags: { ...opts.flags, local: true } });
      const encoded = { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags };
      (adapter as unknown as { publish(m: unknown): void }).publish({
        type: MessageType.BROADCAST,
        data: { packet, opts: encoded },
      });
      return sent;
    };
    return adapter;
  };
}

// Sharded pub/sub came with Redis 7.0.
export function supportsShardedPubSub(info: string): boolean {
  const version = /^redis_version:(\d+)/m.exec(info)?.[1];
  return Number(version ?? 0) >= 7;
}

export async function createSocketAdapter(
  target: RedisTarget,
  prefix: string,
  log: Logger = consoleLogger,
  options: { sharded?: boolean } = {},
) {
  // The publisher keeps node-redis's offline queue (unlike the store's client): the adapter does not await its
  // publishes, so one that failed at once would surface as an unhandled rejection during a Redis restart.
  // No per-command timeout (node-redis's default arms a 5 s AbortSignal per publish, 2% of a bot turn's CPU): the
  // queue is bounded instead, so a long outage drops broadcasts (logged as lost) rather than holding them all.
  const pub = redisClient(target, {
    commandOptions: { timeout: 0 },
    commandsQueueMaxLength: 1000,
    socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) },
  });
  const sub = pub.duplicate();
  let down = false;
  for (const client of [pub, sub]) {
    client.on("error", (err: Error) => {
      if (down) return;
      down = true;
      log.error("redis adapter unreachable; retrying", { err: err.message });
    });
    client.on("ready", () => {
      down = false;
    });
  }
  await Promise.all([pub.connect(), sub.connect()]);
  const sharded = options.sharded !== false && supportsShardedPubSub(await pub.info("server"));
  // The adapter never awaits its publishes. One in flight when Redis drops is rejected with the socket's error
  // (ECONNRESET), which would surface as an unhandled rejection: such a broadcast is lost either way (the
  // clients catch up when they rejoin), so it is only logged.
  const logLost = (sent: Promise<unknown>) => {
    sent.catch((err: unknown) => {
      if (!down) log.warn("redis adapter publish lost", { err: err instanceof Error ? err.message : String(err) });
    });
    return sent;
  };
  const publish = pub.publish.bind(pub);
  const sPublish = pub.sPublish.bind(pub);
  Object.assign(pub, {
    publish: (...args: Parameters<typeof publish>) => logLost(publish(...args)),
    sPublish: (...args: Parameters<typeof sPublish>) => logLost(sPublish(...args)),
  });
  return {
    // node-redis resubscribes the subscriber's channels by itself after a reconnect (tested in redis-restart).
    adapter: sharded
      ? ownSocketsFirst(createShardedAdapter(pub, sub, { channelPrefix: `${prefix}socket.io` }))
      : createAdapter(pub, sub, { key: `${prefix}socket.io` }),
    sharded,
    // A bot turn's lines to the processes with a socket in its conversation's room (room-relay.ts).
    relay: roomRelay(pub, sub, prefix, sharded, log),
    // Part of readiness: while pub/sub is reconnecting, broadcasts between processes would be lost.
    isReady: () => pub.isReady && sub.isReady,
    // After io.close(): the adapter's unsubscribes are issued a moment later and not awaited by socket.io, so
    // they are let out first; closing under them would reject them with nobody listening.
    async close() {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await Promise.allSettled([pub.close(), sub.close()]);
    },
  };
}
