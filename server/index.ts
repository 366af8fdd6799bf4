// The only impure entry: reads the environment, builds the store, bootstraps, listens.
import { randomBytes } from "node:crypto";
import { embedSnippet } from "../shared/sites/snippet.ts";
import { createApp } from "./app.ts";
import { readConfig } from "./config.ts";
import { consoleLogger as log } from "./log.ts";
import { bootstrap } from "./sites/bootstrap.ts";
import { createMemoryStore } from "./store/memory-store.ts";
import { createSocketAdapter } from "./store/redis-adapter.ts";
import { createRedisStore } from "./store/redis-store.ts";

const config = readConfig(process.env);
const store = config.redisUrl
  ? await createRedisStore(config.redisUrl, config.redisPrefix, undefined, config.retentionDays * 24 * 3600)
  : createMemoryStore();
if (store.kind === "memory") {
  log.warn(
    "No REDIS_URL set: running on the embedded in-memory store. Data is lost on restart and only one process can run. Set REDIS_URL for production.",
  );
} else {
  log.info("Using Redis", { prefix: config.redisPrefix });
}

const boot = await bootstrap(store, {
  ownerEmail: config.ownerEmail,
  ...(config.ownerPassword ? { ownerPassword: config.ownerPassword } : {}),
  demoOrigins: config.demoOrigins,
  now: Date.now(),
});
const visitorSecret = await store.getOrCreateSecret("visitor-token", () => randomBytes(32).toString("base64url"));
// With Redis, several processes behind a load balancer behave as one: broadcasts cross processes.
const socketAdapter = config.redisUrl ? await createSocketAdapter(config.redisUrl, config.redisPrefix) : null;
const app = createApp({
  store,
  visitorSecret,
  demoSiteKey: boot.demoSite.key,
  trustProxy: config.trustProxy,
  ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
  ...(socketAdapter ? { adapter: socketAdapter.adapter, adapterReady: socketAdapter.isReady } : {}),
});

app.http.listen(config.port, config.host, () => {
  const address = app.http.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  log.info("Banter is listening", { url, store: store.kind });
  // Printed for a person, once: the owner's login exists only in this output (or in BANTER_OWNER_PASSWORD).
  const lines = ["", `  Banter is running at ${url}`, `  Demo page:  ${url}/demo`, `  Console:    ${url}/console`];
  if (boot.createdOwner) {
    lines.push(`  Owner login: ${boot.createdOwner.email}`);
    lines.push(
      boot.createdOwner.generated
        ? `  Password:    ${boot.createdOwner.password}   (shown once; set BANTER_OWNER_PASSWORD to choose it)`
        : "  Password:    the value of BANTER_OWNER_PASSWORD",
    );
  }
  lines.push(`  Demo site key: ${boot.demoSite.key}`, `  Embed: ${embedSnippet(url, boot.demoSite.key)}`, "");
  process.stdout.write(`${lines.join("\n")}\n`);
});

async function shutdown(signal: string) {
  log.info("shutting down", { signal });
  await app.close();
  await socketAdapter?.close();
  await store.close();
  process.exit(0);
}
// The process stays up through a failure nobody awaited (a library's publish during a Redis restart): logged,
// not fatal. Programming errors still surface in the log and in tests.
process.on("unhandledRejection", (err) => {
  log.error("unhandled rejection", { err: err instanceof Error ? err.message : String(err) });
});
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
