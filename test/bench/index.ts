// npm run bench [-- --json]: in one run on this machine, the baseline (raw socket.io acknowledged echo) and full
// bot turns against the Redis store (visitor message -> validated -> engine -> stored -> bot reply delivered),
// both with the same number of concurrent clients, each sending its next message when the last one is answered.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { createRedisStore } from "../../server/store/redis-store.ts";
import { defaultPlaybook, start, step } from "../../shared/engine/index.ts";
import type { LeadCard } from "../../shared/protocol/index.ts";
import { startApp } from "../support/app.ts";
import { until } from "../support/processes.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";
import { benchLimits } from "./limits.ts";
import { processesThroughput } from "./processes.ts";
import { botTurns, drive } from "./turns.ts";

const clients = 10;
const warmupMs = 500;
const measureMs = Number(process.env.BENCH_MS ?? 4000);
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const json = process.argv.includes("--json");
const window = { warmupMs, measureMs };

async function echoBaseline(): Promise<number> {
  const http = createServer();
  const io = new Server(http);
  io.on("connection", (s) => s.on("echo", (payload: unknown, ack: (p: unknown) => void) => ack(payload)));
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const sockets: Socket[] = await Promise.all(
    Array.from({ length: clients }, () => {
      const s = connect(url, { transports: ["websocket"], forceNew: true });
      return new Promise<Socket>((r) => s.once("connect", () => r(s)));
    }),
  );
  const payload = { clientId: "m", text: "about 40k" };
  const rate = await drive(clients, window, async (c) => {
    await (sockets[c] as Socket).emitWithAck("echo", payload);
  });
  for (const s of sockets) s.disconnect();
  await io.close();
  return rate;
}

async function botTurnsInProcess(): Promise<number> {
  const prefix = `banter-bench:${Date.now()}:`;
  const store = await createRedisStore(redisUrl, prefix);
  const h = await startApp(store, {
    limits: benchLimits,
  });
  const turns = botTurns(clients, () => h.visitor());
  const rate = await drive(clients, window, turns.once);
  turns.close();
  await h.close();
  await store.close();
  await deleteKeysAt(redisUrl, prefix);
  return rate;
}

// Pure engine steps, free text through every extractor: a visitor qualifying hot in five typed messages.
function engineSteps(): number {
  const texts = [
    "we keep losing leads at night",
    "about 40k a year",
    "I'm the founder, I sign off",
    "by end of Q1",
    "ana@acme.io",
  ];
  const now = Date.UTC(2026, 10, 26, 12);
  let steps = 0;
  const stopAt = performance.now() + warmupMs + measureMs;
  const measureFrom = performance.now() + warmupMs;
  while (performance.now() < stopAt) {
    let t = start(defaultPlaybook);
    for (const text of texts) {
      t = step(defaultPlaybook, t.state, { text }, now);
      if (performance.now() >= measureFrom) steps++;
    }
  }
  return steps / (measureMs / 1000);
}

// Handoff latency with the visitor and the rep on different processes (two apps on one Redis, joined by the
// socket.io Redis adapter): from the visitor's message that makes the lead hot to the offer at the rep.
async function handoffLatency(leads: number): Promise<{ p50: number; p99: number }> {
  const prefix = `banter-bench:${Date.now()}:handoff:`;
  const redis = { url: redisUrl, prefix };
  const visitorSide = await startApp(await createRedisStore(redisUrl, prefix), { redis, limits: benchLimits });
  const repSide = await startApp(await createRedisStore(redisUrl, prefix), { redis, limits: benchLimits });
  const rep = repSide.rep((await repSide.login()).token);
  await new Promise((r) => rep.once("connect", () => r(null)));
  await rep.emitWithAck("inbox:get", {});
  const samples: number[] = [];
  for (let i = 0; i < leads; i++) {
    const v = visitorSide.visitor();
    await new Promise((r) => v.once("connect", () => r(null)));
    await v.emitWithAck("conversation:join", { lastSeq: 0 });
    for (const [j, choice] of ["capture", "25k-100k", "decider", "month"].entries()) {
      await v.emitWithAck("message:send", { clientId: `h${i}-${j}`, choice });
    }
    const offered = new Promise<LeadCard>((resolve) => rep.once("offer:created", resolve));
    const sent = performance.now();
    await v.emitWithAck("message:send", { clientId: `h${i}-email`, text: `lead${i}@acme.io` });
    const lead = await offered;
    samples.push(performance.now() - sent);
    await rep.emitWithAck("offer:accept", { conversationId: lead.conversationId });
    await rep.emitWithAck("conversation:close", { conversationId: lead.conversationId, outcome: "qualified" });
    v.disconnect();
  }
  rep.disconnect();
  for (const side of [visitorSide, repSide]) {
    await side.close();
    await side.store.close();
  }
  await deleteKeysAt(redisUrl, prefix);
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] as number;
  return { p50: at(0.5), p99: at(0.99) };
}

