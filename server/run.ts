// Starts the server as configured: one process, or with WORKERS > 1 a cluster primary and its workers (this same
// script runs again in each worker, and takes the worker's path).
import cluster from "node:cluster";
import { runPrimary, runWorker } from "./cluster.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./log.ts";
import { type AppOverrides, banner, listen, serve, stopOnSignals } from "./start.ts";

export async function run(config: Config, log: Logger, overrides: AppOverrides = {}): Promise<void> {
  if (config.workers > 1) {
    if (cluster.isPrimary) await runPrimary(config, log);
    else await runWorker(config, log, overrides);
    return;
  }
  const server = await serve(config, log, overrides);
  const url = await listen(server.app.http, config, log);
  process.stdout.write(banner(url, server.boot));
  stopOnSignals(server.close, log);
}
