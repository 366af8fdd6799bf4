// The funnel over a year at volume (issue 20): GET /api/funnel for 365 days on a site with 1,000,000 conversations
// against the same on a site with 1,000, on a real Redis. The big site's counters are seeded as the write path
// would leave them: each conversation's contributions (shared/funnel/contributions.ts, the function the write scripts
// apply) summed per creation day and written to the day hashes, with a realistic spread of sources, reps, questions
// and waits. Both sites also hold 1,000 real conversations (through the store) on the last day, so the follow-ups'
// bounded read (SPEC.md F33) costs what it costs on a real site; the small site's counters are theirs alone.
import { createClient } from "redis";
import { createRedisStore } from "../../server/store/redis-store.ts";
import type { Conversation } from "../../server/store/types.ts";
import { defaultPlaybook, type EngineState, start } from "../../shared/engine/index.ts";
import {
  addDays,
  applyIncrements,
  type CountedConversation,
  type Counters,
  counterDay,
  counterHashes,
  hashContributions,
  isoDay,
} from "../../shared/funnel/index.ts";
import { outcomes } from "../../shared/protocol/index.ts";
import { startApp } from "../support/app.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";
import { percentiles } from "./turns.ts";

export interface FunnelYearFigures {
  conversations: number;
  fieldsPerDay: number;
  seedMs: number;
  p50: number;
  p99: number;
}

// A seeded pseudo-random source, so that every run seeds the same data.
export function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const sources = ["google", "linkedin", "newsletter", "bing", "twitter", "partner-a", "partner-b", "direct"];
const questionIds = defaultPlaybook.questions.map((q) => q.id);

// One conversation of the mix: most leave early, a share qualify, some ask for a person and wait seconds to
// minutes for a rep (reps r0..r9), some are rated.
export function lead(rand: () => number, createdAt: number, base: EngineState): CountedConversation {
  const answered = Math.floor(rand() * (questionIds.length + 1));
  const done = answered === questionIds.length;
  const hot = done && rand() < 0.4;
  const slots: EngineState["slots"] = {};
  for (const q of questionIds.slice(0, answered)) {
    const value = { kind: "text" as const, text: "x" };
    slots[q] = { slot: q, questionId: q, label: q, order: 0, value, display: "x", words: "x", at: 0 };
  }
  const c: CountedConversation = {
    createdAt,
    engine: {
      ...base,
      slots,
      asking: done ? null : (questionIds[answered] ?? null),
      outcome: done ? (hot ? "handoff" : "warm") : null,
      qualification: {
        score: 0,
        tier: hot ? "hot" : done ? "warm" : "cold",
        stage: hot ? "sql" : done ? "mql" : "lead",
        reasons: [],
      },
    },
    source: { utm: { source: sources[Math.floor(rand() * sources.length)] as string } },
  };
  if (hot) {
    c.queuedAt = createdAt + 60_000;
    const rep = `r${Math.floor(rand() * 10)}`;
    if (rand() < 0.8) {
      // Waits from a few seconds to several minutes.
      c.acceptedAt = c.queuedAt + Math.round(3000 + rand() * rand() * 600_000);
      c.repId = rep;
      if (rand() < 0.5) c.outcome = outcomes[Math.floor(rand() * outcomes.length)];
      if (rand() < 0.3) c.rating = { score: (1 + Math.floor(rand() * 5)) as 1, repId: rep, repName: rep, at: 0 };
    } else c.missedHandoff = true;
  }
  return c;
}