// Memory per idle connected visitor: a server process (test/bench/idle-server.ts) before and after `n` clients
// connect (and, for Banter, join their conversation), its heap and external memory after a GC each time; raw
// socket.io measured the same way in the same run.
async function idleMemory(n: number): Promise<{ raw: number; banter: number }> {
  const perConnection = async (mode: "raw" | "banter"): Promise<number> => {
    const prefix = `banter-bench:${Date.now()}:idle:`;
    const child = spawn(
      process.execPath,
      ["--expose-gc", "--import", "tsx", "test/bench/idle-server.ts", mode, prefix],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    const lines: string[] = [];
    let buffered = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      lines.push(...parts);
    });
    const field = async (name: string, from = 0) => {
      await until(() => lines.slice(from).some((l) => l.startsWith(`${name} `)), 30_000, name);
      return (lines.slice(from).find((l) => l.startsWith(`${name} `)) as string).slice(name.length + 1);
    };
    const memory = async () => {
      const from = lines.length;
      child.stdin.write("mem\n");
      return Number(await field("mem", from));
    };
    const port = Number(await field("port"));
    const siteKey = mode === "banter" ? await field("site") : "";
    const url = `http://127.0.0.1:${port}`;
    await new Promise((r) => setTimeout(r, 500));
    const before = await memory();
    const sockets: Socket[] = [];
    for (let i = 0; i < n; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, n - i) }, async () => {
          const s =
            mode === "raw"
              ? connect(url, { transports: ["websocket"], forceNew: true })
              : connect(`${url}/visitor`, {
                  auth: { siteKey },
                  extraHeaders: { origin: "http://localhost:5555" },
                  transports: ["websocket"],
                  forceNew: true,
                });
          sockets.push(s);
          await new Promise((r) => s.once("connect", () => r(null)));
          if (mode === "banter") await s.emitWithAck("conversation:join", { lastSeq: 0 });
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 1000));
    const after = await memory();
    for (const s of sockets) s.disconnect();
    child.kill();
    if (mode === "banter") await deleteKeysAt(redisUrl, prefix);
    return (after - before) / n;
  };
  return { raw: await perConnection("raw"), banter: await perConnection("banter") };
}

