// The same person's conversations on a site (shared/leads/SPEC.md, P1-P4). Read from the site's conversations,
// as the leads table reads them: no index of people yet (a site whose reads grow too long gets one, keyed by
// personKey, written with the conversation).
import { knowsPerson, type PersonFacts, personKey } from "../../shared/leads/person.ts";
import type { Conversation, ConversationsStore } from "../store/types.ts";
import { everyConversation } from "./every.ts";

// What a conversation says about its visitor: the email the bot collected, and the host page's identity.
export function personFacts(c: Conversation): PersonFacts {
  const captured = Object.values(c.engine.slots).find((a) => a.value.kind === "email")?.value;
  const email = captured?.kind === "email" ? captured.email : undefined;
  return { id: c.id, siteKey: c.siteKey, ...(email ? { email } : {}), ...(c.identity ? { identity: c.identity } : {}) };
}

// Every conversation of `c`'s person on its site, `c` included, newest first; only `c` when nobody is known.
export async function personConversations(store: ConversationsStore, c: Conversation): Promise<Conversation[]> {
  const facts = personFacts(c);
  if (!knowsPerson(facts)) return [c];
  const key = personKey(facts);
  return (await everyConversation(store, c.siteKey)).filter((x) => personKey(personFacts(x)) === key);
}
