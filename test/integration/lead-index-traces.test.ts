// The leads index and the inbox's activity index leave no trace of a conversation that is gone (issue 20): after an
// erasure, and after Redis expired it, nothing in the store names it (Redis scanned key by key; the memory store's
// index maps searched).
import { createClient } from "redis";
import { afterEach, describe, expect, it } from "vitest";
import { memoryConversations } from "../../server/store/memory/conversations.ts";
import { memoryPrivacy } from "../../server/store/memory/privacy.ts";
import { createMemoryState, type MemoryState } from "../../server/store/memory/state.ts";
import { createRedisStore } from "../../server/store/redis-store.ts";
import type { Conversation, Store } from "../../server/store/types.ts";
import { indexedSorts, sortMember } from "../../shared/leads/order.ts";
import { redisUrl, uniquePrefix } from "../support/redis.ts";
import { deleteKeysAt } from "../support/redis-keys.ts";
import { keysMentioning } from "../support/redis-scan.ts";
import { lead } from "../support/store-contract.ts";

// How a sort's member names a conversation (shared/leads/order.ts: its id flipped), so a scan finds a member left.
const flipped = (id: string) => {
  const member = sortMember(undefined, 0, id);
  return member.slice(member.indexOf(" ") + 14);
};
const gone = ["gone-", "quill", flipped("gone-old"), flipped("gone-new")];

// Every string a nested Map, Set, array or object holds.
function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (v instanceof Map) return [...v.entries()].flatMap(strings);
  if (v instanceof Set || Array.isArray(v)) return [...v].flatMap(strings);
  if (v && typeof v === "object") return Object.values(v).flatMap(strings);
  return [];
}

// Every map of the memory store's leads index, and of its activity index.
const leadMaps = ({ leadEntries, leadHeads, leadSets }: MemoryState) => ({ leadEntries, leadHeads, leadSets });
const activityMaps = ({ activityEntries, activitySets }: MemoryState) => ({ activityEntries, activitySets });

// A person of two conversations and their row, and someone else's, on one site.
async function seed(store: Pick<Store, "createConversation">) {
  await store.createConversation(lead("gone-old", 1, { tier: "hot", name: "Zed Quill", email: "zq@quill.io" }));
  await store.createConversation(
    lead("gone-new", 2, { tier: "warm", name: "Zed Quill", email: "zq@quill.io", visitor: "v-gone-new" }),
  );
  await store.createConversation(lead("kept", 3, { tier: "hot", name: "Ana Lopez", email: "ana@acme.io" }));
}

// Every key of site1's leads index under `at` and what it holds, named without the prefix.
async function leadsIndexAt(
  raw: {
    keys(p: string): Promise<string[]>;
    type(k: string): Promise<string>;
    zRangeWithScores(k: string, a: number, b: number): Promise<unknown>;
    hGetAll(k: string): Promise<unknown>;
    get(k: string): Promise<unknown>;
  },
  at: string,
) {
  const out: Record<string, unknown> = {};
  for (const key of (await raw.keys(`${at}site:site1:leads:*`)).sort()) {
    const type = await raw.type(key);
    out[key.slice(at.length)] =
      type === "zset"
        ? await raw.zRangeWithScores(key, 0, -1)
        : type === "hash"
          ? await raw.hGetAll(key)
          : await raw.get(key);
  }
  return out;
}