async function measureSite(redisUrl: string, size: number, requests: number): Promise<FunnelYearFigures> {
  const prefix = `banter-bench:${Date.now()}:funnel-${size}:`;
  const h = await startApp(await createRedisStore(redisUrl, prefix));
  const client = createClient({ url: redisUrl });
  await client.connect();
  try {
    const today = isoDay(Date.now());
    const first = addDays(today, -364);
    const rand = random(size);
    const base = start(defaultPlaybook).state;
    const started = performance.now();
    // The real conversations, newest day, through the store's write path (their counters are theirs).
    const real = Math.min(size, 1000);
    const now = Date.now();
    await Promise.all(
      Array.from({ length: real }, async (_, i) => {
        const c = lead(rand, now - 3_600_000 + i, base);
        const draft: Conversation = {
          ...c,
          id: `real-${i}`,
          siteKey: h.siteKey,
          visitorId: `v-${i}`,
          status: "bot",
          updatedAt: c.createdAt,
          rev: 0,
        };
        const created = await h.store.createConversation({ ...draft, engine: base });
        await h.store.updateConversation({ ...draft, rev: created.rev });
      }),
    );
    // The rest as counters, spread evenly over the year's days: each into every hash the write scripts move (its
    // day, its month's rollup and chart).
    const seeded = size - real;
    const days = new Map<string, Counters>();
    for (let i = 0; i < seeded; i++) {
      const day = addDays(first, Math.floor((i / seeded) * 365));
      const c = lead(rand, Date.parse(`${day}T12:00:00Z`), base);
      const names = counterHashes(counterDay(c));
      for (const [j, add] of hashContributions(c, defaultPlaybook).entries()) {
        const name = names[j] ?? "";
        const counters = days.get(name) ?? {};
        applyIncrements(counters, add);
        days.set(name, counters);
      }
    }
    // Each hash with a version, as a write leaves it (server/store/lua/lib-funnel-counters.lua, SPEC.md F36).
    let version = Date.now() * 1000;
    for (const [day, counters] of days) {
      const key = `${prefix}site:${h.siteKey}:funnel:${day}`;
      const existing = await client.hGetAll(key);
      for (const [f, n] of Object.entries(existing)) if (f !== "#") counters[f] = (counters[f] ?? 0) + Number(n);
      const fields = Object.fromEntries(Object.entries(counters).map(([f, n]) => [f, String(n)]));
      await client.hSet(key, { ...fields, "#": String(version++) });
    }
    const seedMs = performance.now() - started;
    const fieldCounts = await Promise.all(
      [...days.keys()]
        .filter((name) => name.length === 10)
        .slice(0, 30)
        .map((day) => client.hLen(`${prefix}site:${h.siteKey}:funnel:${day}`)),
    );
    const { token } = await h.login();
    const url = `${h.url}/api/funnel?site=${h.siteKey}&from=${first}&to=${today}`;
    const get = async () => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`funnel: ${res.status}`);
      return (await res.json()) as { funnel: { stages: { count: number }[] } };
    };
    const check = await get();
    if (check.funnel.stages[0]?.count !== size) throw new Error(`funnel counted ${check.funnel.stages[0]?.count}`);
    for (let i = 0; i < 10; i++) await get();
    const samples: number[] = [];
    // A busy site: a write lands in the month in progress between any two reports, so its rollup and chart are
    // read whole each time (SPEC.md F36); the closed months are not.
    const moving = counterHashes(today)
      .slice(1, 3)
      .map((name) => `${prefix}site:${h.siteKey}:funnel:${name}`);
    for (let i = 0; i < requests; i++) {
      for (const key of moving) if (await client.exists(key)) await client.hIncrBy(key, "#", 1);
      const t = performance.now();
      await get();
      samples.push(performance.now() - t);
    }
    const { p50, p99 } = percentiles(samples);
    const avgFields = fieldCounts.length ? fieldCounts.reduce((a, b) => a + b, 0) / fieldCounts.length : 0;
    return { conversations: size, fieldsPerDay: Math.round(avgFields), seedMs: Math.round(seedMs), p50, p99 };
  } finally {
    await client.close();
    await h.close();
    await h.store.close();
    await deleteKeysAt(redisUrl, prefix);
  }
}

// BENCH_FUNNEL_BIG (default 1,000,000) against 1,000, each `requests` times after a warmup.
export async function funnelOverAYear(redisUrl: string, big = 1_000_000, requests = 200) {
  const small = await measureSite(redisUrl, 1000, requests);
  const large = await measureSite(redisUrl, big, requests);
  return { small, large, ratio_p99: Number((large.p99 / small.p99).toFixed(2)) };
}
