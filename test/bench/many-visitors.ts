// Many connected visitors on one server process (BENCH_ONLY=visitors in test/bench/index.ts): the server
// (visitors-server.ts) and the visitors (visitor-clients.ts, up to visitorsPerClientProcess each) run in separate
// processes. Every visitor connects and joins its conversation; then, all still connected, they take bot turns
// in rotation at a steady total rate. The server reports its memory after a GC and its event-loop delay for
// each phase; the clients report each turn's latency (send to the bot's reply).
import { type ChildProcess, spawn } from "node:child_process";
import { until } from "../support/processes.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";
import { percentile } from "./turns.ts";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
// A process may hold 20,000 file descriptors here (ulimit -n): 5,000 sockets keep a client process well below.
const visitorsPerClientProcess = 5000;
// Handshakes (connect, then join) in flight per client process.
const inFlight = 50;
const idleMs = 3000;
// BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each process (the server's under <dir>/server).
const profiled = (who: string) =>
  process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}/${who}`] : [];

export interface Lag {
  p50: number;
  p99: number;
  max: number;
}
interface ServerStats {
  lag: Lag;
  cpuMs: number;
  cpuAfterGcMs: number;
  rss: number;
  heap: number;
  external: number;
}

export interface ManyVisitors {
  visitors: number;
  connectMs: number;
  // The server's CPU time (user + system) for each visitor's connect and join, and for each turn while chatting.
  connectCpuMsPerVisitor: number;
  chatCpuMsPerTurn: number;
  // The share of one core the server used while every visitor was connected and idle (heartbeats, timers).
  idleCpuPercent: number;
  // Resident set and heap + external memory of the server process after a GC, all visitors connected and idle,
  // and what each visitor added to them.
  rss: number;
  heapExternal: number;
  rssPerVisitor: number;
  heapExternalPerVisitor: number;
  idleLag: Lag;
  chatLag: Lag;
  turnsPerSecond: number;
  turns: number;
  lostTurns: number;
  turnP50: number;
  turnP99: number;
}

// A child process that speaks in lines: `name rest...` on stdout, commands on stdin. Closing its stdin ends it.
function lineChild(script: string, args: string[], nodeFlags: string[] = []) {
  const child: ChildProcess = spawn(process.execPath, [...nodeFlags, "--import", "tsx", script, ...args], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines: string[] = [];
  let read = 0;
  let buffered = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    lines.push(...parts);
  });
  child.stdin?.on("error", () => {});
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    send(line: string) {
      child.stdin?.write(`${line}\n`);
    },
    // The rest of the next line named `name` after those already read; a child's `error` line or exit fails it.
    async next(name: string, ms = 60_000): Promise<string> {
      await until(
        () => {
          const failed = lines.slice(read).find((l) => l.startsWith("error "));
          if (failed) throw new Error(`${script}: ${failed}`);
          if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${script} exited`);
          return lines.slice(read).some((l) => l.startsWith(`${name} `) || l === name);
        },
        ms,
        `${name} from ${script}`,
      );
      const at = lines.findIndex((l, i) => i >= read && (l.startsWith(`${name} `) || l === name));
      read = at + 1;
      return (lines[at] as string).slice(name.length + 1);
    },
    // Asks the child to finish (stdin closed), then kills it if it has not within `ms`.
    async end(ms: number) {
      child.stdin?.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), ms);
      await exited;
      clearTimeout(timer);
    },
  };
}

// The server's CPU time from one stats() to the next, without the GC that the first one ran to measure memory.
const cpuBetween = (from: ServerStats, to: ServerStats) => to.cpuMs - from.cpuAfterGcMs;

export async function manyVisitors(n: number, turnsPerSecond = 200, chatMs = 10_000): Promise<ManyVisitors> {
  const prefix = `banter-bench:${Date.now()}:visitors:`;
  const server = lineChild("test/bench/visitors-server.ts", [prefix], ["--expose-gc", ...profiled("server")]);
  const clients: ReturnType<typeof lineChild>[] = [];
  try {
    const siteKey = await server.next("site");
    const url = `http://127.0.0.1:${await server.next("port")}`;
    const processes = Math.ceil(n / visitorsPerClientProcess);
    for (let i = 0; i < processes; i++) {
      const count = Math.floor(n / processes) + (i < n % processes ? 1 : 0);
      clients.push(lineChild("test/bench/visitor-clients.ts", [url, siteKey, String(count)], profiled("clients")));
    }
    await Promise.all(clients.map((c) => c.next("ready")));
    const stats = async () => {
      server.send("stats");
      return JSON.parse(await server.next("stats")) as ServerStats;
    };
    const before = await stats();

    const connectStart = performance.now();
    for (const c of clients) c.send(`connect ${inFlight}`);
    // Generous: on a machine busy with other work, 10,000 handshakes can take a minute.
    await Promise.all(clients.map((c) => c.next("joined", 180_000)));
    const connectMs = performance.now() - connectStart;

    // The delay while connected and idle is measured from here, past the GC that stats() runs.
    const connected = await stats();
    await new Promise((r) => setTimeout(r, idleMs));
    const idle = await stats();

    for (const c of clients) c.send(`chat ${turnsPerSecond / processes} ${chatMs}`);
    const results = await Promise.all(
      clients.map(async (c) => JSON.parse(await c.next("turns")) as { samples: number[]; lost: number }),
    );
    const chat = await stats();

    const samples = results.flatMap((r) => r.samples).sort((a, b) => a - b);
    const idleHeapExternal = idle.heap + idle.external;
    return {
      visitors: n,
      connectMs,
      connectCpuMsPerVisitor: cpuBetween(before, connected) / n,
      chatCpuMsPerTurn: cpuBetween(idle, chat) / Math.max(1, samples.length),
      idleCpuPercent: (cpuBetween(connected, idle) / idleMs) * 100,
      rss: idle.rss,
      heapExternal: idleHeapExternal,
      rssPerVisitor: (idle.rss - before.rss) / n,
      heapExternalPerVisitor: (idleHeapExternal - before.heap - before.external) / n,
      idleLag: idle.lag,
      chatLag: chat.lag,
      turnsPerSecond,
      turns: samples.length,
      lostTurns: results.reduce((s, r) => s + r.lost, 0),
      turnP50: percentile(samples, 0.5),
      turnP99: percentile(samples, 0.99),
    };
  } finally {
    // Visitors hang up first, so the server has no connections left to close; then the server, then its keys.
    await Promise.all(clients.map((c) => c.end(5000)));
    await server.end(10_000);
    await deleteKeysAt(redisUrl, prefix);
  }
}
