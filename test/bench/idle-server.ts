// A server process for the idle-memory benchmark (test/bench/index.ts, BENCH_ONLY=memory): `raw` is a bare
// socket.io server, `banter` the app on Redis with its limits opened. Prints `port <n>` once listening and
// `mem <bytes>` (heap and external memory, after garbage collection) for every line read on stdin.
import { randomBytes } from "node:crypto";
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
  // The baseline is the same socket.io usage without Banter's logic: the namespace the widget connects to, and
  // one room per visitor joined on an acknowledged event, as a visitor joins its conversation's room. The bench
  // connects to both servers the same way (websocket transport, a site key, an Origin header).
  const http = createServer();
  const io = new Server(http);
  io.of("/visitor").on("connection", (s) => {
    s.on("conversation:join", (_req: unknown, ack: (a: unknown) => void) => {
      // Not randomUUID(): its string is built by concatenation, and a room named with it stays a tree of about 15
      // pieces in V8 (0.45 KB per room), where Banter's ids are flat strings by the time it names its rooms.
      s.join(`conv:${randomBytes(16).toString("hex")}`);
      ack({ ok: true });
    });
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  port = (http.address() as AddressInfo).port;
  console.log("site raw");
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
createInterface({ input: process.stdin }).on("line", async () => {
  // Two collections with a turn of the event loop between: node-redis arms an AbortSignal.timeout for every
  // command (its command timeout), and Node holds each such timer in a FinalizationRegistry until its signal is
  // collected. The first GC collects the signals, the registry's cleanup then lets go of the timers, and the
  // second GC frees them: about 4 KB per join that a single GC would count as kept by the idle visitor.
  gc?.();
  await new Promise((r) => setTimeout(r, 50));
  gc?.();
  // What a connection keeps alive: the JS heap and the memory outside it that JS objects hold (buffers). RSS
  // would be noisier: freed pages are not always handed back to the system.
  const m = process.memoryUsage();
  console.log(`mem ${m.heapUsed + m.external}`);
});
