// What every area of the memory store shares: its maps, its clock, and copying in and out. One process; expired
// entries are dropped when found. With a data directory every map here is kept on disk (persist.ts) but those
// named in `transientMaps`: a new map is kept with no further change.
import type { Playbook } from "../../../shared/engine/index.ts";
import type { Counters } from "../../../shared/funnel/index.ts";
import type { FollowUp, Message, Note, SavedReply, WidgetLoad } from "../../../shared/protocol/index.ts";
import type { Invite, User } from "../contract/accounts.ts";
import type { ApiKey } from "../contract/api-keys.ts";
import type { Conversation } from "../contract/conversations.ts";
import type { EngageCount } from "../contract/engage.ts";
import type { MailMessage } from "../contract/mail.ts";
import type { Site } from "../contract/sites.ts";
import type { WebhookDelivery, WebhookEndpoint } from "../contract/webhooks.ts";
import { subjectEmails } from "../subject.ts";
import type { ActivityEntry } from "./activity-index.ts";
import type { LeadEntry } from "./lead-index.ts";

export interface Thread {
  messages: Message[];
  seqByClientId: Map<string, number>;
}

// Stored values are copied in and out, as with Redis, so callers can never mutate what is stored.
export const copy = <T>(v: T): T => structuredClone(v);

export const setOf = <K, V>(map: Map<K, V>, key: K, make: () => V): V => {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
};

export function createMemoryState(now: () => number) {
  const state = {
    now,
    sites: new Map<string, Site>(),
    widgetLoads: new Map<string, WidgetLoad>(),
    playbooks: new Map<string, Playbook>(),
    latestVersion: new Map<string, number>(),
    published: new Map<string, Map<number, number>>(),
    publishedBy: new Map<string, Map<number, string>>(),
    users: new Map<string, User>(),
    authSessions: new Map<string, { userId: string; expiresAt: number }>(),
    invites: new Map<string, Invite>(),
    conversations: new Map<string, Conversation>(),
    visitorIndex: new Map<string, string>(),
    visitorAll: new Map<string, Set<string>>(),
    queues: new Map<string, Map<string, number>>(),
    repLive: new Map<string, Set<string>>(),
    threads: new Map<string, Thread>(),
    secrets: new Map<string, string>(),
    windows: new Map<string, { count: number; endsAt: number }>(),
    slots: new Map<string, Map<string, number>>(),
    repStatus: new Map<string, "available" | "away">(),
    tabs: new Map<string, number>(),
    offered: new Map<string, number>(),
    due: new Map<string, number>(),
    acceptAverage: new Map<string, number>(),
    // The teasers' counts by "site|day", then by trigger.
    engageDays: new Map<string, Map<string, EngageCount>>(),
    siteConversations: new Map<string, Map<string, number>>(),
    // Each site's leads index (lead-index.ts, LeadIndexMaps): entries by conversation, person rows, term and
    // person sets.
    leadEntries: new Map<string, Map<string, LeadEntry>>(),
    leadHeads: new Map<string, Map<string, string>>(),
    leadSets: new Map<string, Map<string, Map<string, number>>>(),
    // Each site's activity index (activity-index.ts, ActivityIndexMaps): entries by conversation, term sets.
    activityEntries: new Map<string, Map<string, ActivityEntry>>(),
    activitySets: new Map<string, Map<string, Map<string, number>>>(),
    // The funnel's counter hashes by "site|name" (a day, a month's rollup or chart); what each conversation added, and
    // to which hashes; sites backfilled.
    funnelDays: new Map<string, Counters>(),
    funnelCounted: new Map<string, { hashes: string[]; counters: Counters[] }>(),
    funnelBackfilled: new Set<string>(),
    notes: new Map<string, Note[]>(),
    apiKeys: new Map<string, ApiKey>(),
    savedReplies: new Map<string, SavedReply>(),
    emailIndex: new Map<string, Set<string>>(),
    // Every email a conversation was ever indexed under (its email can change: a replaced identify), for erasure.
    indexedEmails: new Map<string, Set<string>>(),
    webhooks: new Map<string, Map<string, WebhookEndpoint>>(),
    deliveries: new Map<string, WebhookDelivery>(),
    // Delivery ids by endpoint ("site|endpoint"), oldest first; due times by delivery id.
    deliveryLogs: new Map<string, string[]>(),
    deliveryDue: new Map<string, number>(),
    followUps: new Map<string, FollowUp>(),
    // Email: messages by id, due times by id, ids oldest first by site ("" for every message), dedupe key -> id.
    mail: new Map<string, MailMessage>(),
    mailDue: new Map<string, number>(),
    mailLogs: new Map<string, string[]>(),
    mailDedupe: new Map<string, string>(),
    indexEmails(c: Conversation) {
      for (const email of subjectEmails(c)) {
        setOf(state.emailIndex, email, () => new Set<string>()).add(c.id);
        setOf(state.indexedEmails, c.id, () => new Set<string>()).add(email);
      }
    },
  };
  return state;
}

export type MemoryState = ReturnType<typeof createMemoryState>;

// Short-lived, not kept across a restart: rate windows (seconds to minutes), connection slots and console tabs
// (held by sockets that the restart closed).
export const transientMaps: readonly (keyof MemoryState)[] = ["windows", "slots", "tabs"];
