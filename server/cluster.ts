// Several processes on one machine (WORKERS > 1). The primary owns the port and serves nothing itself: it hands
// each new connection to a worker with @socket.io/sticky, which reads the socket.io session id (`sid`) in the
// request and sends every request of a session to the worker that holds it, and new sessions to the worker with
// the fewest. That keeps HTTP long-polling working (each poll is a new request that must reach the same process),
// not only websockets: docs/deployment.md says why polling is kept. The workers share everything else through
// Redis, the store and socket.io's Redis adapter, as processes on separate machines do.
import cluster, { type Worker } from "node:cluster";
import { createServer } from "node:http";
import { setupMaster, setupWorker } from "@socket.io/sticky";
import type { Config } from "./config.ts";
import { type Logger, withFields } from "./log.ts";
import type { BootstrapResult } from "./sites/bootstrap.ts";
import { type AppOverrides, banner, listen, openStore, prepare, serve, stopOnSignals } from "./start.ts";

const readyMessage = "banter:worker-ready";
// A worker that died is replaced after a pause that doubles while replacements keep dying young (one that cannot
// start, Redis gone at start), up to half a minute, so a broken start does not fork in a tight loop.
const restartMs = 1000;
const maxRestartMs = 30_000;
const youngMs = 60_000;
// The most a connection may send through the primary before its worker takes it over (websockets) or answers it
// (a request with a body: sticky relays those chunk by chunk): the largest body the app takes (a socket.io
// packet, an API request) with room for headers. Beyond it the connection is cut, so no client can make the
// primary hold a large upload: the workers' own limits act only after the primary has relayed the bytes.
const maxRelayedBytes = 2 * 1024 * 1024;

export async function runPrimary(config: Config, log: Logger): Promise<void> {
  // The first-start data is made here, before any worker starts: one process creates the owner and prints the
  // generated password, once. The workers find it all in Redis.
  const store = await openStore(config, log);
  const { boot } = await prepare(store, config, log);
  await store.close();
  try {
    await serveThroughWorkers(config, log, boot);
  } catch (err) {
    // The owner now exists with a generated password that no later start prints: say it before giving up.
    if (boot.createdOwner?.generated) {
      process.stdout.write(`  Owner login: ${boot.createdOwner.email}\n  Password:    ${boot.createdOwner.password}\n`);
    }
    throw err;
  }
}

async function serveThroughWorkers(config: Config, log: Logger, boot: BootstrapResult): Promise<void> {
  // The first bytes of each handed-over connection cross to the worker as a Buffer, not as JSON.
  cluster.setupPrimary({ serialization: "advanced" });
  let stopping = false;
  const started = new Map<number, number>();
  let restarts = 0;
  const startWorker = () =>
    new Promise<Worker>((resolve, reject) => {
      const worker: Worker & { clientsCount?: number } = cluster.fork();
      // Sticky's least-connection choice reads this count: a worker still starting (a replacement, while the
      // port is open) must not be handed connections it cannot take yet, so it counts as full until ready. The
      // cluster test's dying worker covers this.
      worker.clientsCount = Number.POSITIVE_INFINITY;
      keepBytesForWorker(worker);
      // Sticky's messages to a worker whose channel just closed (it died, or is stopping) fail as an 'error'
      // event on the worker, which would otherwise throw in the primary.
      worker.on("error", (err) => log.warn("worker channel", { worker: worker.id, err: err.message }));
      started.set(worker.id, Date.now());
      const onExit = (code: number) => reject(new Error(`worker ${worker.id} exited (${code}) while starting`));
      worker.once("exit", onExit);
      worker.on("message", (m: { type?: string }) => {
        if (m?.type !== readyMessage) return;
        worker.off("exit", onExit);
        worker.clientsCount = 0;
        resolve(worker);
      });
    });
  try {
    await Promise.all(Array.from({ length: config.workers }, startWorker));
  } catch (err) {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGKILL");
    throw err;
  }
  log.info("workers started", { workers: config.workers });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    // Its clients reconnect (to the other workers until the new one is up) and resend what was not acknowledged.
    log.error("worker died; starting another", { worker: worker.id, code, signal });
    // A replacement that fails to start exits too, and lands here again, a little later each time.
    restarts = Date.now() - (started.get(worker.id) ?? 0) < youngMs ? restarts + 1 : 0;
    started.delete(worker.id);
    setTimeout(
      () =>
        !stopping &&
        void startWorker().then(
          (w) => log.info("worker replaced", { worker: w.id }),
          () => {},
        ),
      Math.min(restartMs * 2 ** Math.max(0, restarts - 1), maxRestartMs),
    ).unref();
  });

  // The connections are only accepted here once every worker can take them.
  const http = createServer();
  setupMaster(http, { loadBalancingMethod: "least-connection" });
  http.on("connection", (socket) => {
    let relayed = 0;
    socket.on("data", (chunk: Buffer) => {
      relayed += chunk.length;
      if (relayed > maxRelayedBytes) socket.destroy();
    });
  });
  const url = await listen(http, config, log);
  process.stdout.write(banner(url, boot));
  stopOnSignals(async () => {
    stopping = true;
    // No new connections; each worker drains what it has (server/drain.ts) and exits.
    http.close();
    await Promise.all(Object.values(cluster.workers ?? {}).map((w) => (w ? stopWorker(w) : undefined)));
  }, log);
}

export async function runWorker(config: Config, log: Logger, overrides: AppOverrides): Promise<void> {
  const workerLog = withFields(log, { worker: cluster.worker?.id ?? 0 });
  const server = await serve(config, workerLog, overrides, true);
  setupWorker(server.app.io);
  stopOnSignals(server.close, workerLog);
  process.send?.({ type: readyMessage });
}

// A signal, not worker.kill(): that would cut the IPC channel first, and a worker whose channel is cut exits at
// once (node:cluster's rule) instead of draining, and the requests it answers through the primary need it.
function stopWorker(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    if (worker.isDead()) return resolve();
    worker.once("exit", () => resolve());
    worker.process.kill("SIGTERM");
  });
}

// Sticky hands a connection to a worker after reading its first bytes. Node then drops whatever the primary still
// reads on it, but goes on reading until the worker acknowledges the handle: on a busy machine a client's next
// bytes (a websocket's first frame, sent as soon as the worker has answered the upgrade) were read here and lost,
// and that client's connect hung. Stopping the primary's reads before the handle leaves keeps every byte for the
// worker. (readStop is the handle's own method, as net.Socket's pause uses it.)
function keepBytesForWorker(worker: Worker): void {
  const send = worker.send.bind(worker) as (...args: unknown[]) => boolean;
  worker.send = ((...args: unknown[]) => {
    const socket = args[1] as { _handle?: { readStop?: () => number } } | undefined;
    socket?._handle?.readStop?.();
    return send(...args);
  }) as Worker["send"];
}
