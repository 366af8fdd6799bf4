// Every conversation of a site, newest first, read from the store a page at a time. The leads list, the exports,
// the inbox, the funnel and the unanswered questions all read this way, so however many conversations a site has
// (a flood included), no lead ever drops out of one of them. Each request reads the whole site (or, with `since`,
// back to that time): an index per query is the next step when sites grow past that.
import type { Conversation, ConversationsStore } from "../store/types.ts";

const pageSize = 500;

// `since`: stop at the first conversation created before it (the list is in creation order).
export async function everyConversation(
  store: ConversationsStore,
  siteKey: string,
  since = Number.NEGATIVE_INFINITY,
): Promise<Conversation[]> {
  const all: Conversation[] = [];
  let after: Conversation | undefined;
  for (;;) {
    const page = await store.listConversations(
      siteKey,
      pageSize,
      after && { createdAt: after.createdAt, id: after.id },
    );
    const kept = page.filter((c) => c.createdAt >= since);
    all.push(...kept);
    after = page.at(-1);
    if (page.length < pageSize || kept.length < page.length || !after) return all;
  }
}
