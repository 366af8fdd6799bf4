// npm run bench [-- --json]: in one run on this machine, the baseline (raw socket.io acknowledged echo) and full
// bot turns against the Redis store (visitor message -> validated -> engine -> stored -> bot reply delivered),
// both with the same number of concurrent clients, each sending its next message when the last one is answered.
import { createRedisStore } from "../../server/store/redis-store.ts";
import { defaultPlaybook, start, step } from "../../shared/engine/index.ts";
import type { LeadCard } from "../../shared/protocol/index.ts";
import { startApp } from "../support/app.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";
import { echoBaseline, turnFloor } from "./baselines.ts";
import { cpuMeter } from "./cpu.ts";
import { followUpTargetsAtVolume } from "./followup-targets.ts";
import { funnelOverAYear } from "./funnel-year.ts";
import { hostPageCost, type PageCost } from "./host-page.ts";
import { idleMemory } from "./idle-memory.ts";
import { leadsAtVolume } from "./leads-index.ts";
import { benchLimits } from "./limits.ts";
import { manyVisitors } from "./many-visitors.ts";
import { persistentStore } from "./persistent-store.ts";
import { processesThroughput } from "./processes.ts";

import { closedLoopTurns, latencyAt } from "./turn-load.ts";
import { percentiles } from "./turns.ts";

const clients = Number(process.env.BENCH_CLIENTS ?? 10);
// Each part runs this long before its measured window: a fresh path's code is compiled in its first seconds (bot
// turns measured over 4 s after 0.5 s cost 961-1,716 us of CPU each, and 751 us over 12 s).
const warmupMs = Number(process.env.BENCH_WARMUP_MS ?? 2000);
const measureMs = Number(process.env.BENCH_MS ?? 4000);
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const json = process.argv.includes("--json");
const window = { warmupMs, measureMs };

