// The same person's conversations on a site (shared/leads/SPEC.md, P1-P4), read through the store's person index
// (the leads index, kept by each conversation's write under its personKey).
import { knowsPerson, type PersonFacts, personKey } from "../../shared/leads/person.ts";
import { personFactsOf } from "../store/lead-terms.ts";
import type { Conversation, ConversationsStore } from "../store/types.ts";

// What a conversation says about its visitor: the email the bot collected, and the host page's identity.
export function personFacts(c: Conversation): PersonFacts {
  return personFactsOf(c);
}

// Every conversation of `c`'s person on its site, `c` included, newest first; only `c` when nobody is known.
export async function personConversations(store: ConversationsStore, c: Conversation): Promise<Conversation[]> {
  const facts = personFacts(c);
  if (!knowsPerson(facts)) return [c];
  const [found = []] = await store.listPersonConversations(c.siteKey, [personKey(facts)]);
  return found.some((x) => x.id === c.id) ? found : [c, ...found];
}
