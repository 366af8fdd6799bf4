// Makes sure a Redis server answers at REDIS_URL (default redis://127.0.0.1:6379) before any test runs. When none
// answers, starts a private redis-server on a free port (nothing kept on disk) and stops it afterwards.
// And a three-master Redis Cluster for the tests that run on one (the store contract, two processes): the nodes
// named by REDIS_CLUSTER_URLS (comma-separated), or else the one redis-cluster.sh starts on ports 7001-7003 (kept
// running, and reused by the next run).
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { createClient } from "redis";
import type { TestProject } from "vitest/node";

async function answers(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    if (client.isOpen) await client.close();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function redisCluster(): string[] {
  if (process.env.REDIS_CLUSTER_URLS) return process.env.REDIS_CLUSTER_URLS.split(",");
  const script = fileURLToPath(new URL("./redis-cluster.sh", import.meta.url));
  const started = spawnSync(script, ["7001"], { encoding: "utf8" });
  if (started.status !== 0) throw new Error(`Could not start a Redis Cluster: ${started.stderr || started.error}`);
  return ["redis://127.0.0.1:7001", "redis://127.0.0.1:7002", "redis://127.0.0.1:7003"];
}

export default async function setup(project: TestProject) {
  const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  project.provide("redisClusterUrls", redisCluster());
  if (await answers(url)) {
    project.provide("redisUrl", url);
    return;
  }
  if (spawnSync("redis-server", ["--version"]).status !== 0) {
    throw new Error(
      `No Redis answers at ${url} and redis-server is not installed. Install it (Debian: apt-get install redis-server) or set REDIS_URL to a running Redis.`,
    );
  }
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  const privateUrl = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await answers(privateUrl)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await answers(privateUrl))) throw new Error(`Started redis-server on port ${port} but it does not answer.`);
  console.log(`No Redis at ${url}: started a private redis-server at ${privateUrl}`);
  project.provide("redisUrl", privateUrl);
  return () => {
    child.kill();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
    redisClusterUrls: string[];
  }
}
