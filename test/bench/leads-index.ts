// Every lead at any volume (issue 20): a site of 1,000,000 conversations over a year against one of 1,000, in one
// run, through the running app's HTTP API: the leads page (25 rows and the total), a filtered page (tier and
// source), a search, pages sorted by score and (filtered) by name, the inbox's page (25 conversations and the
// views' counts) and its search, and a streamed CSV export, with its rows per second, the server's peak RSS over
// its start, and its event loop's delay meanwhile (its longest hold and p99, sampled every millisecond, so each
// reads about 1 ms over the hold itself). On a machine shared with other work a hold is also time the server
// waited for a core: its main thread's own CPU time in each hold is read too (Linux's schedstat), the part the code
// is answerable for. The app runs in a process of its own (leads-server.ts), as a server does: this one seeds, so
// the seeding's heap and garbage are not the server's. BENCH_CPU_PROF=<dir> writes a CPU profile of each export
// there.
//
// Seeding: each conversation goes through the store's own create (this process's store on the server's prefix) (createConversation: create-conversation-8.lua,
// the leads index written in the same step, exactly as for a visitor's first message), many in flight at once (the
// client pipelines them); the conversations are what the bot leaves (the default playbook's state, with a tier,
// and for a part a name, an email and a source), spread evenly over the year before now.
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { createRedisStore } from "../../server/store/redis-store.ts";
import type { Conversation, Store } from "../../server/store/types.ts";
import type { Tier } from "../../shared/protocol/index.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";
import { lead } from "../support/store-contract.ts";
import type { LeadsServerMessage, ServerFigures } from "./leads-server.ts";
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

