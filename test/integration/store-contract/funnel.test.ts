// The store contract, the funnel's counters (shared/funnel/SPEC.md F26-F32): every test runs against the memory
// store and a real Redis server; what only Redis has (expiry, data from before counters) runs against Redis alone.
import { createClient } from "redis";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Conversation, Store } from "../../../server/store/types.ts";
import { defaultPlaybook, type SlotAnswer } from "../../../shared/engine/index.ts";
import {
  applyIncrements,
  type Counters,
  contributions,
  counterDay,
  counterExpiry,
  isoDay,
} from "../../../shared/funnel/index.ts";
import { redisTestStore, redisUrl } from "../../support/redis.ts";
import { conversation, storeFactories } from "../../support/store-contract.ts";

// A day well within retention, whatever day the tests run on.
const createdAt = Date.now() - 2 * 86_400_000;
const day = isoDay(createdAt);

function fresh(id: string, at = createdAt, visitorId = `v-${id}`): Conversation {
  return { ...conversation(id, visitorId), createdAt: at, updatedAt: at };
}

function answer(questionId: string): SlotAnswer {
  const value = { kind: "text" as const, text: "x" };
  return { slot: questionId, questionId, label: questionId, order: 0, value, display: "x", words: "x", at: 0 };
}

// A lead the bot finished with: every question answered, handed off, accepted, rated.
function finished(c: Conversation): Conversation {
  const slots = Object.fromEntries(defaultPlaybook.questions.map((q) => [q.id, answer(q.id)]));
  return {
    ...c,
    status: "live",
    engine: {
      ...c.engine,
      slots,
      asking: null,
      outcome: "handoff",
      qualification: { score: 90, tier: "hot", stage: "sql", reasons: [] },
    },
    source: { utm: { source: "Google" } },
    queuedAt: c.createdAt + 1000,
    acceptedAt: c.createdAt + 31_500,
    repId: "r1",
    repName: "Ann",
    rating: { score: 5, repId: "r1", repName: "Ann", at: c.createdAt + 60_000 },
  };
}

// What the day must hold: the sum of each kept conversation's contributions (F27).
function expected(...cs: Conversation[]): Counters {
  const sum: Counters = {};
  for (const c of cs) applyIncrements(sum, contributions(c, defaultPlaybook));
  return sum;
}

describe.each(storeFactories)("store contract, funnel counters: %s", (_name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
    await store.putPlaybook(defaultPlaybook);
  });
  afterEach(async () => cleanup());

  it("F26, F27: a new conversation counts on its creation day, and each write moves that day only", async () => {
    const created = await store.createConversation(fresh("c1"));
    expect(await store.funnelCounters("site1", [day])).toEqual([expected(created)]);
    // Written two days later: still its creation day's counters that move.
    const later = { ...finished(created), updatedAt: createdAt + 2 * 86_400_000 };
    const written = await store.updateConversation(later);
    expect(written).not.toBeNull();
    const [counters, next] = await store.funnelCounters("site1", [day, isoDay(later.updatedAt)]);
    expect(counters).toEqual(expected(later));
    // The pinned playbook is read: every question answered and the bot finished, so completed (F3).
    expect(Object.keys(counters ?? {}).filter((f) => f.endsWith(":st:completed"))).toEqual(["google:st:completed"]);
    expect(next).toEqual({});
  });

  it("a lost compare-and-set moves nothing; a turn's write with lines counts as a write", async () => {
    const created = await store.createConversation(fresh("c1"));
    expect(await store.updateConversation({ ...finished(created), rev: 7 })).toBeNull();
    expect(await store.funnelCounters("site1", [day])).toEqual([expected(created)]);
    const said = await store.updateConversationSaying(finished(created), undefined, [
      { conversationId: "c1", clientId: "b1", author: "bot", text: "hi", at: 1 },
    ]);
    expect(said?.said).toHaveLength(1);
    expect(await store.funnelCounters("site1", [day])).toEqual([expected(finished(created))]);
  });

  it("writes to many conversations at once add up, per site and day; days without any read as nothing", async () => {
    const other = createdAt - 86_400_000;
    const cs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.createConversation(fresh(`c${i}`, i % 2 ? createdAt : other))),
    );
    await Promise.all(cs.map((c) => store.updateConversation(finished(c))));
    const counters = await store.funnelCounters("site1", [isoDay(other), day, "2020-01-01"]);
    expect(counters).toEqual([
      expected(...cs.filter((_, i) => i % 2 === 0).map(finished)),
      expected(...cs.filter((_, i) => i % 2 === 1).map(finished)),
      {},
    ]);
    expect(await store.funnelCounters("site2", [day])).toEqual([{}]);
    expect(await store.funnelCounters("site1", [])).toEqual([]);
  });

  it("F31: erasing a visitor takes their conversations' counts off, and leaves the others'", async () => {
    const gone = await store.createConversation(fresh("c1", createdAt, "v-erased"));
    await store.updateConversation(finished(gone));
    const kept = await store.createConversation(fresh("c2"));
    await store.updateConversation(finished(kept));
    expect(await store.eraseVisitor("site1", "v-erased")).toEqual(["c1"]);
    expect(await store.funnelCounters("site1", [day])).toEqual([expected(finished(kept))]);
    // A write of the erased conversation that was under way loses: nothing is counted again.
    expect(await store.updateConversation({ ...finished(gone), rev: 2 })).toBeNull();
    expect(await store.funnelCounters("site1", [day])).toEqual([expected(finished(kept))]);
  });

  it("F32: the backfill is done once per site; conversations counted by their writes are not counted again", async () => {
    await store.createConversation(fresh("c1"));
    expect(await store.backfillFunnelCounters("site1")).toBe(0);
    expect(await store.backfillFunnelCounters("site1")).toBe(0);
    expect(await store.funnelCounters("site1", [day])).toEqual([expected(fresh("c1"))]);
  });
});

