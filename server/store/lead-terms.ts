// A conversation's place in its site's leads index (shared/leads/terms.ts): its person and the terms its row is
// filed under and its place in each sort, from the conversation as stored; and in its site's activity index (the
// inbox, shared/leads/inbox.ts). Both stores call these in the write that stores the conversation.
import { type Contact, contactOf } from "../../shared/leads/contact.ts";
import { activityTerms } from "../../shared/leads/inbox.ts";
import {
  type IndexedSort,
  indexedSorts,
  memberWithTie,
  type SortFacts,
  sortKey,
  sortTie,
} from "../../shared/leads/order.ts";
import { knowsPerson, personKey } from "../../shared/leads/person.ts";
import { stageOf } from "../../shared/leads/sales.ts";
import { sourceLabel } from "../../shared/leads/source.ts";
import { type RowFacts, rowTerms } from "../../shared/leads/terms.ts";
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

// The row's facts as written (no read-time decay): what its terms and its sort keys are made of.
function rowFacts(c: Indexed): RowFacts & SortFacts {
  const contact = indexedContact(c);
  const q = c.engine.qualification;
  return {
    tier: q.tier,
    score: q.score,
    stage: stageOf(q.stage, c.sales),
    salesStatus: c.sales?.status ?? "new",
    ...(c.sales?.ownerId ? { ownerId: c.sales.ownerId } : {}),
    ...(c.sales?.ownerName ? { ownerName: c.sales.ownerName } : {}),
    source: sourceLabel(c.source),
    ...(c.outcome ? { outcome: c.outcome } : {}),
    missed: c.missedHandoff === true,
    decays: c.decay !== undefined,
    contact,
  };
}

// A row's terms and its member in each sort's set, from one reading of the conversation (a write needs both).
export function indexedRow(c: Indexed & Pick<Conversation, "createdAt">): {
  terms: string[];
  sorts: Record<IndexedSort, string>;
} {
  const facts = rowFacts(c);
  return { terms: rowTerms(facts), sorts: indexedSortMembers(c, facts) };
}

// The row's member in each sort's set (shared/leads/order.ts), by sort.
function indexedSortMembers(
  c: Indexed & Pick<Conversation, "createdAt">,
  facts = rowFacts(c),
): Record<IndexedSort, string> {
  const tie = sortTie(c.createdAt, c.id);
  return Object.fromEntries(indexedSorts.map((sort) => [sort, memberWithTie(sortKey(facts, sort), tie)])) as Record<
    IndexedSort,
    string
  >;
}

// The inbox's activity index: the conversation's view and the search keys of its contact (scored by updatedAt).
export function indexedActivity(c: Pick<Conversation, "status" | "engine" | "identity" | "callback">): string[] {
  return activityTerms(c.status, indexedContact(c));
}
