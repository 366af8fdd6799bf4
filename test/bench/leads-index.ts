// Every lead at any volume (issue 20): a site of 1,000,000 conversations over a year against one of 1,000, in one
// run, through the running app's HTTP API: the leads page (25 rows and the total), a filtered page (tier and
// source), a search, pages sorted by score and (filtered) by name, the inbox's page (25 conversations and the
// views' counts) and its search, and a streamed CSV export, with its rows per second, the process's peak RSS over
// its start, and the event loop's delay meanwhile (its longest hold and p99, sampled every millisecond, so each
// reads about 1 ms over the hold itself). On a machine shared with other work a hold is also time the process
// waited for a core: the main thread's own CPU time in each hold is read too (Linux's schedstat), the part the code
// is answerable for. The seeding's garbage is collected before the exports (run with --expose-gc; npm run bench
// does), so the figures are the export's own. BENCH_CPU_PROF=<dir> writes a CPU profile of each export there.
//
// Seeding: each conversation goes through the store's own create (createConversation: create-conversation-8.lua,
// the leads index written in the same step, exactly as for a visitor's first message), many in flight at once (the
// client pipelines them); the conversations are what the bot leaves (the default playbook's state, with a tier,
// and for a part a name, an email and a source), spread evenly over the year before now.
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createRedisStore } from "../../server/store/redis-store.ts";
import type { Conversation, Store } from "../../server/store/types.ts";
import type { Tier } from "../../shared/protocol/index.ts";
import { startApp } from "../support/app.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";
import { lead } from "../support/store-contract.ts";
import { percentiles } from "./turns.ts";

const yearMs = 365 * 24 * 3600 * 1000;
const sources = ["google", "linkedin", "newsletter", "partner", "bing"];
const tiers: Tier[] = ["cold", "cold", "cold", "warm", "warm", "hot"];

// The i-th of n conversations: a deterministic mix. One in five left a name and an email; a tenth of those
// emails come back (the same person twice); one in three came from a named source. Built from one template per
// shape (the engine's start state is the same for every one), so seeding measures the store, not the template.
const templates = new Map<string, Conversation>();
function seeded(i: number, n: number, siteKey: string, now: number): Conversation {
  const at = now - yearMs + Math.floor((i * yearMs) / n);
  // A multiplicative hash of i, so tier, name and source fall independently of one another.
  const h = Math.imul(i + 1, 2654435761) >>> 0;
  const tier = tiers[h % tiers.length] as Tier;
  const named = (h >>> 8) % 5 === 0;
  const shape = `${tier}:${named}`;
  const template = templates.get(shape) ?? lead("t", 0, { tier, ...(named ? { name: "n", email: "e" } : {}) });
  templates.set(shape, template);
  let engine = template.engine;
  if (named) {
    const name = `Person ${i % 9973} Lee`;
    const email = `p${i % 90_000}@co${i % 701}.example`;
    const slots = template.engine.slots as Record<string, { display: string; words: string; value: object }>;
    engine = {
      ...engine,
      slots: {
        ...engine.slots,
        name: { ...slots.name, display: name, words: name, value: { kind: "text", text: name } },
        email: { ...slots.email, display: email, words: email, value: { kind: "email", email } },
      } as unknown as Conversation["engine"]["slots"],
    };
  }
  const source = (h >>> 12) % 3 === 0 ? { utm: { source: sources[(h >>> 16) % sources.length] as string } } : undefined;
  return {
    ...template,
    id: `b${i.toString(36)}`,
    siteKey,
    visitorId: `v${i.toString(36)}`,
    engine,
    createdAt: at,
    updatedAt: at,
    ...(source ? { source } : {}),
  };
}

async function seed(store: Store, siteKey: string, n: number, now: number): Promise<number> {
  const started = performance.now();
  const inFlight = 2000;
  for (let i = 0; i < n; i += inFlight) {
    await Promise.all(
      Array.from({ length: Math.min(inFlight, n - i) }, (_, j) =>
        store.createConversation(seeded(i + j, n, siteKey, now)),
      ),
    );
  }
  return (performance.now() - started) / 1000;
}

async function timed(url: string, token: string, path: string, runs: number) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    await res.arrayBuffer();
    samples.push(performance.now() - t);
  }
  return percentiles(samples);
}

// The seeding's garbage collected and the process quiet again, so that the exports measure themselves.
async function settle() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) console.warn("leads bench: run with --expose-gc, or the seeding's garbage collections fall in the exports");
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

// A CPU profile of `run` (BENCH_CPU_PROF), written as <dir>/<name>.cpuprofile.
async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return run();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    return await run();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

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

