// A conversation's place in its site's leads index (shared/leads/terms.ts): its person and the terms its row is
// filed under, from the conversation as stored; and in its site's activity index (the inbox, shared/leads/inbox.ts).
// Both stores call these in the write that stores the conversation.
import { type Contact, contactOf } from "../../shared/leads/contact.ts";
import { activityTerms } from "../../shared/leads/inbox.ts";
import { knowsPerson, personKey } from "../../shared/leads/person.ts";
import { stageOf } from "../../shared/leads/sales.ts";
import { sourceLabel } from "../../shared/leads/source.ts";
import { rowTerms } from "../../shared/leads/terms.ts";
import type { Conversation } from "./contract/conversations.ts";

type Indexed = Pick<
  Conversation,
  "id" | "siteKey" | "engine" | "sales" | "source" | "outcome" | "missedHandoff" | "identity" | "callback" | "decay"
>;

// What a conversation says about its visitor: the email the bot collected, and the host page's identity
// (server/conversation/person.ts reads people the same way).
export function personFactsOf(c: Pick<Conversation, "id" | "siteKey" | "engine" | "identity">) {
  const captured = Object.values(c.engine.slots).find((a) => a.value.kind === "email")?.value;
  const email = captured?.kind === "email" ? captured.email : undefined;
  return { id: c.id, siteKey: c.siteKey, ...(email ? { email } : {}), ...(c.identity ? { identity: c.identity } : {}) };
}

// The person's key when the conversation names one (P1-P4), else "" (the conversation is its own row).
export function indexedPerson(c: Indexed): string {
  const facts = personFactsOf(c);
  return knowsPerson(facts) ? personKey(facts) : "";
}

// As the lead card's contact reads (shared/leads/contact.ts leadContact): what search finds a conversation by.
function indexedContact(c: Pick<Conversation, "engine" | "identity" | "callback">): Contact {
  const slots = Object.values(c.engine.slots).sort((a, b) => a.order - b.order);
  const shown = (kind: string) => slots.find((a) => a.value.kind === kind)?.display;
  const answers = slots
    .filter((a) => a.value.kind !== "email" && a.value.kind !== "phone")
    .map((a) => ({ slot: a.slot, answer: a.display }));
  const contact = contactOf(answers, shown("email"), c.identity);
  const phoneShown = shown("phone") ?? c.callback?.phone;
  if (phoneShown) contact.phone = phoneShown;
  return contact;
}

export function indexedTerms(c: Indexed): string[] {
  const contact = indexedContact(c);
  const q = c.engine.qualification;
  return rowTerms({
    tier: q.tier,
    stage: stageOf(q.stage, c.sales),
    salesStatus: c.sales?.status ?? "new",
    ...(c.sales?.ownerId ? { ownerId: c.sales.ownerId } : {}),
    source: sourceLabel(c.source),
    ...(c.outcome ? { outcome: c.outcome } : {}),
    missed: c.missedHandoff === true,
    decays: c.decay !== undefined,
    contact,
  });
}

// The inbox's activity index: the conversation's view and the search keys of its contact (scored by updatedAt).
export function indexedActivity(c: Pick<Conversation, "status" | "engine" | "identity" | "callback">): string[] {
  return activityTerms(c.status, indexedContact(c));
}
