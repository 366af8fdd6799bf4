// Real processes for fault tests: a private redis-server that can be killed and restarted on the same port
// and data directory, and the Banter server as a child process that can be SIGKILLed.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "redis";
import type { RedisTarget } from "../../server/store/redis/context.ts";
import { ownerEmail, ownerPassword } from "./app.ts";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function until(check: () => Promise<boolean> | boolean, ms = 15_000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

async function redisAnswers(url: string): Promise<boolean> {
  const c = createClient({ url, socket: { connectTimeout: 500, reconnectStrategy: false } });
  c.on("error", () => {});
  try {
    await c.connect();
    return (await c.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    if (c.isOpen) await c.close();
  }
}

// Durable like a production Redis should be (AOF, fsync on every write), so an acknowledged write survives a
// crash of Redis itself.
export async function privateRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "banter-redis-"));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        dir,
        "--appendonly",
        "yes",
        "--appendfsync",
        "always",
        "--save",
        "",
      ],
      { stdio: "ignore" },
    );
    await until(() => redisAnswers(url), 10_000, "redis-server to answer");
  };
  await start();
  return {
    url,
    start,
    kill() {
      child?.kill("SIGKILL");
      return until(async () => !(await redisAnswers(url)), 5000, "redis-server to stop");
    },
    // Stopped, not gone: connections stay open and nothing is answered (a hung or swapping Redis).
    pause: () => child?.kill("SIGSTOP"),
    resume: () => child?.kill("SIGCONT"),
    async stop() {
      child?.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// The real entry point (server/index.ts) as a child process, as `npm start` runs it.
export function banterProcess(env: Record<string, string>) {
  let child: ChildProcess | undefined;
  let output = "";
  const start = () =>
    new Promise<{ siteKey: string }>((resolve, reject) => {
      output = "";
      child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      // A cluster's primary and two workers each compile the server (tsx) first: on a loaded CI machine 16-20 s.
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 45_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const key = /Demo site key: (\S+)/.exec(output)?.[1];
        if (key) {
          clearTimeout(timer);
          resolve({ siteKey: key });
        }
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", (c: Buffer) => {
        output += c.toString();
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        if (!/Demo site key/.test(output)) reject(new Error(`server exited (${code}):\n${output}`));
      });
    });
  return {
    start,
    kill(signal: NodeJS.Signals = "SIGKILL") {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        c.once("exit", () => resolve());
        c.kill(signal);
      });
    },
    output: () => output,
    pid: () => child?.pid,
    // The exit code once the process has exited (null before, or when a signal killed it).
    exitCode: () => child?.exitCode ?? null,
  };
}

// The processes a process started (a cluster primary's workers), from Linux's /proc.
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// A TCP load balancer in front of several Banter processes, as in production: each new connection goes to the
// first backend that accepts it, in the given order, so a killed process's clients land on the next one.
export async function tcpBalancer(backendPorts: number[]): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => {});
    const attempt = (i: number) => {
      const port = backendPorts[i];
      if (port === undefined) return client.destroy();
      const upstream = connect(port, "127.0.0.1");
      let connected = false;
      upstream.once("connect", () => {
        connected = true;
        sockets.add(upstream);
        upstream.on("close", () => {
          sockets.delete(upstream);
          client.destroy();
        });
        client.on("close", () => upstream.destroy());
        client.pipe(upstream).pipe(client);
      });
      upstream.on("error", () => {
        if (connected) client.destroy();
        else attempt(i + 1);
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// The environment `npm start` would get for a test's server process on Redis (one, or a cluster) under its own key
// prefix.
export function serverEnv(port: number, redis: RedisTarget, prefix: string): Record<string, string> {
  return {
    PORT: String(port),
    HOST: "127.0.0.1",
    ...(typeof redis === "string" ? { REDIS_URL: redis } : { REDIS_CLUSTER_URLS: redis.cluster.join(",") }),
    REDIS_PREFIX: prefix,
    BANTER_OWNER_EMAIL: ownerEmail,
    BANTER_OWNER_PASSWORD: ownerPassword,
  };
}