// The app in a process of its own (leads-server.ts) on `prefix`, and a way to ask it things.
async function server(redisUrl: string, prefix: string) {
  const child: ChildProcess = fork(new URL("./leads-server.ts", import.meta.url), [redisUrl, prefix], {
    execArgv: ["--expose-gc", "--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = async <T>(type: string): Promise<T> => {
    for (;;) {
      const [m] = (await once(child, "message")) as [{ type: string } & T];
      if (m.type === type) return m;
    }
  };
  const ask = (m: LeadsServerMessage) => child.send(m);
  const ready = await next<{ url: string; siteKey: string; token: string }>("ready");
  return {
    ...ready,
    async measured<T>(name: string, run: () => Promise<T>): Promise<T & ServerFigures> {
      ask({ type: "measure", name });
      await next("measuring");
      const result = await run();
      ask({ type: "done" });
      const { figures } = await next<{ figures: ServerFigures }>("figures");
      return { ...result, ...figures };
    },
    async close() {
      ask({ type: "close" });
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}
type Server = Awaited<ReturnType<typeof server>>;

// The export read as a client reads it (each chunk dropped once counted), the server measuring itself meanwhile. A
// JSON export has no line per row: its rows are given (the CSV's of the same filter).
async function exported(srv: Server, name: string, path: string, jsonRows?: number) {
  return srv.measured(name, async () => {
    const t = performance.now();
    const res = await fetch(`${srv.url}${path}`, { headers: { authorization: `Bearer ${srv.token}` } });
    let rows = -1;
    const reader = res.body?.getReader();
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      for (const byte of chunk.value) if (byte === 10) rows++;
    }
    const seconds = (performance.now() - t) / 1000;
    if (jsonRows !== undefined) rows = jsonRows;
    return { rows, rowsPerS: Math.round(rows / seconds) };
  });
}

export async function leadsAtVolume(redisUrl: string, big = 1_000_000, small = 1000, runs = 200) {
  const now = Date.now();
  const sides = [];
  for (const [name, n] of [
    ["small", small],
    ["big", big],
  ] as const) {
    const prefix = `banter-bench:${now}:leads-${name}:`;
    const srv = await server(redisUrl, prefix);
    const store = await createRedisStore(redisUrl, prefix);
    const seedS = await seed(store, srv.siteKey, n, now);
    await store.close();
    sides.push({ name, n, prefix, srv, seedS });
  }
  // The seeding's garbage collected here too (run with --expose-gc): a collection of this process's heap during a
  // request would count in its time.
  for (let i = 0; i < 3; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const figures: Record<string, unknown> = {};
  for (const { name, n, prefix, srv, seedS } of sides) {
    const { url, token, siteKey } = srv;
    const site = `/api/leads?site=${siteKey}&pageSize=25`;
    const paths = {
      page: site,
      filtered: `${site}&tier=hot&source=google`,
      search: `${site}&q=lee`,
      // Sorted through the sort sets (shared/leads/order.ts): the whole site by score, and a filter by name.
      sorted: `${site}&sort=score&dir=desc`,
      sortedFiltered: `${site}&sort=name&dir=asc&tier=hot&source=google`,
      // The inbox (the activity index): its first page of every view with the four counts, and a search.
      inbox: `/api/conversations?site=${siteKey}&limit=25`,
      inboxSearch: `/api/conversations?site=${siteKey}&limit=25&q=lee`,
    };
    // Every path warmed first: a fresh process compiles each one's code on its first requests (20-80 ms each on
    // this machine), which is not what a p99 of requests to a running server should count.
    for (const path of Object.values(paths)) await timed(url, token, path, 20);
    const times: Record<string, { p50: number; p99: number }> = {};
    for (const [name, path] of Object.entries(paths)) times[name] = await timed(url, token, path, runs);
    // Hot is one in six: the whole year's hot leads of the big site are about 170,000 rows (a tenth: the last
    // 36 days, exported first); the small site exports all of its hot leads.
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    const exportTenth =
      n > small
        ? await exported(
            srv,
            `${name}-csv-tenth`,
            `/api/leads.csv?site=${siteKey}&tier=hot&from=${day(now - yearMs / 10)}`,
          )
        : null;
    const exportAll = await exported(srv, `${name}-csv`, `/api/leads.csv?site=${siteKey}&tier=hot`);
    // JSON: every card in full, each row one JSON.stringify.
    const exportJson = await exported(srv, `${name}-json`, `/api/leads.json?site=${siteKey}&tier=hot`, exportAll.rows);
    // Every row of the site, as CSV and as JSON: flat memory is a peak that does not grow with the rows.
    const exportEvery = await exported(srv, `${name}-csv-every`, `/api/leads.csv?site=${siteKey}`);
    const exportEveryJson = await exported(
      srv,
      `${name}-json-every`,
      `/api/leads.json?site=${siteKey}`,
      exportEvery.rows,
    );
    // The same two on a server just started: how much garbage waits for a full collection is V8's choice, from
    // the heap limit it set after the work before (the pages' 1,400 requests, the exports above), so the peaks
    // above are of this server's history as much as of the export's; a fresh server's carry the least history
    // (and still vary from run to run: docs/scaling.md).
    // Its export paths warmed first, unmeasured (the last 36 days' hot leads in both formats), as the pages are: a
    // fresh process compiles a path's code on its first request.
    await srv.close();
    const fresh = await server(redisUrl, prefix);
    const recent = `site=${siteKey}&tier=hot&from=${day(now - yearMs / 10)}`;
    for (const format of ["csv", "json"]) await timed(fresh.url, fresh.token, `/api/leads.${format}?${recent}`, 1);
    const exportEveryFresh = await exported(fresh, `${name}-csv-every-fresh`, `/api/leads.csv?site=${siteKey}`);
    const exportEveryJsonFresh = await exported(
      fresh,
      `${name}-json-every-fresh`,
      `/api/leads.json?site=${siteKey}`,
      exportEvery.rows,
    );
    await fresh.close();
    figures[name] = {
      conversations: n,
      seedS: Math.round(seedS),
      ...times,
      exportAll,
      exportTenth,
      exportJson,
      exportEvery,
      exportEveryJson,
      exportEveryFresh,
      exportEveryJsonFresh,
    };
  }
  for (const { prefix } of sides) await deleteKeysAt(redisUrl, prefix);
  return figures;
}
