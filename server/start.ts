// What a serving process does at start, whether it is the only one or one of a cluster's workers
// (server/cluster.ts): open the store, find or make the first-start data, build the app on them.
import { randomBytes } from "node:crypto";
import type { Server as HttpServer } from "node:http";
import { embedSnippet } from "../shared/sites/snippet.ts";
import { type AppDeps, createApp } from "./app.ts";
import type { Config } from "./config.ts";
import { describeMail } from "./email/transport.ts";
import type { Logger } from "./log.ts";
import { type BootstrapResult, bootstrap, installMarker } from "./sites/bootstrap.ts";
import { openPersistentStore } from "./store/memory-store.ts";
import type { RedisTarget } from "./store/redis/context.ts";
import { createSocketAdapter } from "./store/redis-adapter.ts";
import { createRedisStore } from "./store/redis-store.ts";
import type { Store } from "./store/types.ts";

// Parts of the app a caller may set besides the configuration (the benchmarks open the rate limits).
export type AppOverrides = Pick<AppDeps, "limits">;

// One Redis (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_URLS), if either is set.
const redisTarget = (config: Config): RedisTarget | undefined =>
  config.redisCluster ? { cluster: config.redisCluster } : config.redisUrl;

export async function openStore(config: Config, log: Logger): Promise<Store> {
  const target = redisTarget(config);
  if (!target) {
    const dir = config.dataDir;
    const store = await openPersistentStore(dir, Date.now, {
      // Said at once, once, where an operator looks; /readyz says not ready meanwhile (readiness.ts).
      onWriteFailure(err) {
        if (!err) return log.info("data directory: writes succeed again; ready", { dir });
        const code = (err as NodeJS.ErrnoException).code ?? "unknown";
        log.error("data directory: writes fail; not ready, keeping the changes in memory and retrying every second", {
          dir,
          code,
          err: err.message,
        });
      },
    });
    // Said at every start: where the data is (what to back up), and what this store cannot do.
    log.info(
      `embedded store, data in ${config.dataDir.replace(/\/+$/, "")}/ (one process only; set REDIS_URL to run several)`,
    );
    return store;
  }
  const store = await createRedisStore(target, config.redisPrefix, undefined, config.retentionDays * 24 * 3600);
  log.info(config.redisCluster ? "Using Redis Cluster" : "Using Redis", { prefix: config.redisPrefix });
  return store;
}

// Safe when several processes start together on one Redis: the install marker and the secrets are set only
// where absent, so one process creates them and the others read them.
//
// `joinOnly`: a cluster worker, whose primary made the first-start data just before (cluster.ts). It starts no
// install: a store without the marker was wiped since, and an owner made here would have a password nobody is
// shown. It refuses to start instead, and its primary tries again later (docs/operations.md).
export async function prepare(store: Store, config: Config, log: Logger, joinOnly = false) {
  if (joinOnly && (await store.getSecret(installMarker)) === null) {
    const msg = "store wiped: the install marker is gone; this worker makes nothing again (docs/operations.md)";
    log.error(msg);
    throw new Error(msg);
  }
  const boot = await bootstrap(store, {
    ownerEmail: config.ownerEmail,
    ...(config.ownerPassword ? { ownerPassword: config.ownerPassword } : {}),
    demoOrigins: config.demoOrigins,
    now: Date.now(),
  });
  // Said where an operator looks when the data seems gone: a start on an empty store starts afresh.
  if (boot.found === "empty") log.info("first start: the store is empty; made the owner, playbook and demo site");
  if (boot.found === "unmarked") log.warn("the store has data but no install marker: marked it again, made nothing");
  const visitorSecret = await store.getOrCreateSecret("visitor-token", () => randomBytes(32).toString("base64url"));
  // The funnel's counters (shared/funnel/SPEC.md F32): conversations stored before they existed are counted once per
  // site; every later start finds the sites marked done at the cost of one read each.
  for (const site of await store.listSites()) {
    const counted = await store.backfillFunnelCounters(site.key);
    if (counted > 0) log.info("funnel counters: counted conversations stored before them", { site: site.key, counted });
  }
  return { boot, visitorSecret };
}