describe("leads index traces", () => {
  let prefix = "";
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
    if (prefix) await deleteKeysAt(redisUrl(), prefix);
  });

  it("redis: an erased visitor's conversations are named by no key, in no name and no content", async () => {
    prefix = uniquePrefix();
    store = await createRedisStore(redisUrl(), prefix);
    await seed(store);
    // The scan finds the index entries before the erasure: the test can see them.
    const before = await keysMentioning(redisUrl(), prefix, ["gone-"]);
    expect(before.some((k) => k.includes(":leads:"))).toBe(true);
    expect(before.some((k) => k.includes(":inbox:"))).toBe(true);
    expect(await store.eraseVisitor("site1", "v-gone-new")).toEqual(["gone-new"]);
    expect(await store.eraseVisitor("site1", "v-gone-old")).toEqual(["gone-old"]);
    // The sort sets held them (a name, a flipped id) before: none is left.
    expect(await keysMentioning(redisUrl(), prefix, gone)).toEqual([]);
    expect((await keysMentioning(redisUrl(), prefix, ["ana!lopez"])).some((k) => k.endsWith(":s:name"))).toBe(true);
    expect((await store.queryLeadRows({ siteKey: "site1", terms: ["all"], limit: 10 })).map((c) => c.id)).toEqual([
      "kept",
    ]);
  });

  it("redis: expired conversations leave the index once a read meets them, and their person's rows with them", async () => {
    prefix = uniquePrefix();
    // Kept one second after their last write.
    store = await createRedisStore(redisUrl(), prefix, undefined, 1);
    await seed(store);
    const raw = createClient({ url: redisUrl() });
    await raw.connect();
    try {
      while ((await raw.exists(`${prefix}conv:gone-new`)) + (await raw.exists(`${prefix}conv:kept`)) > 0) {
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await raw.close();
    }
    // Still indexed until read: the index has no TTL of its own (its sets hold many conversations).
    expect((await keysMentioning(redisUrl(), prefix, ["gone-", "kept"])).length).toBeGreaterThan(0);
    // The inbox's read meets them first: each leaves both indexes.
    expect(await store.queryActivity({ siteKey: "site1", terms: ["all"], limit: 10 })).toEqual([]);
    expect(await store.queryLeadRows({ siteKey: "site1", terms: ["all"], limit: 10 })).toEqual([]);
    // The person's older conversation became the row when the newer one was taken off; the next read takes it off.
    expect(await store.queryLeadRows({ siteKey: "site1", terms: ["tier:hot"], limit: 10 })).toEqual([]);
    expect(await store.listConversations("site1", 10)).toEqual([]);
    expect(await keysMentioning(redisUrl(), prefix, ["gone-", "kept", ...gone, flipped("kept")])).toEqual([]);
  });

  it("redis: writes from two processes, and an entry changed behind them, leave the index as one write of the last state would", async () => {
    // Each process sends only what moved since it last filed a conversation, which the script trusts only while
    // the stored entry is still the one it filed (lib-lead-index.lua leadIndex.put).
    prefix = uniquePrefix();
    store = await createRedisStore(redisUrl(), prefix);
    const other = await createRedisStore(redisUrl(), prefix);
    const raw = createClient({ url: redisUrl() });
    await raw.connect();
    const reference = uniquePrefix();
    const fresh = await createRedisStore(redisUrl(), reference);
    try {
      const sales = { status: "working" as const, ownerId: "u1", history: [] };
      let c = await store.createConversation(lead("x", 1, { tier: "cold" }));
      const next = async (by: Store, o: Parameters<typeof lead>[2], more: Partial<Conversation> = {}) => {
        c = (await by.updateConversation({ ...lead("x", 1, o), ...more, rev: c.rev })) as Conversation;
      };
      await next(store, { tier: "warm" });
      await next(other, { tier: "hot" }, { sales });
      await next(store, { tier: "hot", name: "Zed Quill" }, { sales });
      // The entry as another encoder would write it: the same content, another text.
      const reg = `${prefix}site:site1:leads:reg`;
      const entry = JSON.parse((await raw.hGet(reg, "x")) as string);
      await raw.hSet(reg, "x", JSON.stringify({ s: entry.s, at: entry.at, t: entry.t, p: entry.p }));
      await next(store, { tier: "warm", name: "Zed Quill" }, { sales });
      await next(store, { tier: "cold", name: "Zed Q" });
      await next(store, { tier: "hot", name: "Zed Q" });
      await fresh.createConversation({ ...c, rev: 0 });
      expect(await leadsIndexAt(raw, prefix)).toEqual(await leadsIndexAt(raw, reference));
    } finally {
      await Promise.all([other.close(), fresh.close(), raw.close()]);
      await deleteKeysAt(redisUrl(), reference);
    }
  });

  it("memory: an erased visitor's conversations are named nowhere in the index", async () => {
    const state = createMemoryState(Date.now);
    const conversations = memoryConversations(state);
    const privacy = memoryPrivacy(state);
    await seed(conversations);
    expect(strings(leadMaps(state)).some((s) => s.includes("gone-"))).toBe(true);
    expect(strings(activityMaps(state)).some((s) => s.includes("gone-"))).toBe(true);
    await privacy.eraseVisitor("site1", "v-gone-new");
    await privacy.eraseVisitor("site1", "v-gone-old");
    expect(strings(leadMaps(state)).filter((s) => gone.some((g) => s.includes(g)))).toEqual([]);
    expect(strings(activityMaps(state)).filter((s) => s.includes("gone-") || s.includes("quill"))).toEqual([]);
    expect(strings(leadMaps(state))).toContain("kept");
    expect(strings(activityMaps(state))).toContain("kept");
  });
});

