// Who a lead is (shared/leads/SPEC.md, P1-P5): the same person chatting twice on a site is one lead with several
// conversations. Pure: the server reads the conversations, this says which belong together.
import type { LeadCard, LeadRow, Sales, VisitorIdentity } from "../protocol/index.ts";

// What a conversation says about its visitor: the email they gave the bot (contact capture) and the host page's
// identify(), if any.
export interface PersonFacts {
  id: string;
  siteKey: string;
  email?: string;
  identity?: VisitorIdentity;
}

// P1-P4: the key that names the person on their site. A verified userId first (the site's server vouched for it);
// an unverified userId counts for nothing (the visitor could type anyone's); else the email, lower-cased (the
// bot's before identify()'s); else the conversation alone.
export function personKey(p: PersonFacts): string {
  if (p.identity?.verified && p.identity.userId) return `${p.siteKey}|user:${p.identity.userId}`;
  const email = (p.email ?? p.identity?.email)?.trim().toLowerCase();
  if (email) return `${p.siteKey}|email:${email}`;
  return `${p.siteKey}|conversation:${p.id}`;
}

// True when the key names a person beyond one conversation (an email or a verified userId).
export function knowsPerson(p: PersonFacts): boolean {
  return !personKey(p).startsWith(`${p.siteKey}|conversation:`);
}

const newestFirst = (a: LeadCard, b: LeadCard) =>
  b.createdAt - a.createdAt || b.conversationId.localeCompare(a.conversationId);

// P5: one row per person, newest person first (by their newest conversation).
export function groupLeads(cards: readonly LeadCard[]): LeadRow[] {
  const people = new Map<string, LeadCard[]>();
  for (const card of cards) {
    const key = personKey({ id: card.conversationId, ...card });
    const group = people.get(key);
    if (group) group.push(card);
    else people.set(key, [card]);
  }
  return [...people.values()]
    .map((group) => {
      const sorted = [...group].sort(newestFirst);
      const newest = sorted[0] as LeadCard;
      const ids = sorted.map((c) => c.conversationId).reverse();
      return { ...newest, conversations: ids.length, conversationIds: ids };
    })
    .sort(newestFirst);
}

// P6: the sales a person's newest conversation carries: the person's (their latest earlier conversation's), when
// this one's own is untouched (no status change yet; an owner from its accept is kept when the person has none).
// Null: nothing to carry (the same already, nothing earlier, or this conversation's own status is newer word).
export function carriedSales(person: Sales | undefined, own: Sales | undefined, from: string): Sales | null {
  if (!person || (!person.ownerId && person.history.length === 0)) return null;
  if (own && own.history.length > 0) return null;
  const ownOwner = own?.ownerId ? { ownerId: own.ownerId, ...(own.ownerName ? { ownerName: own.ownerName } : {}) } : {};
  const carried = { ...(person.ownerId ? person : { ...person, ...ownOwner }), carriedFrom: from };
  return JSON.stringify(carried) === JSON.stringify(own) ? null : carried;
}
