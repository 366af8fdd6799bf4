// The store contract, the leads index's sorts (issue 20; shared/leads/SPEC.md O1-O4): every sort the leads table
// offers, both directions, read through the index a page at a time with a cursor, is sortLeads' order of the same
// rows, filters included; a write moves a row in every sort, and erasure takes it out of all. On Redis three ways of
// reading a sort are run: the filter's few rows ordered by the store, the walk of the sort's set (the walk's limits
// lowered, so it also resumes across many calls), and the choice between them by the filter's counts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { leadCard } from "../../../server/conversation/lead-card.ts";
import { leadScan } from "../../../server/store/redis/conversations.ts";
import type { Conversation, Store } from "../../../server/store/types.ts";
import { type IndexedSort, indexedSorts } from "../../../shared/leads/order.ts";
import { filterLeads, type LeadFilter, type SortDir, sortLeads } from "../../../shared/leads/query.ts";
import { filterTerms } from "../../../shared/leads/terms.ts";
import type { SalesStatus, Tier } from "../../../shared/protocol/index.ts";
import { lead, restartedName, storeFactories } from "../../support/store-contract.ts";

interface Shape {
  tier?: Tier;
  score?: number;
  name?: string;
  email?: string;
  company?: string;
  owner?: string;
  status?: SalesStatus;
  source?: string;
}

// A lead with every cell a sort reads: its score, a company the visitor named, an owner and status, a source.
function sortable(id: string, at: number, o: Shape): Conversation {
  const c = lead(id, at, { ...(o.tier ? { tier: o.tier } : {}), ...(o.name ? { name: o.name } : {}) });
  const slots = { ...c.engine.slots };
  if (o.email) {
    slots.email = {
      slot: "email",
      questionId: "email",
      label: "Email",
      order: 1,
      value: { kind: "email", email: o.email },
      display: o.email,
      words: o.email,
    } as (typeof slots)[string];
  }
  if (o.company) {
    slots.company = {
      slot: "company",
      questionId: "company",
      label: "Company",
      order: 2,
      value: { kind: "text", text: o.company },
      display: o.company,
      words: o.company,
    } as (typeof slots)[string];
  }
  const qualification = { ...c.engine.qualification, score: o.score ?? 0 };
  const sales =
    o.owner || o.status
      ? {
          status: o.status ?? "new",
          history: [],
          ...(o.owner ? { ownerId: `u-${o.owner.toLowerCase()}`, ownerName: o.owner } : {}),
        }
      : undefined;
  return {
    ...c,
    engine: { ...c.engine, slots, qualification },
    ...(sales ? { sales } : {}),
    ...(o.source ? { source: { utm: { source: o.source } } } : {}),
  };
}

// Ties everywhere: equal names in other cases and accents, numbers in names, equal scores, empty cells, and
// several leads created in the same ms. An id with "x" and "K", which flip to "/" and "\\" in a member (escaped in
// JSON).
const shapes: [string, number, Shape][] = [
  ["a1", 10, { tier: "hot", score: 80, name: "Ana López", email: "ana@acme.io", owner: "Rita", status: "working" }],
  ["a2", 10, { tier: "hot", score: 80, name: "ana lopez", email: "al@b.co", source: "google" }],
  ["b1", 10, { tier: "warm", score: 45, name: "Bo 10", company: "Zeta", owner: "rita", source: "Google" }],
  ["b2", 11, { tier: "warm", score: 45, name: "Bo 9", email: "bo@globex.com", status: "won" }],
  ["c1", 12, { tier: "cold", score: 5, company: "Émile & Co", owner: "Émile", status: "lost", source: "bing" }],
  ["c2", 12, { tier: "cold", score: -10, name: "Zoë", email: "z@x.io", owner: "Sam", status: "sql" }],
  ["d1", 13, { tier: "hot", score: 95, name: "Émile", company: "acme", source: "linkedin" }],
  ["d2", 13, { tier: "cold", score: 5, email: "d2@acme.io" }],
  ["e1", 14, { tier: "warm", score: 60, name: "Ana", owner: "Sam", status: "rejected", source: "google" }],
  ["e2", 9, { tier: "hot", score: 80, name: "Ana Lopez 2", company: "Acme", status: "working" }],
  ["xK1", 9, { tier: "cold" }],
  ["f2", 9, { tier: "warm", score: 61, name: "ZOË", owner: "bob", source: "newsletter" }],
];

