// The store contract, the funnel's counters (shared/funnel/SPEC.md F26-F32): every test runs against the memory
// store and a real Redis server; what only Redis has (expiry, data from before counters) runs against Redis alone.
import { createClient } from "redis";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRedisStore } from "../../../server/store/redis-store.ts";
import type { Conversation, Store } from "../../../server/store/types.ts";
import { defaultPlaybook, type SlotAnswer } from "../../../shared/engine/index.ts";
import {
  applyIncrements,
  type Counters,
  chartFields,
  contributions,
  counterDay,
  counterExpiries,
  counterExpiry,
  counterHashes,
  hashContributions,
  isoDay,
  monthOf,
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

  it("F33: the follow-ups of the range's newest conversations, with their sources, and whether the window was full", async () => {
    const at = (i: number) => createdAt + i * 1000;
    for (const i of [1, 2, 3, 4]) {
      await store.createConversation({
        ...fresh(`c${i}`, at(i)),
        ...(i === 3 ? { source: { utm: { source: "Google" } } } : {}),
      });
    }
    const item = (conversationId: string) => ({
      id: `fu_${conversationId}`,
      siteKey: "site1",
      conversationId,
      kind: "callback" as const,
      dueAt: at(10),
      state: "open" as const,
      createdAt: 1,
      rev: 0,
    });
    for (const id of ["c1", "c3", "c4"]) await store.openFollowUp(item(id));
    // A conversation's every follow-up is read (c1 has two).
    const second = { ...item("c1"), id: "fu_c1_missed", kind: "missed-handoff" as const };
    await store.openFollowUp(second);
    // [c1, c4): c1..c3, the newest 2 of them are c3 and c2; c2 has none.
    const got = await store.funnelFollowUps("site1", at(1), at(4), 2);
    expect(got).toEqual({ items: [{ item: item("c3"), source: { utm: { source: "Google" } } }], limited: true });
    const all = await store.funnelFollowUps("site1", at(1), at(4), 10);
    expect(all.limited).toBe(false);
    expect(all.items.map((f) => f.item.id).sort()).toEqual(["fu_c1", "fu_c1_missed", "fu_c3"]);
    expect(all.items.find((f) => f.item.id === "fu_c1")).toEqual({ item: item("c1") });
    expect(all.items.find((f) => f.item.id === "fu_c1_missed")).toEqual({ item: second });
    expect(await store.funnelFollowUps("site2", at(1), at(4), 10)).toEqual({ items: [], limited: false });
  });

  it("F34: a month's rollup is the sum of its days, and its chart holds their chart fields, in each write", async () => {
    // Two days of the same month (the 1st and 2nd of this month, or of the last if today is the 1st).
    const first = Date.parse(`${monthOf(isoDay(Date.now() - 86_400_000))}-01T10:00:00Z`);
    const days = [isoDay(first), isoDay(first + 86_400_000)];
    const a = await store.updateConversation(finished(await store.createConversation(fresh("c1", first))));
    await store.createConversation(fresh("c2", first + 86_400_000));
    const b = await store.getConversation("c2");
    const month = monthOf(days[0] as string);
    const [d1, d2, rollup, chart] = await store.funnelCounters("site1", [...days, month, `chart:${month}`]);
    expect(d1).toEqual(expected(a as Conversation));
    expect(d2).toEqual(expected(b as Conversation));
    expect(rollup).toEqual(expected(a as Conversation, b as Conversation));
    const wantChart = chartFields(days[0] as string, d1 as Counters);
    applyIncrements(wantChart, chartFields(days[1] as string, d2 as Counters));
    expect(chart).toEqual(wantChart);
    expect(Object.keys(chart as Counters)).toContain(`${days[0]}:tier:hot`);
    // Sums where the counters are: the month less its second day is its first day; nothing less itself is nothing.
    expect(await store.funnelSums("site1", [month], [days[1] as string])).toEqual(d1);
    expect(await store.funnelSums("site1", days, [])).toEqual(rollup);
    expect(await store.funnelSums("site1", [month], [month])).toEqual({});
    expect(await store.funnelSums("site1", [], [])).toEqual({});
    // Erasing takes it off the rollups too.
    await store.eraseVisitor("site1", "v-c1");
    expect(await store.funnelCounters("site1", [month, `chart:${month}`])).toEqual([
      expected(b as Conversation),
      chartFields(days[1] as string, d2 as Counters),
    ]);
  });

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

  // As a conversation stored before counters existed: no `funnel` field, and nothing on its day or month.
  async function beforeCounters(id: string) {
    await client.hDel(`${prefix}conv:${id}`, "funnel");
    await client.del(counterHashes(day).map((n) => `${prefix}site:site1:funnel:${n}`));
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
    expect(await store.funnelCounters("site1", [monthOf(day)])).toEqual([expected(...(stored as Conversation[]))]);
    expect(await client.get(`${prefix}site:site1:funnel:backfilled`)).toBe("3");
  });

  it("F35: conversations counted before the cross hashes move to the current format by the backfill, once", async () => {
    const c = (await store.updateConversation(finished(await store.createConversation(fresh("c1"))))) as Conversation;
    const names = counterHashes(day);
    const now = hashContributions(c, defaultPlaybook);
    // As the format before F35 left it: speed and ratings by source and rep in the day and the month (the cross
    // hashes' fields), none by source or by rep alone, no cross hashes, the site marked "2".
    const [own = {}, , chart = {}, cross = {}] = now;
    const old = Object.fromEntries(Object.entries(own).filter(([f]) => !/:(sps|spr|rts|rtr):/.test(f)));
    Object.assign(old, cross);
    expect(Object.keys(cross).length).toBeGreaterThan(0);
    await client.hSet(`${prefix}conv:${c.id}`, "funnel", JSON.stringify([old, old, chart]));
    await client.del(names.map((n) => `${prefix}site:site1:funnel:${n}`));
    for (const n of names.slice(0, 2)) await client.hSet(`${prefix}site:site1:funnel:${n}`, old);
    await client.hSet(`${prefix}site:site1:funnel:${names[2]}`, chart);
    await client.set(`${prefix}site:site1:funnel:backfilled`, "2");
    expect(await store.backfillFunnelCounters("site1")).toBe(1);
    expect(await store.backfillFunnelCounters("site1")).toBe(0);
    expect(await store.funnelCounters("site1", names)).toEqual(now);
    await store.eraseVisitor("site1", "v-c1");
    expect(await store.funnelCounters("site1", names)).toEqual(names.map(() => ({})));
  });

  it("F34: conversations counted on their day before rollups existed get into the rollups once, by the backfill or their next write", async () => {
    const cs = (await Promise.all(
      ["c1", "c2"].map(async (id) => store.updateConversation(finished(await store.createConversation(fresh(id))))),
    )) as Conversation[];
    const month = monthOf(day);
    const names = [day, month, `chart:${month}`];
    const [dayBefore] = await store.funnelCounters("site1", [day]);
    // As left by the day counters alone: each record one object (its day's counts), no rollups, site marked "1".
    for (const c of cs) await client.hSet(`${prefix}conv:${c.id}`, "funnel", JSON.stringify(expected(c)));
    await client.del([month, `chart:${month}`].map((n) => `${prefix}site:site1:funnel:${n}`));
    await client.set(`${prefix}site:site1:funnel:backfilled`, "1");
    // c2's next write gets it into the rollups whole, and its day moves by the difference only.
    const c2 = (await store.updateConversation({ ...(cs[1] as Conversation), outcome: "qualified" })) as Conversation;
    expect(await store.backfillFunnelCounters("site1")).toBe(1);
    expect(await store.backfillFunnelCounters("site1")).toBe(0);
    const want = expected(cs[0] as Conversation, c2);
    const [got, rollup, chart] = await store.funnelCounters("site1", names);
    expect(got).toEqual(want);
    expect(rollup).toEqual(want);
    expect(chart).toEqual(chartFields(day, want));
    expect(dayBefore).toEqual(expected(...cs));
    // Erasing takes each off every hash it is in, and leaves none behind.
    await store.eraseVisitor("site1", "v-c1");
    await store.eraseVisitor("site1", "v-c2");
    expect(await store.funnelCounters("site1", names)).toEqual([{}, {}, {}]);
  });

  it("F27: writes from two processes, and a record changed behind a process, leave every hash at the sum", async () => {
    // Each process sends only what moved since it last stored a conversation's counts, which the script trusts
    // only while the stored record is still that one (lib-funnel-counters.lua funnelCounters.write).
    const other = await createRedisStore(redisUrl(), prefix);
    try {
      const names = counterHashes(day);
      let c = await store.createConversation(fresh("c1"));
      c = (await store.updateConversation({ ...c, status: "queued", queuedAt: createdAt + 500 })) as Conversation;
      // The other process writes it: the first store's copy of what it stored is now stale.
      c = (await other.updateConversation(finished(c))) as Conversation;
      expect(await store.funnelCounters("site1", names)).toEqual(hashContributions(c, defaultPlaybook));
      c = (await store.updateConversation({ ...c, outcome: "qualified" })) as Conversation;
      expect(await store.funnelCounters("site1", names)).toEqual(hashContributions(c, defaultPlaybook));
      // A record rewritten behind both (as a recount in an older format would).
      await client.hSet(`${prefix}conv:${c.id}`, "funnel", JSON.stringify([expected(c)]));
      await client.del(names.slice(1).map((n) => `${prefix}site:site1:funnel:${n}`));
      c = (await store.updateConversation({ ...c, rating: undefined })) as Conversation;
      expect(await store.funnelCounters("site1", names)).toEqual(hashContributions(c, defaultPlaybook));
      // Its own writes after that: the difference alone, and nothing for a write that moves no counter.
      c = (await store.updateConversation({ ...c, outcome: "meeting-booked" })) as Conversation;
      c = (await store.updateConversation({ ...c, updatedAt: c.updatedAt + 1 })) as Conversation;
      expect(await store.funnelCounters("site1", names)).toEqual(hashContributions(c, defaultPlaybook));
      await store.eraseVisitor("site1", "v-c1");
      expect(await store.funnelCounters("site1", names)).toEqual(names.map(() => ({})));
    } finally {
      await other.close();
    }
  });

  it("F31: a day's counters expire the retention after the day; a day already past it keeps nothing", async () => {
    await store.createConversation(fresh("c1"));
    const key = `${prefix}site:site1:funnel:${day}`;
    expect(await client.expireTime(key)).toBe(counterExpiry(day, 90 * 86_400));
    // The month's rollup and chart, the retention after the month's last day.
    const [, atMonth] = counterExpiries(day, 90 * 86_400);
    expect(await client.expireTime(`${prefix}site:site1:funnel:${monthOf(day)}`)).toBe(atMonth);
    expect(await client.expireTime(`${prefix}site:site1:funnel:chart:${monthOf(day)}`)).toBe(atMonth);
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