describe("leads index backfill", () => {
  it("redis: conversations stored before the index are filed by the backfill, once", async () => {
    const prefix = uniquePrefix();
    const store = await createRedisStore(redisUrl(), prefix);
    const raw = createClient({ url: redisUrl() });
    await raw.connect();
    try {
      await seed(store);
      // A store from before the index: none of its keys.
      // COUNT: the shared Redis may hold many other keys (a bench's), and SCAN's default reads 10 a step.
      for await (const batch of raw.scanIterator({ MATCH: `${prefix}site:site1:leads:*`, COUNT: 1000 })) {
        if (batch.length > 0) await raw.del(batch);
      }
      const rows = () => store.queryLeadRows({ siteKey: "site1", terms: ["all"], limit: 10 });
      expect(await rows()).toEqual([]);
      expect(await store.backfillLeadIndex("site1")).toBe(3);
      expect(await store.backfillLeadIndex("site1")).toBe(0);
      expect((await rows()).map((c) => c.id)).toEqual(["kept", "gone-new"]);
    } finally {
      await raw.close();
      await store.close();
      await deleteKeysAt(redisUrl(), prefix);
    }
  });

  it("redis: entries filed before the sorts are upgraded: sort sets and pair counts filled, totals exact throughout", async () => {
    const prefix = uniquePrefix();
    const store = await createRedisStore(redisUrl(), prefix);
    const raw = createClient({ url: redisUrl() });
    await raw.connect();
    const index = `${prefix}site:site1:leads:`;
    try {
      await seed(store);
      // A store from before the sorts: entries without their members, no sort sets, no pair counts.
      const reg = await raw.hGetAll(`${index}reg`);
      for (const [id, json] of Object.entries(reg)) {
        const { s: _s, ...entry } = JSON.parse(json) as { s?: unknown };
        await raw.hSet(`${index}reg`, id, JSON.stringify(entry));
      }
      await raw.del([`${index}n`, `${index}counted`, ...indexedSorts.map((sort) => `${index}s:${sort}`)]);
      const pair = { siteKey: "site1", terms: ["tier:hot", "source:direct"] };
      const byName = () =>
        store.sortedLeadRows({ siteKey: "site1", terms: ["all"], sort: "name", dir: "asc", limit: 9 });
      expect(await byName()).toEqual([]);
      // Without the counts the total is counted from the sets.
      expect(await store.countLeadRows(pair)).toBe(1);
      expect(await store.backfillLeadIndex("site1")).toBe(3);
      expect(await store.backfillLeadIndex("site1")).toBe(0);
      expect((await byName()).map((r) => r.row.id)).toEqual(["kept", "gone-new"]);
      expect(await raw.exists(`${index}counted`)).toBe(1);
      expect(await raw.hGet(`${index}n`, "t:source:direct|t:tier:hot")).toBe("1");
      expect(await store.countLeadRows(pair)).toBe(1);
    } finally {
      await raw.close();
      await store.close();
      await deleteKeysAt(redisUrl(), prefix);
    }
  });

  it("memory: the same", async () => {
    const state = createMemoryState(Date.now);
    const conversations = memoryConversations(state);
    await seed(conversations);
    for (const maps of Object.values(leadMaps(state))) maps.clear();
    expect(await conversations.backfillLeadIndex("site1")).toBe(3);
    expect(await conversations.backfillLeadIndex("site1")).toBe(0);
    const rows = await conversations.queryLeadRows({ siteKey: "site1", terms: ["all"], limit: 10 });
    expect(rows.map((c) => c.id)).toEqual(["kept", "gone-new"]);
  });
});

describe("activity index backfill", () => {
  const positions = (store: Pick<Store, "queryActivity">) =>
    store.queryActivity({ siteKey: "site1", terms: ["all"], limit: 10 }).then((ps) => ps.map((p) => p.id));

  it("redis: conversations stored before the index are filed by the backfill, once, a person's older ones too (all at updatedAt 1: by id)", async () => {
    const prefix = uniquePrefix();
    const store = await createRedisStore(redisUrl(), prefix);
    const raw = createClient({ url: redisUrl() });
    await raw.connect();
    try {
      await seed(store);
      // A store from before the index: none of its keys.
      for await (const batch of raw.scanIterator({ MATCH: `${prefix}site:site1:inbox:*`, COUNT: 1000 })) {
        if (batch.length > 0) await raw.del(batch);
      }
      expect(await positions(store)).toEqual([]);
      expect(await store.backfillActivityIndex("site1")).toBe(3);
      expect(await store.backfillActivityIndex("site1")).toBe(0);
      expect(await positions(store)).toEqual(["kept", "gone-old", "gone-new"]);
    } finally {
      await raw.close();
      await store.close();
      await deleteKeysAt(redisUrl(), prefix);
    }
  });

  it("memory: the same", async () => {
    const state = createMemoryState(Date.now);
    const conversations = memoryConversations(state);
    await seed(conversations);
    for (const maps of Object.values(activityMaps(state))) maps.clear();
    expect(await conversations.backfillActivityIndex("site1")).toBe(3);
    expect(await conversations.backfillActivityIndex("site1")).toBe(0);
    expect(await positions(conversations)).toEqual(["kept", "gone-old", "gone-new"]);
  });
});
