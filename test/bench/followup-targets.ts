// Follow-up targets at volume (issue 17's figure): 1,000 leads owed a follow-up, owned by 20 reps, come due over a
// few seconds on two server processes sharing Redis. Every item is listed once by either process, each is marked
// past its target exactly once, and the lag from its due time to the mark is the timer's: routing's tick (1 s in
// production) plus the work, reported as p50/p99 and against the tick.
import { randomUUID } from "node:crypto";
import { scheduleTarget } from "../../server/followups/targets.ts";
import type { Logger } from "../../server/log.ts";
import { createRedisStore } from "../../server/store/redis-store.ts";
import { defaultPlaybook, start } from "../../shared/engine/index.ts";
import type { FollowUpList } from "../../shared/protocol/index.ts";
import { startApp } from "../support/app.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";
import { percentiles } from "./turns.ts";

export interface TargetFigures {
  leads: number;
  reps: number;
  tickMs: number;
  listedByEach: number[];
  marked: number;
  markedTwice: number;
  lag: { p50: number; p99: number };
}

export async function followUpTargetsAtVolume(redisUrl: string, leads = 1000, reps = 20): Promise<TargetFigures> {
  const prefix = `banter-bench:${Date.now()}:targets:`;
  const tickMs = 1000;
  // Each process's log: the marks it made ("follow-up past its target", one line each).
  const marks: string[] = [];
  const log: Logger = {
    info: () => {},
    error: () => {},
    warn: (msg, fields) => {
      if (msg === "follow-up past its target")
        marks.push(String((fields as { conversationId: string }).conversationId));
    },
  };
  const sides = [];
  for (let i = 0; i < 2; i++) {
    sides.push(
      await startApp(await createRedisStore(redisUrl, prefix), {
        routerTickMs: tickMs,
        log,
        redis: { url: redisUrl, prefix },
      }),
    );
  }
  const [a, b] = sides as [(typeof sides)[0], (typeof sides)[0]];
  const store = a.store;
  const repIds: string[] = [];
  for (let r = 0; r < reps; r++) {
    const id = randomUUID();
    repIds.push(id);
    await store.putUser({
      id,
      email: `rep${r}@bench.local`,
      name: `Rep ${r}`,
      role: "rep",
      passwordHash: "x",
      createdAt: 0,
    });
  }
  // Due over the next 3 s, once everything is stored.
  const from = Date.now() + 2000;
  const state = start(defaultPlaybook).state;
  const dueAt = new Map<string, number>();
  for (let i = 0; i < leads; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, leads - i) }, async (_, j) => {
        const n = i + j;
        const id = `bench-${n}`;
        const due = from + Math.floor((n / leads) * 3000);
        dueAt.set(id, due);
        await store.createConversation({
          id,
          siteKey: a.siteKey,
          visitorId: `bench-visitor-${n}`,
          status: "closed",
          engine: state,
          missedHandoff: true,
          createdAt: from - 60_000,
          updatedAt: from - 60_000,
          rev: 0,
        });
        await store.openFollowUp({
          id: `fu_${id}_missed-handoff`,
          siteKey: a.siteKey,
          conversationId: id,
          kind: "missed-handoff",
          dueAt: due,
          ownerId: repIds[n % reps] as string,
          state: "open",
          createdAt: from - 60_000,
          rev: 0,
        });
        await scheduleTarget(store, id);
      }),
    );
  }
  // Every item once in either process's Follow-ups (the owner sees every site's).
  const listedByEach: number[] = [];
  for (const side of [a, b]) {
    const { token } = await side.login();
    const res = await fetch(`${side.url}/api/followups`, { headers: { authorization: `Bearer ${token}` } });
    const ids = ((await res.json()) as FollowUpList).followUps.map((f) => f.item.id);
    listedByEach.push(new Set(ids).size === ids.length ? ids.length : -1);
  }
  const until = Date.now() + 3000 + 3000 + 10 * tickMs;
  while (marks.length < leads && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 2 * tickMs));
  const lags: number[] = [];
  for (const id of new Set(marks)) {
    const item = await store.getFollowUp(`fu_${id}_missed-handoff`);
    if (item?.breachedAt) lags.push(item.breachedAt - (dueAt.get(id) ?? item.breachedAt));
  }
  for (const side of sides) {
    await side.close();
    await side.store.close();
  }
  await deleteKeysAt(redisUrl, prefix);
  return {
    leads,
    reps,
    tickMs,
    listedByEach,
    marked: new Set(marks).size,
    markedTwice: marks.length - new Set(marks).size,
    lag: percentiles(lags),
  };
}
