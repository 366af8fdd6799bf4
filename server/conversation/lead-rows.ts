// A site's lead rows a page at a time through the leads index (issue 20; the store keeps the index in the same
// write as each conversation): the leads table, its API and the exports read the rows they show, never the site.
// The index files each row as it was written; what depends on the time of reading (the behaviour decay, S11) is
// re-checked here on the card as read now, and a page reads on until it is full.

import { setImmediate as nextTurn } from "node:timers/promises";
import { knowsPerson, personKey } from "../../shared/leads/person.ts";
import { filterLeads, type LeadFilter } from "../../shared/leads/query.ts";
import { exactSearch } from "../../shared/leads/search.ts";
import { decaysTerm, filterTerms } from "../../shared/leads/terms.ts";
import type { LeadCard, LeadRow } from "../../shared/protocol/index.ts";
import { personFactsOf } from "../store/lead-terms.ts";
import type { Conversation, ConversationPosition, ConversationsStore, Site } from "../store/types.ts";
import { leadCard } from "./lead-card.ts";

export interface RowsPage {
  rows: LeadRow[];
  // The last row's position, when more may follow.
  next?: ConversationPosition;
}

// Rows whose cards are read in one go: between two such slices the event loop is given back, so that a long read
// (an export, 200 rows a page) holds it a few milliseconds at a time (npm run bench, BENCH_ONLY=leads).
const cardSlice = 50;

type Plan = Awaited<ReturnType<typeof plan>>;

// How the filter reads the index: its terms, and whether tier and stage are left to the re-check (some of the
// site's rows decay, so their stored tier may read lower now).
async function plan(store: ConversationsStore, siteKey: string, filter: LeadFilter) {
  const byTier = filter.tier !== undefined || filter.stage !== undefined;
  const decaying = byTier && (await store.countLeadRows({ siteKey, terms: [decaysTerm] })) > 0;
  const terms = filterTerms(filter, !decaying);
  // `all` alone when nothing narrows; left out otherwise (every row has it).
  return { terms: terms.length > 1 ? terms.slice(1) : terms, decaying };
}

// The row of conversation `c`, read as `card`: the person's conversations, oldest first, for its count and ids (P5).
async function rowOf(store: ConversationsStore, c: Conversation, card: LeadCard): Promise<LeadRow> {
  const facts = personFactsOf(c);
  const ids = knowsPerson(facts)
    ? (await store.listPersonConversations(c.siteKey, personKey(facts))).map((x) => x.id).reverse()
    : [c.id];
  if (!ids.includes(c.id)) ids.push(c.id);
  return { ...card, conversations: ids.length, conversationIds: ids };
}

// One page of `limit` rows of a site, newest first by (createdAt, id), after `after`.
export async function leadRowsPage(
  store: ConversationsStore,
  site: Site,
  filter: LeadFilter,
  after: ConversationPosition | undefined,
  limit: number,
  now: number,
): Promise<RowsPage> {
  return planned(store, site, filter, await plan(store, site.key, filter), after, limit, now);
}

// One page, read by a plan made before it (a read of several pages plans once: rowsInOrder).
async function planned(
  store: ConversationsStore,
  site: Site,
  filter: LeadFilter,
  { terms }: Plan,
  after: ConversationPosition | undefined,
  limit: number,
  now: number,
): Promise<RowsPage> {
  const rows: LeadRow[] = [];
  let cursor = after;
  for (;;) {
    // One more than asked, to know whether another page follows.
    const want = limit + 1 - rows.length;
    const page = await store.queryLeadRows({
      siteKey: site.key,
      terms,
      ...(filter.from !== undefined ? { from: filter.from } : {}),
      ...(filter.to !== undefined ? { to: filter.to } : {}),
      ...(cursor ? { after: cursor } : {}),
      limit: want,
    });
    // Each card read once: for the filter's re-check and for the row.
    const kept: { c: Conversation; card: LeadCard }[] = [];
    for (let i = 0; i < page.length; i += cardSlice) {
      if (i > 0) await nextTurn();
      for (const c of page.slice(i, i + cardSlice)) {
        const card = leadCard(c, site, now);
        if (filterLeads([card], filter).length === 1) kept.push({ c, card });
      }
    }
    rows.push(...(await Promise.all(kept.map(({ c, card }) => rowOf(store, c, card)))));
    const last = page.at(-1);
    if (page.length < want || !last || rows.length > limit) break;
    cursor = { createdAt: last.createdAt, id: last.id };
  }
  const shown = rows.slice(0, limit);
  const end = shown.at(-1);
  return rows.length > limit && end
    ? { rows: shown, next: { createdAt: end.createdAt, id: end.conversationId } }
    : { rows };
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
  const stored = await store.countLeadRows({ siteKey: site.key, terms, ...range });
  if (!decaying && (filter.q === undefined || exactSearch(filter.q))) return stored;
  // Read and re-check: the rows that decay (by tier or stage), or a search with a word longer than the index's.
  let count = 0;
  for await (const page of leadRowPages(store, site, filter, now, 500)) count += page.length;
  return count;
}

// Every row the filter selects, a page at a time (the exports).
export async function* leadRowPages(
  store: ConversationsStore,
  site: Site,
  filter: LeadFilter,
  now: number,
  pageSize = 500,
): AsyncGenerator<LeadRow[]> {
  let after: ConversationPosition | undefined;
  for (;;) {
    const page = await leadRowsPage(store, site, filter, after, pageSize, now);
    if (page.rows.length > 0) yield page.rows;
    if (!page.next) return;
    after = page.next;
  }
}

// Newest first by (createdAt, id), ids in code-unit order as the stores order them.
function newer(a: LeadRow, b: LeadRow): boolean {
  return a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.conversationId > b.conversationId);
}

// Every row of several sites the filter selects, one at a time in one order (each site's pages merged), after
// `after`: the leads table of every site, and the exports.
export async function* rowsInOrder(
  store: ConversationsStore,
  sites: readonly Site[],
  filter: LeadFilter,
  after: ConversationPosition | undefined,
  now: number,
  pageSize = 100,
): AsyncGenerator<LeadRow> {
  const sources = sites.map((site) => {
    // Planned once: the pages of one read follow one plan.
    const planning = plan(store, site.key, filter);
    let cursor = after;
    let buffer: LeadRow[] = [];
    let ended = false;
    let pages = 0;
    // The page after the one being read, once a reader came back for a second page (an export reads them all,
    // the table one): read while this one is used, so that its round trips are not waited for in turn.
    let ahead: Promise<RowsPage> | undefined;
    const read = async (from: ConversationPosition | undefined) =>
      planned(store, site, filter, await planning, from, pageSize, now);
    return {
      async head(): Promise<LeadRow | undefined> {
        if (buffer.length === 0 && !ended) {
          const page = await (ahead ?? read(cursor));
          ahead = undefined;
          buffer = page.rows;
          if (!page.next) ended = true;
          else {
            cursor = page.next;
            if (++pages > 1) {
              ahead = read(cursor);
              // Failed and never asked for (the reader stopped): nothing to report.
              ahead.catch(() => {});
            }
          }
        }
        return buffer[0];
      },
      take() {
        buffer.shift();
      },
    };
  });
  for (;;) {
    const heads = await Promise.all(sources.map((s) => s.head()));
    let best = -1;
    heads.forEach((row, i) => {
      const current = heads[best];
      if (row && (!current || newer(row, current))) best = i;
    });
    const row = heads[best];
    if (!row) return;
    sources[best]?.take();
    yield row;
  }
}
