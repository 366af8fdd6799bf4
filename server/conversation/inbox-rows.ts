// The inbox's list (GET /api/conversations) through the activity index (issue 20; the store keeps it in the same
// write as each conversation): a page reads the positions of its selections (shared/leads/inbox.ts), merged over
// the visible sites newest activity first, then the docs of that page only; counts per view come from the index's
// set sizes. The site's conversations are never listed.
import { leadContact } from "../../shared/leads/contact.ts";
import { activitySelections, byActivity, inboxViews, type Listed, viewTerms } from "../../shared/leads/inbox.ts";
import { exactSearch, matchesSearch } from "../../shared/leads/search.ts";
import type { InboxView, LeadCard } from "../../shared/protocol/index.ts";
import type { ActivityPosition, Conversation, ConversationsStore, Site } from "../store/types.ts";
import { leadCard } from "./lead-card.ts";

export interface InboxRow {
  c: Conversation;
  lead: LeadCard;
  // Where the index had it when read (the cursor is made of it: the doc may have been written since).
  at: Listed;
}

type Sited = ActivityPosition & { siteKey: string };

// Every position of each selection of each site after `after`, merged newest activity first, each conversation
// once (one written meanwhile may be met in two views): the sites' and views' pages merged as rowsInOrder merges
// the leads table's.
async function* positionsInOrder(
  store: ConversationsStore,
  siteKeys: readonly string[],
  selections: readonly string[][],
  after: Listed | undefined,
  pageSize: number,
): AsyncGenerator<Sited> {
  const sources = siteKeys.flatMap((siteKey) =>
    selections.map((terms) => {
      let cursor = after;
      let buffer: Sited[] = [];
      let ended = false;
      return {
        async head(): Promise<Sited | undefined> {
          if (buffer.length === 0 && !ended) {
            const page = await store.queryActivity({
              siteKey,
              terms,
              limit: pageSize,
              ...(cursor ? { after: cursor } : {}),
            });
            buffer = page.map((p) => ({ ...p, siteKey }));
            cursor = page.at(-1);
            ended = page.length < pageSize;
          }
          return buffer[0];
        },
        take() {
          buffer.shift();
        },
      };
    }),
  );
  const seen = new Set<string>();
  for (;;) {
    const heads = await Promise.all(sources.map((s) => s.head()));
    let best = -1;
    heads.forEach((p, i) => {
      const current = heads[best];
      if (p && (!current || byActivity(p, current) < 0)) best = i;
    });
    const p = heads[best];
    if (!p) return;
    sources[best]?.take();
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    yield p;
  }
}

// Whether the conversation as read belongs to the list: its view, and the search on its card (the index holds a
// word's first 24 characters only, and the doc may have been written since the index was read).
function belongs(c: Conversation, lead: LeadCard, view: InboxView | undefined, q: string): boolean {
  return (!view || c.status === view) && matchesSearch(leadContact(lead), q);
}

// One page of `limit` rows, newest activity first, after `after`; `next` when more may follow.
export async function inboxPage(
  store: ConversationsStore,
  sites: readonly Site[],
  filter: { view?: InboxView; q: string },
  after: Listed | undefined,
  limit: number,
  now: number,
): Promise<{ rows: InboxRow[]; next?: Listed }> {
  const { view, q } = filter;
  const bySite = new Map(sites.map((s) => [s.key, s]));
  const positions = positionsInOrder(store, [...bySite.keys()], activitySelections(view, q), after, limit + 1);
  const rows: InboxRow[] = [];
  for (let ended = false; rows.length <= limit && !ended; ) {
    // One more than asked, to know whether another page follows.
    const batch: Sited[] = [];
    while (batch.length < limit + 1 - rows.length) {
      const p = await positions.next();
      if (p.done) {
        ended = true;
        break;
      }
      batch.push(p.value);
    }
    const read = await Promise.all(batch.map((p) => store.getConversation(p.id)));
    batch.forEach((p, i) => {
      const c = read[i];
      const site = bySite.get(p.siteKey);
      if (!c || !site) return;
      const lead = leadCard(c, site, now);
      if (belongs(c, lead, view, q)) rows.push({ c, lead, at: { id: p.id, updatedAt: p.updatedAt } });
    });
  }
  const shown = rows.slice(0, limit);
  const end = shown.at(-1);
  return rows.length > limit && end ? { rows: shown, next: end.at } : { rows: shown };
}

// How many conversations of the sites each view holds for the search: set sizes (or intersections) in the index.
// A search word longer than the index holds is counted by reading the rows its first 24 characters find.
export async function inboxCounts(
  store: ConversationsStore,
  sites: readonly Site[],
  q: string,
  now: number,
): Promise<Record<InboxView, number>> {
  const counts: Record<InboxView, number> = { bot: 0, queued: 0, live: 0, closed: 0 };
  if (!exactSearch(q)) {
    let after: Listed | undefined;
    for (;;) {
      const page = await inboxPage(store, sites, { q }, after, 500, now);
      for (const row of page.rows) counts[row.c.status]++;
      if (!page.next) return counts;
      after = page.next;
    }
  }
  const each = await Promise.all(
    inboxViews.map(async (view) => {
      const sizes = await Promise.all(
        sites.map((s) => store.countActivity({ siteKey: s.key, terms: viewTerms(view, q) })),
      );
      return [view, sizes.reduce((a, b) => a + b, 0)] as const;
    }),
  );
  for (const [view, n] of each) counts[view] = n;
  return counts;
}
