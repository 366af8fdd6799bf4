// The server process of the many-visitors benchmark (test/bench/many-visitors.ts): the app on Redis as production
// runs it (the Redis store and socket.io's Redis adapter), with its limits opened. Prints `port <n>` and
// `site <key>` once listening; for each `stats` line read on stdin prints `stats <json>`: the event-loop delay
// since the last `stats` (or any other line), the CPU time used so far, then the memory after a GC (and the CPU time after it, so the next phase starts there). Exits when stdin closes, so it never outlives
// the benchmark.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { createRedisStore } from "../../server/store/redis-store.ts";
import { startApp } from "../support/app.ts";
import { benchLimits } from "./limits.ts";

const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = String(process.argv[2]);
const store = await createRedisStore(url, prefix);
const h = await startApp(store, { limits: benchLimits, redis: { url, prefix } });
console.log(`site ${h.siteKey}`);
console.log(`port ${new URL(h.url).port}`);

// The histogram records the time between timer callbacks, so `resolutionMs` is taken off to leave the delay.
const resolutionMs = 10;
const delay = monitorEventLoopDelay({ resolution: resolutionMs });
delay.enable();
const delayMs = (ns: number) => Number(Math.max(0, ns / 1e6 - resolutionMs).toFixed(1));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const gc = (globalThis as { gc?: () => void }).gc;

createInterface({ input: process.stdin })
  .on("line", (line) => {
    if (line === "stats") {
      const lag = { p50: delayMs(delay.percentile(50)), p99: delayMs(delay.percentile(99)), max: delayMs(delay.max) };
      const cpu = cpuMs();
      gc?.();
      const m = process.memoryUsage();
      const stats = { lag, cpuMs: cpu, cpuAfterGcMs: cpuMs(), rss: m.rss, heap: m.heapUsed, external: m.external };
      console.log(`stats ${JSON.stringify(stats)}`);
    }
    // A GC pause of the measurement itself is not the app's delay: each phase starts after it.
    delay.reset();
  })
  .on("close", () => {
    // Hangs up on every client (they do not reconnect) and lets the benchmark delete the keys.
    void h
      .close()
      .then(() => store.close())
      .finally(() => process.exit(0));
  });