async function backfillLeadIndexes(store: Store, log: Logger): Promise<void> {
  try {
    for (const site of await store.listSites()) {
      const filed = await store.backfillLeadIndex(site.key);
      if (filed > 0) log.info("leads index: filed conversations stored before it", { site: site.key, filed });
      const active = await store.backfillActivityIndex(site.key);
      if (active > 0)
        log.info("activity index: filed conversations stored before it", { site: site.key, filed: active });
    }
  } catch (err) {
    log.error("index backfill failed", { err: err instanceof Error ? err.message : String(err) });
  }
}

// One serving process's app, not yet listening (a cluster worker never listens: its primary hands it connections).
// `joinOnly`: a cluster worker (prepare).
export async function serve(config: Config, log: Logger, overrides: AppOverrides, joinOnly = false) {
  const store = await openStore(config, log);
  // A process that cannot start must not stay up on an open connection (a worker would never exit).
  const { boot, visitorSecret } = await prepare(store, config, log, joinOnly).catch(async (err: unknown) => {
    await store.close();
    throw err;
  });
  // Conversations stored before the leads index or the inbox's activity index (issue 20) are filed in them, in the
  // background: until then the leads table and the inbox list the ones written since. Idempotent, so every serving
  // process runs it; a cluster's primary, which closes its store once prepared, leaves it to its workers.
  void backfillLeadIndexes(store, log);
  const email = {
    ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}),
    ...(config.mailFrom ? { from: config.mailFrom } : {}),
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
  };
  // Where email goes, said once at start: the SMTP host and port (never its credentials), or that nothing is sent.
  log.info(`email: ${describeMail(config.smtpUrl)}`);
  // With Redis, several processes behind a load balancer behave as one: broadcasts cross processes.
  const target = redisTarget(config);
  const socketAdapter = target
    ? await createSocketAdapter(target, config.redisPrefix, log, { sharded: config.shardedPubSub })
    : null;
  if (socketAdapter) log.info(`broadcasts: socket.io's ${socketAdapter.sharded ? "sharded" : "classic"} Redis adapter`);
  const app = createApp({
    store,
    log,
    visitorSecret,
    installId: boot.installId,
    demoSiteKey: boot.demoSite.key,
    trustProxy: config.trustProxy,
    webhookAllowNetworks: config.webhookAllowNetworks,
    email,
    digest: { hourUtc: config.digestHourUtc },
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
    ...(socketAdapter
      ? { adapter: socketAdapter.adapter, adapterReady: socketAdapter.isReady, relay: socketAdapter.relay }
      : {}),
    ...overrides,
  });
  return {
    app,
    boot,
    async close() {
      await app.close();
      await socketAdapter?.close();
      await store.close();
    },
  };
}

// Resolves with the URL a person opens (the actual port when PORT is 0).
export function listen(http: HttpServer, config: Config, log: Logger): Promise<string> {
  return new Promise((resolve, reject) => {
    http.once("error", reject);
    http.listen(config.port, config.host, () => {
      const address = http.address();
      const url = `http://localhost:${typeof address === "object" && address ? address.port : config.port}`;
      log.info("Banter is listening", { url });
      resolve(url);
    });
  });
}

// Printed for a person, once per start of the whole server: the owner's generated password exists only here.
export function banner(url: string, boot: BootstrapResult): string {
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
  return `${lines.join("\n")}\n`;
}

// Stops once, on the first SIGTERM or SIGINT, then exits 0. A terminal's Ctrl-C signals a cluster's primary and
// its workers together, and the primary then signals the workers again: the second signal changes nothing.
export function stopOnSignals(stop: () => Promise<void>, log: Logger): void {
  let stopping = false;
  const onSignal = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal });
    try {
      await stop();
    } catch (err) {
      log.error("shutdown failed", { err: err instanceof Error ? err.message : String(err) });
      process.exit(1);
    }
    process.exit(0);
  };
  process.on("SIGINT", () => void onSignal("SIGINT"));
  process.on("SIGTERM", () => void onSignal("SIGTERM"));
}