describe.each(storeFactories)("store contract, leads index sorts: %s", (name, factory) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const saved = { ...leadScan };
  beforeEach(async () => {
    ({ store, cleanup } = await factory());
  });
  afterEach(async () => {
    Object.assign(leadScan, saved);
    await cleanup();
  });
  // The Redis store's ways to read a sort; the embedded store has one.
  const ways = name === "redis" || name === "cluster" ? ["few", "walk", "counted"] : ["few"];
  const lower = (way: string) => {
    if (way === "walk") Object.assign(leadScan, { fewRows: 0, orderRows: 0, maxScan: 3 });
    if (way === "counted") Object.assign(leadScan, { fewRows: 0, maxScan: 3 });
  };
  // Every filter on the stores whose reading code is their own (memory, disk, Redis); two facets, whose pair count
  // tells the rows (none for the last). The cluster runs Redis's scripts, and can only add a key outside the
  // script's slot; the restarted store reads as the disk store, and can only add what its reopening rebuilds wrong:
  // the sets read without a filter, one term's and a pair's are enough there, and each of its calls reopens the
  // store (the whole matrix took 8.4 s of the file's 22 s).
  const filters: LeadFilter[] =
    name === "cluster" || name === restartedName
      ? [{}, { source: "google" }, { tier: "hot", source: "google" }]
      : [
          {},
          { tier: "hot" },
          { source: "google" },
          { from: 10 },
          { tier: "hot", source: "google" },
          { tier: "cold", source: "google" },
        ];

  // Every row of a sort, `size` at a time, each page after the last one's member.
  async function paged(sort: IndexedSort, dir: SortDir, filter: LeadFilter, size: number): Promise<string[]> {
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 30; pages++) {
      const page = await store.sortedLeadRows({
        siteKey: "site1",
        terms: filterTerms(filter),
        ...(filter.from !== undefined ? { from: filter.from } : {}),
        sort,
        dir,
        limit: size,
        ...(after !== undefined ? { after } : {}),
      });
      seen.push(...page.map((p) => p.row.id));
      const last = page.at(-1);
      if (page.length < size || !last) break;
      after = last.at;
    }
    return seen;
  }

  const expected = (rows: Conversation[], sort: IndexedSort, dir: SortDir, filter: LeadFilter) =>
    sortLeads(
      filterLeads(
        rows.map((c) => leadCard(c, null)),
        filter,
      ),
      sort,
      dir,
    ).map((l) => l.conversationId);

  it("reads every sort every way in sortLeads' order, page by page with a cursor, filters included", async () => {
    const rows: Conversation[] = [];
    for (const [id, at, shape] of shapes) rows.push(await store.createConversation(sortable(id, at, shape)));
    for (const way of ways) {
      lower(way);
      for (const sort of indexedSorts) {
        for (const dir of ["asc", "desc"] as const) {
          for (const filter of filters) {
            const want = expected(rows, sort, dir, filter);
            const label = `${way} ${sort} ${dir} ${JSON.stringify(filter)}`;
            expect(await paged(sort, dir, filter, 2), label).toEqual(want);
            expect(await paged(sort, dir, filter, 50), label).toEqual(want);
          }
        }
      }
    }
  });

  it("a write moves its row in every sort, a person's row is their newest, and erasure leaves no sort", async () => {
    const made = new Map<string, Conversation>();
    for (const [id, at, shape] of shapes) made.set(id, await store.createConversation(sortable(id, at, shape)));
    const b2 = made.get("b2") as Conversation;
    // b2 is renamed, rescored and taken by an owner: one write.
    const moved = {
      ...sortable("b2", 11, { tier: "hot", score: 99, name: "Aaron", email: "bo@globex.com", owner: "Zed" }),
      rev: b2.rev,
    };
    await store.updateConversation(moved);
    // d2's person chats again: the newer conversation is their row, in every sort.
    await store.createConversation({ ...sortable("d3", 20, { tier: "hot", email: "d2@acme.io", score: 1 }) });
    const rows = [...shapes.map(([id]) => id).filter((id) => id !== "d2"), "d3"];
    const now = (await Promise.all(rows.map((id) => store.getConversation(id)))).filter(
      (c): c is Conversation => c !== null,
    );
    for (const way of ways) {
      lower(way);
      for (const sort of indexedSorts) {
        for (const dir of ["asc", "desc"] as const) {
          expect(await paged(sort, dir, {}, 4), `${way} ${sort} ${dir}`).toEqual(expected(now, sort, dir, {}));
        }
      }
    }
    expect((await paged("name", "asc", {}, 50))[0]).toBe("b2");
    expect((await paged("score", "desc", {}, 50))[0]).toBe("b2");
    await store.eraseVisitor("site1", "v-d3");
    await store.eraseVisitor("site1", "v-d2");
    for (const [id] of shapes) if (id !== "d2") await store.eraseVisitor("site1", `v-${id}`);
    for (const sort of indexedSorts) expect(await paged(sort, "desc", {}, 50)).toEqual([]);
  });
});
