// A server process for the idle-memory benchmark (test/bench/index.ts, BENCH_ONLY=memory): `raw` is a bare
// socket.io server, `banter` the app on Redis with its limits opened. Prints `port <n>` once listening and
// `mem <bytes>` (heap and external memory, after a GC) for every line read on stdin.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { Server } from "socket.io";
import { createRedisStore } from "../../server/store/redis-store.ts";
import { startApp } from "../support/app.ts";
import { benchLimits } from "./limits.ts";

const mode = process.argv[2];
let port: number;
if (mode === "raw") {
  const http = createServer();
  const io = new Server(http);
  io.on("connection", (s) => s.on("echo", (p: unknown, ack: (p: unknown) => void) => ack(p)));
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  port = (http.address() as AddressInfo).port;
} else {
  const store = await createRedisStore(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", String(process.argv[3]));
  const h = await startApp(store, {
    limits: benchLimits,
  });
  port = Number(new URL(h.url).port);
  console.log(`site ${h.siteKey}`);
}
console.log(`port ${port}`);
const gc = (globalThis as { gc?: () => void }).gc;
createInterface({ input: process.stdin }).on("line", () => {
  gc?.();
  // What a connection keeps alive: the JS heap and the memory outside it that JS objects hold (buffers). RSS
  // would be noisier: freed pages are not always handed back to the system.
  const m = process.memoryUsage();
  console.log(`mem ${m.heapUsed + m.external}`);
});
