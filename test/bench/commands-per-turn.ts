// npx tsx test/bench/commands-per-turn.ts: Redis commands per bot turn (joins and connects included), from INFO
// commandstats before and after, one visitor at a time; commands run inside Lua scripts count too.
import { createClient } from "redis";
import { createRedisStore } from "../../server/store/redis-store.ts";
import type { Message } from "../../shared/protocol/index.ts";
import { startApp } from "../support/app.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";
import { benchLimits } from "./limits.ts";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `banter-count:${Date.now()}:`;
const store = await createRedisStore(redisUrl, prefix);
const h = await startApp(store, {
  limits: benchLimits,
});
const admin = createClient({ url: redisUrl });
await admin.connect();
const stats = async () => {
  const text = await admin.info("commandstats");
  const m = new Map<string, number>();
  for (const line of text.split("\n")) {
    const r = /^cmdstat_([^:]+):calls=(\d+)/.exec(line);
    if (r) m.set(r[1] as string, Number(r[2]));
  }
  return m;
};
const answers = ["capture", "25k-100k", "decider", "month"];
const visitors = 20;
const v0 = h.visitor();
await new Promise((r) => v0.once("connect", () => r(null)));
await v0.emitWithAck("conversation:join", { lastSeq: 0 });
const before = await stats();
let turns = 0;
for (let i = 0; i < visitors; i++) {
  const v = h.visitor();
  await new Promise((r) => v.once("connect", () => r(null)));
  await v.emitWithAck("conversation:join", { lastSeq: 0 });
  for (const [j, choice] of answers.entries()) {
    const bot = new Promise<void>((resolve) => {
      const on = (m: Message) => {
        if (m.author === "bot") {
          v.off("message:created", on);
          resolve();
        }
      };
      v.on("message:created", on);
    });
    await v.emitWithAck("message:send", { clientId: `c${i}-${j}`, choice });
    await bot;
    turns++;
  }
  v.disconnect();
}
const after = await stats();
const rows = [...after.entries()]
  .map(([k, n]) => [k, (n - (before.get(k) ?? 0)) / turns] as const)
  .filter(([, n]) => n > 0.01)
  .sort((a, b) => b[1] - a[1]);
console.log(`per turn (joins and connects included, ${visitors} visitors, ${turns} turns):`);
for (const [k, n] of rows) console.log(`${k.padEnd(20)} ${n.toFixed(2)}`);
console.log(`total ${rows.reduce((s, [, n]) => s + n, 0).toFixed(1)}`);
v0.disconnect();
await h.close();
await store.close();
await deleteKeysAt(redisUrl, prefix);
await admin.close();
process.exit(0);
