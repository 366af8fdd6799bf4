// A site's lead rows a page at a time through the leads index (issue 20; the store keeps the index in the same
// write as each conversation): the leads table, its API and the exports read the rows they show, never the site.
// The index files each row as it was written; what depends on the time of reading (the behaviour decay, S11) is
// re-checked here on the card as read now, and a page reads on until it is full.

import { setImmediate as nextTurn } from "node:timers/promises";
import { compareMembers } from "../../shared/leads/order.ts";
import { knowsPerson, personKey } from "../../shared/leads/person.ts";
import { filterLeads, type LeadFilter, type LeadSort, type SortDir } from "../../shared/leads/query.ts";
import { exactSearch } from "../../shared/leads/search.ts";
import { decaysTerm, filterTerms } from "../../shared/leads/terms.ts";
import type { LeadCard, LeadRow } from "../../shared/protocol/index.ts";
import { personFactsOf } from "../store/lead-terms.ts";
import type { Conversation, ConversationPosition, ConversationsStore, Site } from "../store/types.ts";
import { leadCard } from "./lead-card.ts";

// Where a row stands in an order: by creation, its (createdAt, id); in another sort, its member (order.ts).
export type RowPosition = ConversationPosition | string;

// The order rows are read in: by creation (the index's term sets), or by another sort (its sort set).
export interface RowOrder {
  sort: LeadSort;
  dir: SortDir;
}

export const newestFirst: RowOrder = { sort: "created", dir: "desc" };

export interface RowsPage<T> {
  rows: T[];
  // Each row's position, in step with `rows`.
  at: RowPosition[];
  // The last row's position, when more may follow.
  next?: RowPosition;
}

// Rows made in one go: between two such slices the event loop is given back, so that a long read (an export, 200
// rows a page) holds it a few milliseconds at a time (npm run bench, BENCH_ONLY=leads).
const cardSlice = 50;

type Plan = Awaited<ReturnType<typeof plan>>;

// How the filter reads the index: its terms, and whether tier and stage are left to the re-check (some of the
// site's rows decay, so their stored tier may read lower now).
// `more`: terms every row read must also be filed under.
async function plan(store: ConversationsStore, siteKey: string, filter: LeadFilter, more: string[] = []) {
  const byTier = filter.tier !== undefined || filter.stage !== undefined;
  const decaying = byTier && (await store.countLeadRows({ siteKey, terms: [decaysTerm] })) > 0;
  const terms = [...filterTerms(filter, !decaying), ...more];
  // `all` alone when nothing narrows; left out otherwise (every row has it).
  return { terms: terms.length > 1 ? terms.slice(1) : terms, decaying };
}

// The person a conversation's row stands for (P5), if it knows one: their conversations are read for the row.
function personOf(c: Conversation): string | undefined {
  const facts = personFactsOf(c);
  return knowsPerson(facts) ? personKey(facts) : undefined;
}

// The row of conversation `id`, read as `card` (made for this row alone: it becomes the row), with its person's
// conversations, newest first (P5). Not a copy: cards come in many shapes, and a spread of each into a new object
// left an export of 200,000 rows with about 100 MB more heap at its peak (promoted garbage; the spread swapped in
// and out on the same seeded rows, docs/scaling.md "Exports and promoted garbage").
function rowOf(id: string, card: LeadCard, person: Conversation[] | undefined): LeadRow {
  const ids = person ? person.map((x) => x.id).reverse() : [id];
  if (!ids.includes(id)) ids.push(id);
  return Object.assign(card, { conversations: ids.length, conversationIds: ids });
}

