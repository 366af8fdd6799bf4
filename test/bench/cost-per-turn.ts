// npx tsx test/bench/cost-per-turn.ts: what one bot turn costs in Redis commands and socket.io packets, counted,
// not timed (the cost model in docs/scaling.md), over every turn and by answer. One visitor at a time on a server set up as production runs
// with REDIS_URL (Redis store, Redis adapter); joins happen outside the counted window. Redis commands come from
// MONITOR, which tells a command sent over the network from one run inside a Lua script; packets are counted
// on the server's engine.io sockets (heartbeats left out).
import { createClient } from "redis";
import { createRedisStore } from "../../server/store/redis-store.ts";
import { startApp } from "../support/app.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";
import { benchLimits } from "./limits.ts";
import { answers, turn } from "./turns.ts";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `banter-cost:${Date.now()}:`;
const store = await createRedisStore(redisUrl, prefix);
// Routing and the webhook worker poll on timers, not per turn: slowed down here so they stay out of the counts.
const h = await startApp(store, {
  limits: benchLimits,
  redis: { url: redisUrl, prefix },
  routerTickMs: 3_600_000,
  webhooks: { tickMs: 3_600_000 },
});

// Counted per answer: the first stores the conversation (H3), the last hands off; the ones between are turns
// where nothing moved (the conversation as this process last wrote it).
interface Counts {
  packets: { in: number; out: number };
  network: Map<string, number>;
  inScripts: number;
  turns: number;
}
const fresh = (): Counts => ({ packets: { in: 0, out: 0 }, network: new Map(), inScripts: 0, turns: 0 });
const byAnswer = answers.map(fresh);
let counting: Counts | null = null;
h.app.io.engine.on("connection", (socket: NodeJS.EventEmitter) => {
  socket.on("packet", (p: { type: string }) => {
    if (counting && p.type === "message") counting.packets.in++;
  });
  socket.on("packetCreate", (p: { type: string }) => {
    if (counting && p.type === "message") counting.packets.out++;
  });
});

const monitor = createClient({ url: redisUrl });
await monitor.connect();
await monitor.monitor((line: string) => {
  if (!counting || !line.includes(prefix.slice(0, -1))) return;
  const m = /\[\d+ ([^\]]+)\] "([^"]+)"/.exec(line);
  if (!m) return;
  if (m[1] === "lua") counting.inScripts++;
  else {
    const command = String(m[2]).toLowerCase();
    counting.network.set(command, (counting.network.get(command) ?? 0) + 1);
  }
});

const visitors = 20;
for (let i = 0; i < visitors; i++) {
  const v = h.visitor();
  await new Promise((r) => v.once("connect", () => r(null)));
  await v.emitWithAck("conversation:join", { lastSeq: 0 });
  // Let the join's own traffic (greeting, page trail) settle before counting.
  await new Promise((r) => setTimeout(r, 50));
  for (const [j, choice] of answers.entries()) {
    const counts = byAnswer[j] as Counts;
    counting = counts;
    await turn(v, `c${i}-${j}`, choice);
    // MONITOR lines arrive after the replies they describe.
    await new Promise((r) => setTimeout(r, 20));
    counting = null;
    counts.turns++;
  }
  v.disconnect();
}

function report(title: string, all: Counts[]): void {
  const turns = all.reduce((s, c) => s + c.turns, 0);
  const sum = (f: (c: Counts) => number) => all.reduce((s, c) => s + f(c), 0) / turns;
  const network = new Map<string, number>();
  for (const c of all) for (const [k, n] of c.network) network.set(k, (network.get(k) ?? 0) + n);
  const rows = [...network.entries()].map(([k, n]) => [k, n / turns] as const).sort((a, b) => b[1] - a[1]);
  console.log(`${title} (${turns} turns):`);
  console.log(
    `  socket.io packets: ${sum((c) => c.packets.in).toFixed(2)} in, ${sum((c) => c.packets.out).toFixed(2)} out`,
  );
  console.log(`  Redis commands over the network: ${rows.reduce((s, [, n]) => s + n, 0).toFixed(2)}`);
  for (const [k, n] of rows) console.log(`    ${k.padEnd(16)} ${n.toFixed(2)}`);
  console.log(`  Redis commands run inside Lua scripts: ${sum((c) => c.inScripts).toFixed(2)}`);
}
console.log(`${visitors} visitors, four answers each, Redis adapter on. Per turn:`);
report("every turn", byAnswer);
report("the first answer (stores the conversation)", byAnswer.slice(0, 1));
report("turns where nothing moved (the second and third answers)", byAnswer.slice(1, -1));
report("the last answer (the lead is handed off)", byAnswer.slice(-1));
await monitor.close();
await h.close();
await store.close();
await deleteKeysAt(redisUrl, prefix);
process.exit(0);
