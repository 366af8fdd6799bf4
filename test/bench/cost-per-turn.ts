// npx tsx test/bench/cost-per-turn.ts: what one bot turn costs in Redis commands and socket.io packets, counted,
// not timed (the cost model in docs/scaling.md). One visitor at a time on a server set up as production runs
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

let counting = false;
const packets = { in: 0, out: 0 };
h.app.io.engine.on("connection", (socket: NodeJS.EventEmitter) => {
  socket.on("packet", (p: { type: string }) => {
    if (counting && p.type === "message") packets.in++;
  });
  socket.on("packetCreate", (p: { type: string }) => {
    if (counting && p.type === "message") packets.out++;
  });
});

const network = new Map<string, number>();
let inScripts = 0;
const monitor = createClient({ url: redisUrl });
await monitor.connect();
await monitor.monitor((line: string) => {
  if (!counting || !line.includes(prefix.slice(0, -1))) return;
  const m = /\[\d+ ([^\]]+)\] "([^"]+)"/.exec(line);
  if (!m) return;
  if (m[1] === "lua") inScripts++;
  else network.set(String(m[2]).toLowerCase(), (network.get(String(m[2]).toLowerCase()) ?? 0) + 1);
});

const visitors = 20;
let turns = 0;
for (let i = 0; i < visitors; i++) {
  const v = h.visitor();
  await new Promise((r) => v.once("connect", () => r(null)));
  await v.emitWithAck("conversation:join", { lastSeq: 0 });
  // Let the join's own traffic (greeting, page trail) settle before counting.
  await new Promise((r) => setTimeout(r, 50));
  for (const [j, choice] of answers.entries()) {
    counting = true;
    await turn(v, `c${i}-${j}`, choice);
    // MONITOR lines arrive after the replies they describe.
    await new Promise((r) => setTimeout(r, 20));
    counting = false;
    turns++;
  }
  v.disconnect();
}
const rows = [...network.entries()].map(([k, n]) => [k, n / turns] as const).sort((a, b) => b[1] - a[1]);
console.log(`per turn (${turns} turns, ${visitors} visitors, four answers each, Redis adapter on):`);
console.log(`socket.io packets: ${(packets.in / turns).toFixed(2)} in, ${(packets.out / turns).toFixed(2)} out`);
console.log(`Redis commands over the network: ${rows.reduce((s, [, n]) => s + n, 0).toFixed(2)}`);
for (const [k, n] of rows) console.log(`  ${k.padEnd(16)} ${n.toFixed(2)}`);
console.log(`Redis commands run inside Lua scripts: ${(inScripts / turns).toFixed(2)}`);
await monitor.close();
await h.close();
await store.close();
await deleteKeysAt(redisUrl, prefix);
process.exit(0);