// The store's page of candidates in the order, each with its position (before the re-check).
async function candidates(
  store: ConversationsStore,
  site: Site,
  filter: LeadFilter,
  terms: string[],
  order: RowOrder,
  after: RowPosition | undefined,
  limit: number,
): Promise<{ row: Conversation; at: RowPosition }[]> {
  const range = {
    ...(filter.from !== undefined ? { from: filter.from } : {}),
    ...(filter.to !== undefined ? { to: filter.to } : {}),
  };
  if (order.sort === "created") {
    const cursor = typeof after === "object" ? { after } : {};
    const page = await store.queryLeadRows({ siteKey: site.key, terms, ...range, ...cursor, limit, dir: order.dir });
    return page.map((row) => ({ row, at: { createdAt: row.createdAt, id: row.id } }));
  }
  return store.sortedLeadRows({
    siteKey: site.key,
    terms,
    ...range,
    sort: order.sort,
    dir: order.dir,
    ...(typeof after === "string" ? { after } : {}),
    limit,
  });
}

// One page of `limit` rows of a site in `order` after `after`, each shaped by `shape`, read by a plan made before
// it (a read of several pages plans once: rowRunsInOrder). The people of its conversations are read first (for the
// rows the re-check drops too: only rows that decay, rarely); then each row is made, re-checked and shaped at once,
// a slice at a time, the event loop given back between two slices: no row waits on a round trip as an object (an
// async call per row), and what a page holds while it waits to be written is its shaped rows (an export's lines).
async function planned<T>(
  store: ConversationsStore,
  site: Site,
  filter: LeadFilter,
  { terms }: Plan,
  order: RowOrder,
  after: RowPosition | undefined,
  limit: number,
  now: number,
  shape: (row: LeadRow) => T,
): Promise<RowsPage<T>> {
  const rows: T[] = [];
  const at: RowPosition[] = [];
  let cursor = after;
  for (;;) {
    // One more than asked, to know whether another page follows.
    const want = limit + 1 - rows.length;
    const page = await candidates(store, site, filter, terms, order, cursor, want);
    // The page's people read together: one script call for all of their conversations.
    const persons = page.map(({ row }) => personOf(row));
    const named = persons.filter((p): p is string => p !== undefined);
    const read = named.length > 0 ? await store.listPersonConversations(site.key, named) : [];
    let next = 0;
    const people = persons.map((p) => (p === undefined ? undefined : read[next++]));
    for (let i = 0; i < page.length; i++) {
      if (i > 0 && i % cardSlice === 0) await nextTurn();
      const { row: c, at: position } = page[i] as (typeof page)[number];
      // Each card read once: for the filter's re-check and for the row.
      const card = leadCard(c, site, now);
      if (filterLeads([card], filter).length !== 1) continue;
      rows.push(shape(rowOf(c.id, card, people[i])));
      at.push(position);
    }
    const last = page.at(-1);
    if (page.length < want || !last || rows.length > limit) break;
    cursor = last.at;
  }
  const end = at[limit - 1];
  return rows.length > limit && end !== undefined
    ? { rows: rows.slice(0, limit), at: at.slice(0, limit), next: end }
    : { rows, at };
}

// How many rows the filter selects: counted by the index, unless rows that decay must be read and re-checked.
export async function countLeadRows(
  store: ConversationsStore,
  site: Site,
  filter: LeadFilter,
  now: number,
): Promise<number> {
  const { terms, decaying } = await plan(store, site.key, filter);
  const range = {
    ...(filter.from !== undefined ? { from: filter.from } : {}),
    ...(filter.to !== undefined ? { to: filter.to } : {}),
  };
  // A search with a word longer than the index's: every row read and re-checked.
  if (filter.q !== undefined && !exactSearch(filter.q)) return recount(store, site, filter, now);
  if (!decaying) return store.countLeadRows({ siteKey: site.key, terms, ...range });
  // Some rows decay: those that do not read the tier they were filed under, counted by the index (all of the
  // filter's, less those that decay); those that do are read and re-checked, and only they.
  const filed = filterTerms(filter).slice(1);
  const [all, decayed] = await Promise.all([
    store.countLeadRows({ siteKey: site.key, terms: filed, ...range }),
    store.countLeadRows({ siteKey: site.key, terms: [...filed, decaysTerm], ...range }),
  ]);
  return all - decayed + (await recount(store, site, filter, now, [decaysTerm]));
}

