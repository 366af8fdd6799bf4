// Full bot turns per second with one server process against two (WORKERS=2: a cluster primary handing
// connections to two workers, server/cluster.ts), with the same clients and harness (turns.ts) in a child process
// of their own, on one Redis, with socket.io's sharded Redis adapter or the classic one. Also the CPU each side used in the measured window, in cores (CPU seconds per
// second), to show what limits the ratio on a machine whose cores the servers share with Redis and the clients.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createClient } from "redis";
import { childPids, freePort, until } from "../support/processes.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";
import type { Window } from "./turns.ts";

export interface ProcessesRun {
  turnsPerS: number;
  // Server CPU per turn, primary included: what one turn costs, whatever the other load on the machine.
  serverMsPerTurn: number;
  // `primary`: the cluster primary's share of `servers` (0 with one process). `others`: the rest of the machine's
  // busy time, other work than this benchmark's, which takes cores from it.
  cores: { servers: number; primary: number; client: number; redis: number; others: number };
}

// Linux counts a process's CPU time in clock ticks of 1/100 s (CLK_TCK is 100 on every usual kernel build).
const ticksPerS = 100;

// `sharded`: socket.io's sharded Redis adapter (Redis 7), else the classic one (REDIS_SHARDED_PUBSUB=0).
export async function processesThroughput(
  redisUrl: string,
  clients: number,
  window: Window,
  sharded = true,
): Promise<{ one: ProcessesRun; two: ProcessesRun }> {
  return {
    one: await measure(redisUrl, 1, clients, window, sharded),
    two: await measure(redisUrl, 2, clients, window, sharded),
  };
}

async function measure(
  redisUrl: string,
  workers: number,
  clients: number,
  window: Window,
  sharded: boolean,
): Promise<ProcessesRun> {
  const prefix = `banter-bench:${Date.now()}:processes:`;
  const port = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", "test/bench/server-process.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      WORKERS: String(workers),
      REDIS_SHARDED_PUBSUB: sharded ? "1" : "0",
      BANTER_OWNER_PASSWORD: "bench only",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const redis = createClient({ url: redisUrl });
  await redis.connect();
  const redisCpu = async () => redisCpuS(await redis.info("cpu"));
  try {
    const serverOut = lines(server);
    const siteKey = /Demo site key: (\S+)/.exec(await serverOut.find("  Demo site key: ", 60_000))?.[1] as string;
    const pids = [server.pid as number, ...childPids(server.pid as number)];
    const client = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "test/bench/turns-client.ts",
        `http://127.0.0.1:${port}`,
        siteKey,
        String(clients),
        String(window.warmupMs),
        String(window.measureMs),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const clientOut = lines(client);
    await clientOut.find("opened", 60_000);
    const sample = async () => ({
      servers: ticksOf(pids),
      primary: workers > 1 ? ticksOf(pids.slice(0, 1)) : 0,
      redis: await redisCpu(),
      machine: machineBusyTicks(),
    });
    const before = await sample();
    await clientOut.find("closed", window.measureMs + 10_000);
    const after = await sample();
    const [rate, clientCpuMs] = (await clientOut.find("result ", 30_000)).split(" ").slice(1).map(Number);
    const seconds = window.measureMs / 1000;
    const cores = (ticks: number) => ticks / ticksPerS / seconds;
    const servers = cores(after.servers - before.servers);
    const clientCores = (clientCpuMs as number) / 1000 / seconds;
    const redisCores = (after.redis - before.redis) / seconds;
    return {
      turnsPerS: rate as number,
      serverMsPerTurn: (servers * 1000) / (rate as number),
      cores: {
        servers,
        primary: cores(after.primary - before.primary),
        client: clientCores,
        redis: redisCores,
        others: Math.max(0, cores(after.machine - before.machine) - servers - clientCores - redisCores),
      },
    };
  } catch (err) {
    throw new Error(`processes part, ${workers} worker(s): ${err instanceof Error ? err.message : err}`);
  } finally {
    // SIGTERM: the primary drains and stops its workers, as in production.
    await new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once("exit", () => resolve());
      server.kill("SIGTERM");
    });
    await redis.close();
    await deleteKeysAt(redisUrl, prefix);
  }
}

// A child's output as lines, and the first line (from the start) that begins with `prefix`.
function lines(child: ChildProcess) {
  const all: string[] = [];
  let buffered = "";
  const read = (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    all.push(...parts);
  };
  child.stdout?.on("data", read);
  child.stderr?.on("data", read);
  return {
    async find(prefix: string, ms: number): Promise<string> {
      const exited = () => child.exitCode !== null || child.signalCode !== null;
      await until(() => exited() || all.some((l) => l.startsWith(prefix)), ms, prefix.trim());
      const line = all.find((l) => l.startsWith(prefix));
      if (!line) throw new Error(`exited before "${prefix.trim()}":\n${all.slice(-20).join("\n")}`);
      return line;
    },
  };
}

// The whole machine's busy time so far: the first line of /proc/stat less idle and iowait.
function machineBusyTicks(): number {
  const [, ...fields] = (readFileSync("/proc/stat", "utf8").split("\n")[0] as string).trim().split(/\s+/);
  const n = fields.map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user and nice).
  return n.slice(0, 8).reduce((a, b) => a + b, 0) - (n[3] ?? 0) - (n[4] ?? 0);
}

// utime + stime of each process, from /proc/<pid>/stat (fields 14 and 15; the name before them may hold spaces).
function ticksOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks;
}

// Redis's own CPU seconds so far, from INFO cpu. The Redis is shared: other work on it in the window counts too.
function redisCpuS(info: string): number {
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, "m").exec(info)?.[1] ?? 0);
  return field("used_cpu_sys") + field("used_cpu_user");
}