// Pure engine steps, free text through every extractor and the site's answers: a visitor qualifying hot in six
// typed messages, one of them a question the bot answers (the default playbook's sample answers).
function engineSteps(): number {
  const texts = [
    "we keep losing leads at night",
    "what does it cost?",
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
  return percentiles(samples);
}

// BENCH_ONLY=turns (or engine, echo, floor, latency, memory, handoff, page, visitors, processes, targets, persist, funnel, leads) runs one part, e.g. under a
// profiler; the others report 0. A list runs several, e.g. BENCH_ONLY=echo,turns for turns against the storing echo
// in one run. The latency part measures the maximum first when the turns part did not run.
const only = process.env.BENCH_ONLY?.split(",");
const part = <T>(name: string, run: () => T, skipped: Awaited<T>) => (!only || only.includes(name) ? run() : skipped);
const engine = await part("engine", engineSteps, 0);
const echo = await part("echo", () => echoBaseline(redisUrl, clients, window), 0);
const echoMeter = cpuMeter(redisUrl);
const echoStored = await part("echo", () => echoBaseline(redisUrl, clients, window, true, echoMeter.marks), 0);
const echoCpu = await echoMeter.perOp((echoStored * measureMs) / 1000);
const load = { redisUrl, clients, window };
const turnMeter = cpuMeter(redisUrl);
const turns = await part("turns", () => closedLoopTurns({ ...load, marks: turnMeter.marks }), { rate: 0, arrivals: 0 });
const turnCpu = await turnMeter.perOp((turns.rate * measureMs) / 1000);
// With the turns, unless asked alone: the floor is read against the storing echo of the same run.
const floorMeter = cpuMeter(redisUrl);
const floor = await part("floor", () => turnFloor(redisUrl, clients, window, floorMeter.marks), 0);
const floorCpu = await floorMeter.perOp((floor * measureMs) / 1000);
const engineFloorMeter = cpuMeter(redisUrl);
const engineFloor = await part("floor", () => turnFloor(redisUrl, clients, window, engineFloorMeter.marks, true), 0);
const engineFloorCpu = await engineFloorMeter.perOp((engineFloor * measureMs) / 1000);
const latency = await part(
  "latency",
  async () => {
    const max = turns.rate || (await closedLoopTurns(load)).rate;
    return { half: await latencyAt(load, max * 0.5, 3000), most: await latencyAt(load, max * 0.8, 3000) };
  },
  { half: { p50: 0, p99: 0, lagMaxMs: 0 }, most: { p50: 0, p99: 0, lagMaxMs: 0 } },
);
const idle = await part("memory", () => idleMemory(redisUrl, Number(process.env.BENCH_IDLE ?? 2000)), {
  raw: 0,
  banter: 0,
});
const handoff = await part("handoff", () => handoffLatency(Number(process.env.BENCH_LEADS ?? 200)), { p50: 0, p99: 0 });
const ms = (x: number) => Number(x.toFixed(1));
const noPage: PageCost = {
  loads: 0,
  without_ms: 0,
  with_ms: 0,
  added_ms: 0,
  longest_task_ms: 0,
  longest_task_without_ms: 0,
  loader_longest_task_ms: 0,
  loader_tasks_over_50ms: 0,
  with_triggers_ms: 0,
  added_triggers_ms: 0,
  longest_task_triggers_ms: 0,
  ratio_with: 0,
  ratio_with_triggers: 0,
  engage_ms: 0,
  after_load_with_ms: 0,
  after_load_triggers_ms: 0,
};
// BENCH_PAGE_LOADS: page loads of each variant (default 8).
const page = await part("page", () => hostPageCost(), noPage);
// Twice the clients of the in-process parts, so that two workers have as much work in flight each as one
// process has in the turns part. Fresh server processes: a longer warmup, for their code to be hot.
const processClients = Number(process.env.BENCH_PROCESS_CLIENTS ?? 2 * clients);
const processes = await part(
  "processes",
  () => processesThroughput(redisUrl, processClients, { warmupMs: 1000, measureMs }),
  null,
);
// The same with the classic adapter, where every process receives every broadcast: the sharded one's gain.
const processesClassic = await part(
  "processes",
  () => processesThroughput(redisUrl, processClients, { warmupMs: 1000, measureMs }, false),
  null,
);
const visitors = await part("visitors", () => manyVisitors(Number(process.env.BENCH_VISITORS ?? 10_000)), null);
const targets = await part(
  "targets",
  () => followUpTargetsAtVolume(redisUrl, Number(process.env.BENCH_TARGETS ?? 1000)),
  null,
);
// Leads at volume (issue 20): minutes of seeding (BENCH_LEADS conversations, default 1,000,000), so only when
// asked for: BENCH_ONLY=leads.
const leads = only?.includes("leads")
  ? await leadsAtVolume(redisUrl, Number(process.env.BENCH_LEADS ?? 1_000_000))
  : null;
// BENCH_PERSIST: conversations in the data directory whose load is timed (default 100,000).
const persist = await part("persist", () => persistentStore(Number(process.env.BENCH_PERSIST ?? 100_000)), null);
// BENCH_FUNNEL_BIG: the big site's conversations (default 1,000,000), against 1,000; BENCH_FUNNEL_REQUESTS each.
const funnelYear = await part(
  "funnel",
  () =>
    funnelOverAYear(
      redisUrl,
      Number(process.env.BENCH_FUNNEL_BIG ?? 1_000_000),
      Number(process.env.BENCH_FUNNEL_REQUESTS ?? 200),
    ),
  null,
);
const mb = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));
const result = {
  clients,
  measure_ms: measureMs,
  echo_msgs_per_s: Math.round(echo),
  echo_stored_msgs_per_s: Math.round(echoStored),
  turns_per_s: Math.round(turns.rate),
  ratio: echo ? Number((turns.rate / echo).toFixed(3)) : 0,
  ratio_to_stored_echo: echoStored ? Number((turns.rate / echoStored).toFixed(3)) : 0,
  // CPU per stored echo / per turn: the ratio a machine doing nothing else would show, were each side CPU-bound.
  echo_stored_cpu_us: echoCpu,
  turn_cpu_us: turnCpu,
  cpu_ratio_to_stored_echo: turnCpu.nodeUs ? Number((echoCpu.nodeUs / turnCpu.nodeUs).toFixed(3)) : 0,
  arrivals_per_s: Math.round(turns.arrivals),
  // A turn where nothing moved with none of Banter's code (baselines.ts): how close turns could come.
  floor_turns_per_s: Math.round(floor),
  floor_ratio_to_stored_echo: echoStored ? Number((floor / echoStored).toFixed(3)) : 0,
  floor_cpu_us: floorCpu,
  // The same with the engine's step: how close a turn could come with the engine and none of the rest.
  floor_engine_turns_per_s: Math.round(engineFloor),
  floor_engine_ratio_to_stored_echo: echoStored ? Number((engineFloor / echoStored).toFixed(3)) : 0,
  floor_engine_cpu_us: engineFloorCpu,
  turn_p50_ms_at_50: ms(latency.half.p50),
  turn_p99_ms_at_50: ms(latency.half.p99),
  turn_p50_ms_at_80: ms(latency.most.p50),
  turn_p99_ms_at_80: ms(latency.most.p99),
  loop_delay_max_ms_at_50: ms(latency.half.lagMaxMs),
  loop_delay_max_ms_at_80: ms(latency.most.lagMaxMs),
  engine_steps_per_s: Math.round(engine),
  idle_bytes_per_visitor: Math.round(idle.banter),
  idle_bytes_per_raw_socket: Math.round(idle.raw),
  idle_memory_ratio: idle.raw ? Number((idle.banter / idle.raw).toFixed(2)) : 0,
  handoff_p50_ms: ms(handoff.p50),
  handoff_p99_ms: ms(handoff.p99),
  page_loads: page.loads,
  page_without_ms: page.without_ms,
  page_with_ms: page.with_ms,
  page_added_ms: page.added_ms,
  page_longest_task_ms: page.longest_task_ms,
  page_longest_task_without_ms: page.longest_task_without_ms,
  page_loader_longest_task_ms: page.loader_longest_task_ms,
  page_loader_tasks_over_50ms: page.loader_tasks_over_50ms,
  page_with_triggers_ms: page.with_triggers_ms,
  page_added_triggers_ms: page.added_triggers_ms,
  page_longest_task_triggers_ms: page.longest_task_triggers_ms,
  page_ratio_with: page.ratio_with,
  page_ratio_with_triggers: page.ratio_with_triggers,
  page_engage_ms: page.engage_ms,
  page_after_load_with_ms: page.after_load_with_ms,
  page_after_load_triggers_ms: page.after_load_triggers_ms,
  process_clients: processes ? processClients : 0,
  turns_1_process_per_s: Math.round(processes?.one.turnsPerS ?? 0),
  turns_2_processes_per_s: Math.round(processes?.two.turnsPerS ?? 0),
  processes_ratio: processes ? Number((processes.two.turnsPerS / processes.one.turnsPerS).toFixed(2)) : 0,
  turns_1_process_classic_adapter_per_s: Math.round(processesClassic?.one.turnsPerS ?? 0),
  turns_2_processes_classic_adapter_per_s: Math.round(processesClassic?.two.turnsPerS ?? 0),
  processes_ratio_classic_adapter: processesClassic
    ? Number((processesClassic.two.turnsPerS / processesClassic.one.turnsPerS).toFixed(2))
    : 0,
  processes_classic_adapter_server_ms_per_turn: processesClassic
    ? [processesClassic.one.serverMsPerTurn, processesClassic.two.serverMsPerTurn].map((ms) => Number(ms.toFixed(2)))
    : null,
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
  visitors: visitors?.visitors ?? 0,
  visitors_connect_ms: Math.round(visitors?.connectMs ?? 0),
  visitors_connect_cpu_ms_per_visitor: Number((visitors?.connectCpuMsPerVisitor ?? 0).toFixed(2)),
  visitors_chat_cpu_ms_per_turn: Number((visitors?.chatCpuMsPerTurn ?? 0).toFixed(2)),
  visitors_idle_cpu_percent: Math.round(visitors?.idleCpuPercent ?? 0),
  visitors_rss_mb: mb(visitors?.rss ?? 0),
  visitors_heap_external_mb: mb(visitors?.heapExternal ?? 0),
  visitors_rss_bytes_per_visitor: Math.round(visitors?.rssPerVisitor ?? 0),
  visitors_heap_external_bytes_per_visitor: Math.round(visitors?.heapExternalPerVisitor ?? 0),
  visitors_idle_lag_p50_ms: visitors?.idleLag.p50 ?? 0,
  visitors_idle_lag_p99_ms: visitors?.idleLag.p99 ?? 0,
  visitors_idle_lag_max_ms: visitors?.idleLag.max ?? 0,
  visitors_chat_turns_per_s: visitors?.turnsPerSecond ?? 0,
  visitors_chat_turns: visitors?.turns ?? 0,
  visitors_chat_lost_turns: visitors?.lostTurns ?? 0,
  visitors_chat_lag_p50_ms: visitors?.chatLag.p50 ?? 0,
  visitors_chat_lag_p99_ms: visitors?.chatLag.p99 ?? 0,
  visitors_chat_lag_max_ms: visitors?.chatLag.max ?? 0,
  visitors_turn_p50_ms: Number((visitors?.turnP50 ?? 0).toFixed(1)),
  visitors_turn_p99_ms: Number((visitors?.turnP99 ?? 0).toFixed(1)),
  targets_leads: targets?.leads ?? 0,
  targets_listed_by_each_process: targets?.listedByEach ?? [],
  targets_marked: targets?.marked ?? 0,
  targets_marked_twice: targets?.markedTwice ?? 0,
  targets_lag_p50_ms: targets?.lag.p50 ?? 0,
  targets_lag_p99_ms: targets?.lag.p99 ?? 0,
  persist_memory_writes_per_s: Math.round(persist?.memoryWritesPerS ?? 0),
  persist_writes_per_s: Math.round(persist?.persistentWritesPerS ?? 0),
  persist_write_ratio: persist ? Number((persist.persistentWritesPerS / persist.memoryWritesPerS).toFixed(2)) : 0,
  persist_load_conversations: persist?.conversations ?? 0,
  persist_load_ms: Math.round(persist?.loadMs ?? 0),
  persist_data_mb: persist ? Number(persist.dataMb.toFixed(1)) : 0,
  targets_tick_ms: targets?.tickMs ?? 0,
  leads,
  funnel_year_small: funnelYear?.small ?? null,
  funnel_year_large: funnelYear?.large ?? null,
  funnel_year_ratio_p99: funnelYear?.ratio_p99 ?? 0,
};
if (json) {
  console.log(JSON.stringify(result));
} else {
  const r = result;
  console.log(`raw socket.io acked echo:      ${r.echo_msgs_per_s} msgs/s (${clients} clients)`);
  console.log(`  ... storing each in Redis:   ${r.echo_stored_msgs_per_s} msgs/s (one round trip per message)`);
  console.log(`full bot turns on Redis:       ${r.turns_per_s} turns/s (${clients} clients, visitors joined)`);
  console.log(`ratio turns/echo:              ${r.ratio} (turns/stored echo ${r.ratio_to_stored_echo})`);
  console.log(
    `CPU per turn:                  ${r.turn_cpu_us.nodeUs} us here, ${r.turn_cpu_us.redisUs} us in Redis; per stored echo ${r.echo_stored_cpu_us.nodeUs} / ${r.echo_stored_cpu_us.redisUs} us (ratio ${r.cpu_ratio_to_stored_echo})`,
  );
  console.log(
    `the floor under a turn:        ${r.floor_turns_per_s} /s (baselines.ts: its wire work, no Banter code; /stored echo ${r.floor_ratio_to_stored_echo}; CPU ${r.floor_cpu_us.nodeUs} us here, ${r.floor_cpu_us.redisUs} in Redis)`,
  );
  console.log(
    `  ... with the engine's step:  ${r.floor_engine_turns_per_s} /s (/stored echo ${r.floor_engine_ratio_to_stored_echo}; CPU ${r.floor_engine_cpu_us.nodeUs} us here, ${r.floor_engine_cpu_us.redisUs} in Redis)`,
  );
  console.log(`visitor arrivals:              ${r.arrivals_per_s} /s (connect + join, ${clients} at a time)`);
  console.log(
    `turn latency at 50% of max:    p50 ${r.turn_p50_ms_at_50} ms, p99 ${r.turn_p99_ms_at_50} ms (event-loop delay max ${r.loop_delay_max_ms_at_50} ms)`,
  );
  console.log(
    `turn latency at 80% of max:    p50 ${r.turn_p50_ms_at_80} ms, p99 ${r.turn_p99_ms_at_80} ms (event-loop delay max ${r.loop_delay_max_ms_at_80} ms)`,
  );
  console.log(
    `engine steps (free text):      ${r.engine_steps_per_s} steps/s (one core, no IO; one message in six a question)`,
  );
  console.log(
    `idle memory per visitor:       ${r.idle_bytes_per_visitor} B (raw socket.io ${r.idle_bytes_per_raw_socket} B, ratio ${r.idle_memory_ratio})`,
  );
  console.log(
    `handoff, two processes:        p50 ${r.handoff_p50_ms} ms, p99 ${r.handoff_p99_ms} ms (hot message -> offer at the rep)`,
  );
  console.log(
    `host page, widget.js:          +${page.added_ms} ms main-thread CPU per page load (${page.without_ms} -> ${page.with_ms} ms, medians of ${page.loads} loads each)`,
  );
  console.log(
    `  longest task ${page.longest_task_ms} ms (${page.longest_task_without_ms} ms without the widget); the loader's own ` +
      `${page.loader_longest_task_ms} ms, ${page.loader_tasks_over_50ms} over 50 ms. The chat app loads on the first open: a page load pays for the loader only.`,
  );
  console.log(
    `  with proactive messages:     +${page.added_triggers_ms} ms (${page.with_triggers_ms} ms; x${page.ratio_with_triggers} the page without the widget, x${page.ratio_with} with the loader alone); longest task ${page.longest_task_triggers_ms} ms; the engage chunk's own tasks ${page.engage_ms} ms`,
  );
  console.log(
    `  after the load event:        ${page.after_load_with_ms} ms with widget.js, ${page.after_load_triggers_ms} ms with proactive messages (+${ms(page.after_load_triggers_ms - page.after_load_with_ms)} ms: the engage chunk, its fetch, its evaluation)`,
  );
  console.log(
    `${r.visitors} visitors, one process: connected and joined in ${r.visitors_connect_ms} ms (server CPU ${r.visitors_connect_cpu_ms_per_visitor} ms each); RSS ${r.visitors_rss_mb} MB, heap+external ${r.visitors_heap_external_mb} MB (${r.visitors_rss_bytes_per_visitor} / ${r.visitors_heap_external_bytes_per_visitor} B per visitor)`,
  );
  console.log(`  server CPU while all are connected and idle: ${r.visitors_idle_cpu_percent}% of a core`);
  console.log(
    `  event-loop delay idle p50/p99/max ${r.visitors_idle_lag_p50_ms}/${r.visitors_idle_lag_p99_ms}/${r.visitors_idle_lag_max_ms} ms; chatting (${r.visitors_chat_turns_per_s} turns/s) ${r.visitors_chat_lag_p50_ms}/${r.visitors_chat_lag_p99_ms}/${r.visitors_chat_lag_max_ms} ms; turn p50 ${r.visitors_turn_p50_ms} ms, p99 ${r.visitors_turn_p99_ms} ms (${r.visitors_chat_turns} turns, ${r.visitors_chat_lost_turns} lost, server CPU ${r.visitors_chat_cpu_ms_per_turn} ms each)`,
  );
  if (targets) {
    console.log(
      `follow-up targets, 2 processes: ${r.targets_leads} leads of ${targets.reps} reps listed ${r.targets_listed_by_each_process.join(" and ")} times; marked ${r.targets_marked}, twice ${r.targets_marked_twice}`,
    );
    console.log(
      `  lag from due to mark: p50 ${r.targets_lag_p50_ms} ms, p99 ${r.targets_lag_p99_ms} ms (routing's tick ${r.targets_tick_ms} ms: p99/tick ${(r.targets_lag_p99_ms / r.targets_tick_ms).toFixed(2)})`,
    );
  }
  if (persist) {
    console.log(
      `embedded store on disk:        ${r.persist_writes_per_s} writes/s against ${r.persist_memory_writes_per_s} in memory only (ratio ${r.persist_write_ratio}, final flush included)`,
    );
    console.log(
      `  restart: ${r.persist_load_conversations} conversations (${r.persist_data_mb} MB on disk) load in ${r.persist_load_ms} ms`,
    );
  }
  if (processes) {
    const cores = (r: typeof processes.one) =>
      `${r.serverMsPerTurn.toFixed(2)} server CPU ms/turn; cores: servers ${r.cores.servers.toFixed(2)} (primary ${r.cores.primary.toFixed(2)}), clients ${r.cores.client.toFixed(2)}, redis ${r.cores.redis.toFixed(2)}, other work ${r.cores.others.toFixed(2)}`;
    console.log(`bot turns, 1 process:          ${r.turns_1_process_per_s} turns/s (${cores(processes.one)})`);
    console.log(`bot turns, 2 workers:          ${r.turns_2_processes_per_s} turns/s (${cores(processes.two)})`);
    console.log(
      `ratio 2 workers / 1:           ${r.processes_ratio} (${processClients} clients in their own process, joins included)`,
    );
    if (processesClassic) {
      console.log(
        `  classic adapter, same run:    1 process ${r.turns_1_process_classic_adapter_per_s} turns/s (${cores(processesClassic.one)})`,
      );
      console.log(
        `                                2 workers ${r.turns_2_processes_classic_adapter_per_s} turns/s (${cores(processesClassic.two)})`,
      );
      console.log(`  ratio 2 workers / 1, classic: ${r.processes_ratio_classic_adapter}`);
    }
    // Two workers can only gain from a core the rest leaves idle: work that is not this benchmark's skews it.
    const others = Math.max(
      ...[processes, processesClassic].flatMap((p) => (p ? [p.one.cores.others, p.two.cores.others] : [])),
    );
    if (others > 0.2)
      console.log(`  (other work took up to ${others.toFixed(2)} cores of the machine: the ratio is skewed)`);
  }
  if (funnelYear) {
    const line = (f: typeof funnelYear.small) =>
      `${f.conversations} conversations: p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms (~${f.fieldsPerDay} counters a day)`;
    console.log(`funnel over a year, ${line(funnelYear.small)}`);
    console.log(`  ... ${line(funnelYear.large)}; p99 ratio ${funnelYear.ratio_p99}`);
  }
}
if (!json && leads) console.log(`leads at volume (BENCH_ONLY=leads): ${JSON.stringify(leads, null, 2)}`);
process.exit(0);