// How many of the rows filed under the filter's terms and `more` read as the filter asks now (their cards only:
// a count needs no person's conversations).
async function recount(store: ConversationsStore, site: Site, filter: LeadFilter, now: number, more: string[] = []) {
  const { terms } = await plan(store, site.key, filter, more);
  let count = 0;
  let after: RowPosition | undefined;
  for (;;) {
    const page = await candidates(store, site, filter, terms, newestFirst, after, 500);
    count += page.filter((c) => filterLeads([leadCard(c.row, site, now)], filter).length === 1).length;
    const last = page.at(-1);
    if (page.length < 500 || !last) return count;
    after = last.at;
  }
}

// Which of two positions comes first in `order` (ids and members in code-unit order, as the stores order them).
function before(a: RowPosition, b: RowPosition, dir: SortDir): boolean {
  if (typeof a === "string" || typeof b === "string") return compareMembers(String(a), String(b), dir) < 0;
  const newer = a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);
  return dir === "desc" ? newer : !newer;
}

// Every row of several sites the filter selects, in `order` (each site's pages merged), after `after`, each with
// its position and shaped by `shape` as its page is read (an export keeps its lines, not the rows' objects, while a
// page waits to be written): a run at a time, the rows that can be placed from the pages read so far (one site: a
// whole page), so that a long read (an export) costs no promise per row.
export async function* rowRunsInOrder<T>(
  store: ConversationsStore,
  sites: readonly Site[],
  filter: LeadFilter,
  order: RowOrder,
  after: RowPosition | undefined,
  now: number,
  pageSize: number,
  shape: (row: LeadRow) => T,
): AsyncGenerator<{ row: T; at: RowPosition }[]> {
  const sources = sites.map((site) => {
    // Planned once: the pages of one read follow one plan.
    const planning = plan(store, site.key, filter);
    let cursor = after;
    let buffer: { row: T; at: RowPosition }[] = [];
    let taken = 0;
    let ended = false;
    let pages = 0;
    // The page after the one being read, once a reader came back for a second page (an export reads them all,
    // the table one): read while this one is used, so that its round trips are not waited for in turn.
    let ahead: Promise<{ row: T; at: RowPosition }[]> | undefined;
    const read = async (from: RowPosition | undefined) => {
      const page = await planned(store, site, filter, await planning, order, from, pageSize, now, shape);
      if (page.next === undefined) ended = true;
      else cursor = page.next;
      return page.rows.map((row, i) => ({ row, at: page.at[i] as RowPosition }));
    };
    return {
      // True when a row can be taken, or when the site has no more.
      get ready() {
        return taken < buffer.length || (ended && ahead === undefined);
      },
      head: () => buffer[taken],
      take() {
        taken++;
      },
      async fill(): Promise<void> {
        if (this.ready) return;
        const next = ahead ?? read(cursor);
        ahead = undefined;
        buffer = await next;
        taken = 0;
        if (!ended && ++pages > 1) {
          ahead = read(cursor);
          // Failed and never asked for (the reader stopped): nothing to report.
          ahead.catch(() => {});
        }
      },
    };
  });
  for (;;) {
    await Promise.all(sources.map((s) => s.fill()));
    const run: { row: T; at: RowPosition }[] = [];
    // Rows are taken while every site that may have more has one to compare.
    while (sources.every((s) => s.ready)) {
      let best: (typeof sources)[number] | undefined;
      for (const s of sources) {
        const head = s.head();
        const current = best?.head();
        if (head && (!current || before(head.at, current.at, order.dir))) best = s;
      }
      const row = best?.head();
      if (!best || !row) break;
      best.take();
      run.push(row);
    }
    if (run.length === 0) return;
    yield run;
  }
}

// The same rows one at a time, as read (the leads table and its API: a page of them).
export async function* rowsInOrder(
  store: ConversationsStore,
  sites: readonly Site[],
  filter: LeadFilter,
  order: RowOrder,
  after: RowPosition | undefined,
  now: number,
  pageSize = 100,
): AsyncGenerator<{ row: LeadRow; at: RowPosition }> {
  for await (const run of rowRunsInOrder(store, sites, filter, order, after, now, pageSize, (row) => row)) yield* run;
}
