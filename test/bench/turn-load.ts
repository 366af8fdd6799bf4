// Bot turns on a Banter app in this process (Redis store and adapter, as production runs with REDIS_URL), on
// visitors joined beforehand, so a measured turn is one turn: their arrival (handshake, conversation, greeting)
// is measured apart, as arrivals per second. Closed loop for the maximum, open loop for latency under load.
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createRedisStore } from "../../server/store/redis-store.ts";
import { startApp } from "../support/app.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";
import { benchLimits } from "./limits.ts";
import { answers, drive, percentiles, turn, type Window } from "./turns.ts";

export interface LoadOptions {
  redisUrl: string;
  // Visitors in flight in the closed loop, and joining at a time.
  clients: number;
  window: Window;
  // Told when the measured window opens and closes (CPU accounting).
  marks?: { opened(): void; closed(): void };
}

type Harness = Awaited<ReturnType<typeof startApp>>;
type Visitor = ReturnType<Harness["visitor"]>;

async function joinedVisitors(h: Harness, n: number, atOnce: number): Promise<Visitor[]> {
  const ready: Visitor[] = [];
  for (let i = 0; i < n; i += atOnce) {
    await Promise.all(
      Array.from({ length: Math.min(atOnce, n - i) }, async () => {
        const v = h.visitor();
        await new Promise((r) => v.once("connect", () => r(null)));
        // A join refused (a limit the bench forgot to open) must stop the run here, not as NOT_JOINED turns later.
        const joined = await v.emitWithAck("conversation:join", { lastSeq: 0 });
        if (!joined.ok) throw new Error(`join failed: ${joined.error.code} ${joined.error.message}`);
        ready.push(v);
      }),
    );
  }
  return ready;
}

// Plays the joined visitors: each answers the four questions, one turn per call, then leaves; a visitor is never
// given a second turn while its last one is in flight. Past the joined supply, visitors join on the spot, and
// the run says so (its later turns include joins).
function turnSupply(h: Harness, pool: Visitor[]) {
  const waiting = pool.map((v) => ({ v, next: 0 }));
  let sent = 0;
  let ranDry = false;
  return {
    async turn(): Promise<void> {
      let slot = waiting.shift();
      if (!slot) {
        ranDry = true;
        slot = { v: (await joinedVisitors(h, 1, 1))[0] as Visitor, next: 0 };
      }
      await turn(slot.v, `b${sent++}`, answers[slot.next] as string);
      slot.next++;
      if (slot.next < answers.length) waiting.push(slot);
      else slot.v.disconnect();
    },
    warnIfDry() {
      if (ranDry) console.error("bench: the joined visitors ran out; later turns include joins (BENCH_POOL)");
    },
  };
}

async function withBanter<T>(redisUrl: string, run: (h: Harness) => Promise<T>): Promise<T> {
  const prefix = `banter-bench:${Date.now()}:`;
  const store = await createRedisStore(redisUrl, prefix);
  const h = await startApp(store, {
    limits: benchLimits,
    ...(process.env.BENCH_ADAPTER === "0" ? {} : { redis: { url: redisUrl, prefix } }),
  });
  try {
    return await run(h);
  } finally {
    await h.close();
    await store.close();
    await deleteKeysAt(redisUrl, prefix);
  }
}

// Closed loop: `clients` visitors at a time, each sending its next answer when the last turn is done.
export function closedLoopTurns(o: LoadOptions): Promise<{ rate: number; arrivals: number }> {
  return withBanter(o.redisUrl, async (h) => {
    const joinFrom = performance.now();
    const pool = await joinedVisitors(h, Number(process.env.BENCH_POOL ?? 4000), o.clients);
    const arrivals = pool.length / ((performance.now() - joinFrom) / 1000);
    const supply = turnSupply(h, pool);
    const rate = await profiled("turns", () => drive(o.clients, o.window, () => supply.turn(), o.marks));
    supply.warnIfDry();
    return { rate, arrivals };
  });
}

// Open loop at a fixed offered rate: turns start on schedule whether or not earlier ones are done, and each
// turn's latency counts from its scheduled start (a slow server cannot hide its queue by slowing the senders).
export function latencyAt(o: LoadOptions, perSecond: number, ms: number) {
  return withBanter(o.redisUrl, async (h) => {
    const { warmupMs } = o.window;
    const total = Math.floor((perSecond * (ms + warmupMs)) / 1000);
    // Half as many again as the turns need: visitors still mid-conversation at the end must not leave it dry.
    const supply = turnSupply(h, await joinedVisitors(h, Math.ceil((1.5 * total) / answers.length), o.clients));
    const samples: number[] = [];
    const inFlight: Promise<void>[] = [];
    const lag = monitorEventLoopDelay({ resolution: 1 });
    lag.enable();
    const from = performance.now();
    for (let i = 0; i < total; i++) {
      const at = from + (i * 1000) / perSecond;
      const wait = at - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(
        supply.turn().then(() => {
          if (at - from >= warmupMs) samples.push(performance.now() - at);
        }),
      );
    }
    await Promise.all(inFlight);
    lag.disable();
    supply.warnIfDry();
    // The event-loop delay of this process (server and clients): a stall here delays every turn in flight.
    return { ...percentiles(samples), lagMaxMs: lag.max / 1e6 };
  });
}

// BENCH_CPU_PROF=<dir>: a V8 CPU profile of this process (server and clients) over `run` alone, the joins before it
// left out, written to <dir>/<name>.cpuprofile (open it in Chrome's DevTools).
async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return run();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  const result = await run();
  const { profile } = await session.post("Profiler.stop");
  await writeFile(`${dir}/${name}.cpuprofile`, JSON.stringify(profile));
  session.disconnect();
  return result;
}
