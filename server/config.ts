// Configuration from the environment, parsed once at start (index.ts). docs/configuration.md lists each variable.
import { type AllowedNetworks, parseNetworks } from "./webhooks/targets.ts";

export interface Config {
  port: number;
  host: string;
  redisUrl?: string;
  // A Redis Cluster instead of one Redis (REDIS_CLUSTER_URLS): some of its nodes; the client finds the others.
  redisCluster?: string[];
  // The sharded socket.io adapter where Redis has it (7.0 on); false keeps the classic one (server/store/redis-adapter.ts).
  shardedPubSub: boolean;
  redisPrefix: string;
  // Without Redis: where the embedded store keeps its data (server/store/memory/persist.ts).
  dataDir: string;
  ownerEmail: string;
  ownerPassword?: string;
  demoOrigins: string[];
  trustProxy: boolean;
  // When set, GET /metrics wants "Authorization: Bearer <token>".
  metricsToken?: string;
  // How long conversations and leads are kept after their last activity (Redis).
  retentionDays: number;
  // Server processes on this machine: more than one makes index.ts a cluster primary (server/cluster.ts).
  workers: number;
  // Internal networks webhook endpoints may point at; empty: public addresses only (server/webhooks/targets.ts).
  webhookAllowNetworks: AllowedNetworks;
  // Email (docs/email.md): the SMTP server (with its credentials: never logged or shown), the From address, and
  // the address links in emails start with (default: the server's own URL).
  smtpUrl?: string;
  mailFrom?: string;
  publicUrl?: string;
  // The hour of the day (UTC, 0 to 23) from which the daily digest of yesterday is sent (server/notify/digest.ts).
  digestHourUtc: number;
}

export function readConfig(env: NodeJS.ProcessEnv): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}".`);
  const config: Config = {
    port,
    host: env.HOST ?? "0.0.0.0",
    redisPrefix: env.REDIS_PREFIX ?? "banter:",
    shardedPubSub: env.REDIS_SHARDED_PUBSUB !== "0" && env.REDIS_SHARDED_PUBSUB !== "false",
    dataDir: env.DATA_DIR || "./data",
    ownerEmail: (env.BANTER_OWNER_EMAIL ?? "owner@banter.local").trim().toLowerCase(),
    demoOrigins: (env.BANTER_DEMO_ORIGINS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    trustProxy: env.TRUST_PROXY === "1" || env.TRUST_PROXY === "true",
    retentionDays: Number(env.RETENTION_DAYS ?? 90),
    // Empty counts as unset, as for the other settings (a compose file's `WORKERS: ${WORKERS:-}`).
    workers: Number(env.WORKERS || 1),
    webhookAllowNetworks: networks(env.WEBHOOKS_ALLOW_NETWORKS),
    digestHourUtc: Number(env.DIGEST_HOUR_UTC || 7),
  };
  if (!Number.isInteger(config.digestHourUtc) || config.digestHourUtc < 0 || config.digestHourUtc > 23)
    throw new Error(`DIGEST_HOUR_UTC must be a whole hour from 0 to 23, not "${env.DIGEST_HOUR_UTC}".`);
  if (!Number.isInteger(config.retentionDays) || config.retentionDays < 1 || config.retentionDays > 3650)
    throw new Error(`RETENTION_DAYS must be a whole number of days from 1 to 3650, not "${env.RETENTION_DAYS}".`);
  if (!Number.isInteger(config.workers) || config.workers < 1 || config.workers > 64)
    throw new Error(`WORKERS must be a whole number of processes from 1 to 64, not "${env.WORKERS}".`);
  if (env.REDIS_URL) config.redisUrl = env.REDIS_URL;
  if (env.REDIS_CLUSTER_URLS) {
    if (env.REDIS_URL)
      throw new Error("Set REDIS_URL (one Redis) or REDIS_CLUSTER_URLS (a Redis Cluster's nodes), not both.");
    config.redisCluster = env.REDIS_CLUSTER_URLS.split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  }
  // Each process would have its own in-memory store: visitors and reps on different workers would never meet.
  if (config.workers > 1 && !config.redisUrl && !config.redisCluster)
    throw new Error(
      `WORKERS=${config.workers} needs REDIS_URL (or REDIS_CLUSTER_URLS): the in-memory store lives inside one process, so several processes cannot share it. Set REDIS_URL, or run one process (WORKERS=1).`,
    );
  if (env.SMTP_URL) {
    // The message never repeats the value: it holds the SMTP password.
    if (!/^smtps?:$/.test(urlProtocol(env.SMTP_URL)))
      throw new Error(
        "SMTP_URL must be a URL like smtp://user:password@smtp.example.com:587 (or smtps:// for port 465).",
      );
    config.smtpUrl = env.SMTP_URL;
  }
  if (env.MAIL_FROM) config.mailFrom = env.MAIL_FROM;
  if (env.PUBLIC_URL) {
    if (!/^https?:$/.test(urlProtocol(env.PUBLIC_URL)))
      throw new Error(
        `PUBLIC_URL must be the address people open Banter at, like https://chat.acme.com, not "${env.PUBLIC_URL}".`,
      );
    config.publicUrl = env.PUBLIC_URL.replace(/\/+$/, "");
  }
  if (env.BANTER_OWNER_PASSWORD) config.ownerPassword = env.BANTER_OWNER_PASSWORD;
  if (env.METRICS_TOKEN) config.metricsToken = env.METRICS_TOKEN;
  return config;
}

function networks(list = ""): AllowedNetworks {
  try {
    return parseNetworks(list);
  } catch (err) {
    throw new Error(`WEBHOOKS_ALLOW_NETWORKS must be a comma-separated list of networks: ${(err as Error).message}.`);
  }
}

function urlProtocol(s: string): string {
  try {
    return new URL(s).protocol;
  } catch {
    return "";
  }
}
