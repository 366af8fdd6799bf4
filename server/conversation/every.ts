// Every conversation of a site created since a time, newest first, read from the store a page at a time, so however
// many conversations a site has (a flood included), none drops out. Only the digest reads here (notify/digest.ts,
// since yesterday): the leads table and exports read through the leads index (lead-rows.ts), the inbox through the
// activity index (inbox-rows.ts), the funnel and the unanswered questions their counters.
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
