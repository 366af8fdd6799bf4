// The start's one-off backfill of the funnel counters (shared/funnel/SPEC.md F32), on a real Redis: conversations
// stored before counters existed are counted by the next start, once, and a site is marked done.
import { createClient } from "redis";
import { afterEach, expect, it } from "vitest";
import { readConfig } from "../../server/config.ts";
import { silentLogger } from "../../server/log.ts";
import { prepare } from "../../server/start.ts";
import type { Conversation } from "../../server/store/types.ts";
import { defaultPlaybook, start } from "../../shared/engine/index.ts";
import { applyIncrements, type Counters, contributions, isoDay } from "../../shared/funnel/index.ts";
import { stillUnanswered, unansweredQuestions } from "../../shared/leads/unanswered.ts";
import { redisTestStore, redisUrl } from "../support/redis.ts";

const config = readConfig({});
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

it("F32: a start counts the conversations stored before counters, once per site", async () => {
  const t = await redisTestStore();
  const client = createClient({ url: redisUrl() });
  await client.connect();
  cleanups.push(t.cleanup, async () => client.close());
  await prepare(t.store, config, silentLogger);
  const [site] = await t.store.listSites();
  if (!site) throw new Error("the first start makes a site");
  const at = Date.now() - 86_400_000;
  const day = isoDay(at);
  const conversations: Conversation[] = [];
  for (let i = 0; i < 3; i++) {
    const c = await t.store.createConversation({
      ...{ id: `old-${i}`, siteKey: site.key, visitorId: `v${i}`, status: "bot" },
      ...{ createdAt: at, updatedAt: at, rev: 0 },
      engine: { ...start(defaultPlaybook).state, asked: [{ text: `Do you ship to Norway, ${i % 2}?`, at: at + i }] },
      source: { utm: { source: `s${i}` } },
    });
    conversations.push(c);
    // As stored before counters existed: no record of what it added.
    await client.hDel(`${t.prefix}conv:${c.id}`, ["funnel", "asked"]);
  }
  const questions = await client.keys(`${t.prefix}site:${site.key}:questions*`);
  expect(questions.length).toBeGreaterThan(0);
  await client.del([
    ...questions,
    `${t.prefix}site:${site.key}:funnel:${day}`,
    `${t.prefix}site:${site.key}:funnel:backfilled`,
  ]);
  expect(await t.store.askedQuestions(site.key, Date.now())).toEqual([]);
  const want: Counters = {};
  for (const c of conversations) applyIncrements(want, contributions(c, defaultPlaybook));

  // Their unanswered questions too (shared/leads/SPEC.md Q1), counted by the same pass.
  const asked = unansweredQuestions(
    conversations.map((c) => c.engine.asked),
    defaultPlaybook,
    100,
  );
  await prepare(t.store, config, silentLogger);
  expect(await t.store.funnelCounters(site.key, [day])).toEqual([want]);
  expect(stillUnanswered(await t.store.askedQuestions(site.key, Date.now()), defaultPlaybook, 100)).toEqual(asked);
  // Every later start: nothing counted twice.
  await prepare(t.store, config, silentLogger);
  expect(await t.store.funnelCounters(site.key, [day])).toEqual([want]);
  expect(stillUnanswered(await t.store.askedQuestions(site.key, Date.now()), defaultPlaybook, 100)).toEqual(asked);
});