describe("store contract, funnel counters: redis only", () => {
  let store: Store;
  let prefix: string;
  let cleanup: () => Promise<void>;
  const client = createClient({ url: redisUrl() });
  beforeEach(async () => {
    ({ store, prefix, cleanup } = await redisTestStore());
    await store.putPlaybook(defaultPlaybook);
    if (!client.isOpen) await client.connect();
  });
  afterEach(async () => cleanup());
  afterAll(async () => client.close());

  // As a conversation stored before counters existed: no `funnel` field, and nothing on its day.
  async function beforeCounters(id: string) {
    await client.hDel(`${prefix}conv:${id}`, "funnel");
    await client.del(`${prefix}site:site1:funnel:${day}`);
  }

  it("F32: the backfill counts conversations stored before counters once, and marks the site done", async () => {
    const cs = await Promise.all(
      Array.from({ length: 3 }, async (_, i) =>
        store.updateConversation(finished(await store.createConversation(fresh(`c${i}`)))),
      ),
    );
    for (const c of cs) if (c) await beforeCounters(c.id);
    expect(await store.funnelCounters("site1", [day])).toEqual([{}]);
    // One of them is written before the backfill reaches it: that write counts it whole.
    const [first] = cs as Conversation[];
    await store.updateConversation({ ...(first as Conversation), outcome: "qualified" });
    expect(await store.backfillFunnelCounters("site1")).toBe(2);
    expect(await store.backfillFunnelCounters("site1")).toBe(0);
    const stored = await Promise.all(cs.map((c) => store.getConversation(c?.id ?? "")));
    expect(await store.funnelCounters("site1", [day])).toEqual([expected(...(stored as Conversation[]))]);
    expect(await client.get(`${prefix}site:site1:funnel:backfilled`)).toBe("1");
  });

  it("F31: a day's counters expire the retention after the day; a day already past it keeps nothing", async () => {
    await store.createConversation(fresh("c1"));
    const key = `${prefix}site:site1:funnel:${day}`;
    expect(await client.expireTime(key)).toBe(counterExpiry(day, 90 * 86_400));
    const old = Date.now() - 100 * 86_400_000;
    const c = await store.createConversation(fresh("c2", old));
    await store.updateConversation(finished(c));
    expect(await client.exists(`${prefix}site:site1:funnel:${counterDay(c)}`)).toBe(0);
  });

  it("F31: after an erase, no counter of the erased conversation is left in Redis", async () => {
    const c = await store.createConversation({ ...fresh("c1", createdAt, "v-erased"), trigger: "erased-trigger" });
    await store.updateConversation(finished(c));
    const hash = `${prefix}site:site1:funnel:${day}`;
    expect(Object.keys(await client.hGetAll(hash)).some((f) => f.includes("erased-trigger"))).toBe(true);
    await store.eraseVisitor("site1", "v-erased");
    // Every counter it added reached zero and was removed: the day's hash is gone.
    expect(await client.exists(hash)).toBe(0);
    const left: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) left.push(...batch);
    expect(left.filter((k) => k.includes(":funnel:") && !k.endsWith(":backfilled"))).toEqual([]);
  });
});
