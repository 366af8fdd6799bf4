// The app the leads bench (leads-index.ts) reads, in a process of its own as a server runs: forked with an IPC
// channel, it starts on the Redis prefix given (argv), tells the bench its URL, demo site and an owner's token, and
// measures itself from each {measure} to the {done} after it: its peak RSS and heap over their start, the event
// loop's delay, and its main thread's own CPU time in each hold. Its garbage is collected before each measure (run
// with --expose-gc), so each export measures itself. BENCH_CPU_PROF=<dir>: a CPU profile of each measured span,
// as <dir>/<name>.cpuprofile; BENCH_HEAP_PROF=<dir>: a sampled heap profile of what it allocated that outlived a
// young-generation collection, as <dir>/<name>.heapprofile (both open in Chrome's DevTools).
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createRedisStore } from "../../server/store/redis-store.ts";
import { startApp } from "../support/app.ts";

export type LeadsServerMessage = { type: "measure"; name: string } | { type: "done" } | { type: "close" };
export interface ServerFigures {
  rssMb: number;
  peakRssMb: number;
  heapMb: number;
  peakHeapMb: number;
  loopMaxMs: number;
  loopP99Ms: number;
  cpuHoldMaxMs: number;
  cpuHoldP99Ms: number;
}

const [redisUrl, prefix] = process.argv.slice(2) as [string, string];
const send = (m: unknown) => process.send?.(m);

// The main thread's time on a core so far, in ms (Linux: /proc/<pid>/task/<tid>/schedstat, the main thread's tid
// being the pid), or null elsewhere.
const statPath = `/proc/${process.pid}/task/${process.pid}/schedstat`;
function onCpuMs(): number | null {
  try {
    return Number(readFileSync(statPath, "utf8").split(" ")[0]) / 1e6;
  } catch {
    return null;
  }
}

// The process quiet again, its garbage collected, before a measure.
async function settle() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) console.warn("leads bench: run the server with --expose-gc, or earlier garbage falls in the exports");
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

// Measures from now until the returned function is called.
async function measure(name: string): Promise<() => Promise<ServerFigures>> {
  await settle();
  const dir = process.env.BENCH_CPU_PROF;
  const session = dir ? new Session() : null;
  if (session) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  // What survived a young-generation collection (promoted garbage and what stays), by where it was allocated.
  const heapDir = process.env.BENCH_HEAP_PROF;
  const heap = heapDir ? new Session() : null;
  if (heap) {
    heap.connect();
    await heap.post("HeapProfiler.enable");
    await heap.post("HeapProfiler.startSampling", {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: false,
    });
  }
  const before = process.memoryUsage();
  let peak = before.rss;
  let heapPeak = before.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 20);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  // The event loop's holds as a 1 ms timer sees them, each counted by the main thread's time on a core during it
  // (running JavaScript or collecting garbage, not waiting for a core): their longest and p99.
  const holds: number[] = [];
  let lastCpu = onCpuMs();
  const timer = setInterval(() => {
    const cpu = onCpuMs();
    if (cpu !== null && lastCpu !== null) holds.push(cpu - lastCpu);
    lastCpu = cpu;
  }, 1);
  return async () => {
    clearInterval(timer);
    clearInterval(sampler);
    loop.disable();
    if (session && dir) {
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    }
    if (heap && heapDir) {
      const { profile } = await heap.post("HeapProfiler.stopSampling");
      writeFileSync(join(heapDir, `${name}.heapprofile`), JSON.stringify(profile));
      heap.disconnect();
    }
    const sorted = holds.sort((a, b) => a - b);
    const at = (q: number) => Number((sorted[Math.floor(q * (sorted.length - 1))] ?? 0).toFixed(1));
    const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
    return {
      rssMb: mb(before.rss),
      peakRssMb: mb(peak),
      heapMb: mb(before.heapUsed),
      peakHeapMb: mb(heapPeak),
      loopMaxMs: Number((loop.max / 1e6).toFixed(1)),
      loopP99Ms: Number((loop.percentile(99) / 1e6).toFixed(1)),
      cpuHoldMaxMs: at(1),
      cpuHoldP99Ms: at(0.99),
    };
  };
}

const store = await createRedisStore(redisUrl, prefix);
const h = await startApp(store, { redis: { url: redisUrl, prefix } });
let stop: (() => Promise<ServerFigures>) | null = null;
process.on("message", async (m: LeadsServerMessage) => {
  if (m.type === "measure") {
    stop = await measure(m.name);
    send({ type: "measuring" });
  } else if (m.type === "done" && stop) {
    const figures = await stop();
    stop = null;
    send({ type: "figures", figures });
  } else if (m.type === "close") {
    await h.close();
    await store.close();
    process.exit(0);
  }
});
send({ type: "ready", url: h.url, siteKey: h.siteKey, token: (await h.login()).token });
