// socket.io's Redis adapter: broadcasts and room changes reach the sockets of every server process. Lives in
// store/ because store/ is the only part that knows Redis.
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { consoleLogger, type Logger } from "../log.ts";

export async function createSocketAdapter(url: string, prefix: string, log: Logger = consoleLogger) {
  // The publisher keeps node-redis's offline queue (unlike the store's client): the adapter does not await its
  // publishes, so one that failed at once would surface as an unhandled rejection during a Redis restart.
  const pub = createClient({
    url,
    socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) },
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
  // The adapter never awaits its publishes. One in flight when Redis drops is rejected with the socket's error
  // (ECONNRESET), which would surface as an unhandled rejection: such a broadcast is lost either way (the
  // clients catch up when they rejoin), so it is only logged.
  const publish = pub.publish.bind(pub);
  Object.assign(pub, {
    publish(...args: Parameters<typeof publish>) {
      const sent = publish(...args);
      sent.catch((err: unknown) => {
        if (!down) log.warn("redis adapter publish lost", { err: err instanceof Error ? err.message : String(err) });
      });
      return sent;
    },
  });
  return {
    // node-redis resubscribes the subscriber's channels by itself after a reconnect (tested in redis-restart).
    adapter: createAdapter(pub, sub, { key: `${prefix}socket.io` }),
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