// BENCH_ONLY=turns (or engine, echo, handoff) runs one part, e.g. under a profiler; the others report 0.
const only = process.env.BENCH_ONLY;
const part = <T>(name: string, run: () => T, skipped: Awaited<T>) => (!only || only === name ? run() : skipped);
const engine = await part("engine", engineSteps, 0);
const echo = await part("echo", echoBaseline, 0);
const turns = await part("turns", botTurnsInProcess, 0);
const idle = await part("memory", () => idleMemory(Number(process.env.BENCH_IDLE ?? 2000)), { raw: 0, banter: 0 });
const handoff = await part("handoff", () => handoffLatency(Number(process.env.BENCH_LEADS ?? 200)), { p50: 0, p99: 0 });
// Twice the clients of the in-process parts, so that two workers have as much work in flight each as one
// process has in the turns part. Fresh server processes: a longer warmup, for their code to be hot.
const processClients = Number(process.env.BENCH_PROCESS_CLIENTS ?? 2 * clients);
const processes = await part(
  "processes",
  () => processesThroughput(redisUrl, processClients, { warmupMs: 1000, measureMs }),
  null,
);
const result = {
  clients,
  measure_ms: measureMs,
  echo_msgs_per_s: Math.round(echo),
  turns_per_s: Math.round(turns),
  ratio: echo ? Number((turns / echo).toFixed(3)) : 0,
  engine_steps_per_s: Math.round(engine),
  idle_bytes_per_visitor: Math.round(idle.banter),
  idle_bytes_per_raw_socket: Math.round(idle.raw),
  idle_memory_ratio: idle.raw ? Number((idle.banter / idle.raw).toFixed(2)) : 0,
  handoff_p50_ms: Number(handoff.p50.toFixed(1)),
  handoff_p99_ms: Number(handoff.p99.toFixed(1)),
  process_clients: processes ? processClients : 0,
  turns_1_process_per_s: Math.round(processes?.one.turnsPerS ?? 0),
  turns_2_processes_per_s: Math.round(processes?.two.turnsPerS ?? 0),
  processes_ratio: processes ? Number((processes.two.turnsPerS / processes.one.turnsPerS).toFixed(2)) : 0,
  processes_server_ms_per_turn: processes
    ? [processes.one.serverMsPerTurn, processes.two.serverMsPerTurn].map((ms) => Number(ms.toFixed(2)))
    : null,
  // Cores busy in each window (CPU seconds per second): the servers (the primary among them), the clients'
  // process, Redis, and work on the machine that is not this benchmark's.
  processes_cores: processes
    ? Object.fromEntries(
        Object.entries(processes).map(([k, r]) => [
          k,
          Object.fromEntries(Object.entries(r.cores).map(([side, c]) => [side, Number(c.toFixed(2))])),
        ]),
      )
    : null,
};
if (json) {
  console.log(JSON.stringify(result));
} else {
  console.log(`raw socket.io acked echo: ${result.echo_msgs_per_s} msgs/s (${clients} clients)`);
  console.log(`full bot turns on Redis:  ${result.turns_per_s} turns/s (${clients} clients)`);
  console.log(`ratio turns/echo:         ${result.ratio}`);
  console.log(`engine steps (free text): ${result.engine_steps_per_s} steps/s (one core, no IO)`);
  console.log(
    `idle memory per visitor:  ${result.idle_bytes_per_visitor} B (raw socket.io ${result.idle_bytes_per_raw_socket} B, ratio ${result.idle_memory_ratio})`,
  );
  console.log(
    `handoff, two processes:  p50 ${result.handoff_p50_ms} ms, p99 ${result.handoff_p99_ms} ms (hot message -> offer at the rep)`,
  );
  if (processes) {
    const cores = (r: typeof processes.one) =>
      `${r.serverMsPerTurn.toFixed(2)} server CPU ms/turn; cores: servers ${r.cores.servers.toFixed(2)} (primary ${r.cores.primary.toFixed(2)}), clients ${r.cores.client.toFixed(2)}, redis ${r.cores.redis.toFixed(2)}, other work ${r.cores.others.toFixed(2)}`;
    console.log(`bot turns, 1 process:     ${result.turns_1_process_per_s} turns/s (${cores(processes.one)})`);
    console.log(`bot turns, 2 workers:     ${result.turns_2_processes_per_s} turns/s (${cores(processes.two)})`);
    console.log(`ratio 2 workers / 1:      ${result.processes_ratio} (${processClients} clients in their own process)`);
    // Two workers can only gain from a core the rest leaves idle: work that is not this benchmark's skews it.
    const others = Math.max(processes.one.cores.others, processes.two.cores.others);
    if (others > 0.2)
      console.log(`  (other work took up to ${others.toFixed(2)} cores of the machine: the ratio is skewed)`);
  }
}
process.exit(0);