// The event loop's holds as a 1 ms timer sees them, each counted by the main thread's time on a core during it
// (running JavaScript or collecting garbage, not waiting for a core): their longest and p99.
function cpuHolds() {
  const holds: number[] = [];
  let lastCpu = onCpuMs();
  const timer = setInterval(() => {
    const cpu = onCpuMs();
    if (cpu !== null && lastCpu !== null) holds.push(cpu - lastCpu);
    lastCpu = cpu;
  }, 1);
  return () => {
    clearInterval(timer);
    const sorted = holds.sort((a, b) => a - b);
    const at = (q: number) => Number((sorted[Math.floor(q * (sorted.length - 1))] ?? 0).toFixed(1));
    return { cpuHoldMaxMs: at(1), cpuHoldP99Ms: at(0.99) };
  };
}

// The export read as a client reads it (each chunk dropped once counted), the process's RSS sampled meanwhile. A
// JSON export has no line per row: its rows are given (the CSV's of the same filter).
async function exported(url: string, token: string, path: string, jsonRows?: number) {
  await settle();
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
  const held = cpuHolds();
  const t = performance.now();
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  let rows = -1;
  const reader = res.body?.getReader();
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) break;
    for (const byte of chunk.value) if (byte === 10) rows++;
  }
  const seconds = (performance.now() - t) / 1000;
  loop.disable();
  const holds = held();
  clearInterval(sampler);
  if (jsonRows !== undefined) rows = jsonRows;
  return {
    rows,
    rowsPerS: Math.round(rows / seconds),
    rssMb: Math.round(before.rss / 2 ** 20),
    peakRssMb: Math.round(peak / 2 ** 20),
    heapMb: Math.round(before.heapUsed / 2 ** 20),
    peakHeapMb: Math.round(heapPeak / 2 ** 20),
    loopMaxMs: Number((loop.max / 1e6).toFixed(1)),
    loopP99Ms: Number((loop.percentile(99) / 1e6).toFixed(1)),
    ...holds,
  };
}

export async function leadsAtVolume(redisUrl: string, big = 1_000_000, small = 1000, runs = 200) {
  const now = Date.now();
  const sides = [];
  for (const [name, n] of [
    ["small", small],
    ["big", big],
  ] as const) {
    const prefix = `banter-bench:${now}:leads-${name}:`;
    const store = await createRedisStore(redisUrl, prefix);
    const h = await startApp(store, { redis: { url: redisUrl, prefix } });
    const seedS = await seed(store, h.siteKey, n, now);
    sides.push({ name, n, prefix, h, seedS, token: (await h.login()).token });
  }
  const figures: Record<string, unknown> = {};
  for (const { name, n, h, token, seedS } of sides) {
    const site = `/api/leads?site=${h.siteKey}&pageSize=25`;
    // Warm both paths first.
    await timed(h.url, token, site, 5);
    const page = await timed(h.url, token, site, runs);
    const filtered = await timed(h.url, token, `${site}&tier=hot&source=google`, runs);
    const search = await timed(h.url, token, `${site}&q=lee`, runs);
    // Sorted through the sort sets (shared/leads/order.ts): the whole site by score, and a filter by name.
    const sorted = await timed(h.url, token, `${site}&sort=score&dir=desc`, runs);
    const sortedFiltered = await timed(h.url, token, `${site}&sort=name&dir=asc&tier=hot&source=google`, runs);
    // The inbox (the activity index): its first page of every view with the four counts, and a search.
    const inbox = await timed(h.url, token, `/api/conversations?site=${h.siteKey}&limit=25`, runs);
    const inboxSearch = await timed(h.url, token, `/api/conversations?site=${h.siteKey}&limit=25&q=lee`, runs);
    // Hot is one in six: the whole year's hot leads of the big site are about 170,000 rows (a tenth: the last
    // 36 days, exported first); the small site exports all of its hot leads.
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    const exportTenth =
      n > small
        ? await profiled(`${name}-csv-tenth`, () =>
            exported(h.url, token, `/api/leads.csv?site=${h.siteKey}&tier=hot&from=${day(now - yearMs / 10)}`),
          )
        : null;
    const exportAll = await profiled(`${name}-csv`, () =>
      exported(h.url, token, `/api/leads.csv?site=${h.siteKey}&tier=hot`),
    );
    // JSON: every card in full, each row one JSON.stringify.
    const exportJson = await profiled(`${name}-json`, () =>
      exported(h.url, token, `/api/leads.json?site=${h.siteKey}&tier=hot`, exportAll.rows),
    );
    figures[name] = {
      conversations: n,
      seedS: Math.round(seedS),
      page,
      filtered,
      search,
      sorted,
      sortedFiltered,
      inbox,
      inboxSearch,
      exportAll,
      exportTenth,
      exportJson,
    };
  }
  for (const { h, prefix } of sides) {
    await h.close();
    await h.store.close();
    await deleteKeysAt(redisUrl, prefix);
  }
  return figures;
}
