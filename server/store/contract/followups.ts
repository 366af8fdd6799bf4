// Follow-ups: what a rep owes a lead after the chat (shared/followups/SPEC.md). One record per conversation and
// need (its id says which, FU8), each site's open ones indexed by when they are due, changed by compare-and-set.
// They go with their conversation: erased with the visitor, kept no longer than the conversation's retention.
import type { FollowUp } from "../../../shared/protocol/index.ts";

export interface FollowUpsStore {
  // Stores `item` unless an item with its id exists, open or done (FU8: a retried or doubled write never opens a
  // need twice, and a done one is never reopened). True when this call stored it.
  openFollowUp(item: FollowUp): Promise<boolean>;
  getFollowUp(id: string): Promise<FollowUp | null>;
  // Writes `next` (with rev + 1) only if the stored rev is still `next.rev`, and keeps the site's index of open
  // items in step (by `snoozedUntil ?? dueAt`; a done item leaves it). Null when the item is gone or someone else
  // wrote first.
  updateFollowUp(next: FollowUp): Promise<FollowUp | null>;
  // A site's open items, earliest due first (`snoozedUntil ?? dueAt`), only `ownerId`'s when given. Items whose
  // conversation is gone (erased, expired) drop out.
  listOpenFollowUps(siteKey: string, ownerId?: string): Promise<FollowUp[]>;
  // Every item of a conversation, open or done, by kind.
  listConversationFollowUps(conversationId: string): Promise<FollowUp[]>;
}
