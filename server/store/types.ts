// The store contract, by area (contract/): what each part of the server may ask of the store, and the whole store
// as their intersection. Two implementations (memory-store.ts, redis-store.ts) pass one contract suite
// (test/integration/store-contract/). Everything that matters across server processes lives here.
import type { AccountsStore } from "./contract/accounts.ts";
import type { ApiKeysStore } from "./contract/api-keys.ts";
import type { ConversationsStore } from "./contract/conversations.ts";
import type { EngageStore } from "./contract/engage.ts";
import type { FollowUpsStore } from "./contract/followups.ts";
import type { FunnelCountersStore } from "./contract/funnel.ts";
import type { StoreLife } from "./contract/life.ts";
import type { LimitsStore } from "./contract/limits.ts";
import type { MailStore } from "./contract/mail.ts";
import type { MessagesStore } from "./contract/messages.ts";
import type { PlaybooksStore } from "./contract/playbooks.ts";
import type { PresenceStore } from "./contract/presence.ts";
import type { PrivacyStore } from "./contract/privacy.ts";
import type { SavedRepliesStore } from "./contract/saved-replies.ts";
import type { SecretsStore } from "./contract/secrets.ts";
import type { SitesStore } from "./contract/sites.ts";
import type { StatsStore } from "./contract/stats.ts";
import type { TimersStore } from "./contract/timers.ts";
import type { WebhooksStore } from "./contract/webhooks.ts";

export type { AccountsStore, Invite, User } from "./contract/accounts.ts";
export type { ApiKey, ApiKeysStore } from "./contract/api-keys.ts";
export {
  type ActivityPosition,
  type ActivityQuery,
  type Conversation,
  type ConversationPosition,
  type ConversationsStore,
  conversationTtlSeconds,
  type LeadRowsQuery,
  type SortedLeadRowsQuery,
} from "./contract/conversations.ts";
export type { EngageCount, EngageEventKind, EngageStore } from "./contract/engage.ts";
export type { FollowUpsStore } from "./contract/followups.ts";
export type { FunnelCountersStore } from "./contract/funnel.ts";
export type { StoreLife } from "./contract/life.ts";
export type { LimitHit, LimitsStore } from "./contract/limits.ts";
export type { MailMessage, MailStore } from "./contract/mail.ts";
export { type AppendResult, type MessageDraft, type MessagesStore, maxMessagesPerRead } from "./contract/messages.ts";
export type { PlaybooksStore, PlaybookVersion } from "./contract/playbooks.ts";
export type { PresenceRecord, PresenceStore } from "./contract/presence.ts";
export type { PrivacyStore } from "./contract/privacy.ts";
export type { SavedRepliesStore, SavedReplyWrite } from "./contract/saved-replies.ts";
export type { SecretsStore } from "./contract/secrets.ts";
export type { RoutingSettings, Site, SitesStore } from "./contract/sites.ts";
export type { StatsStore } from "./contract/stats.ts";
export type { DueKind, OtherDueKind, TimersStore } from "./contract/timers.ts";
export type { WebhookDelivery, WebhookEndpoint, WebhooksStore } from "./contract/webhooks.ts";

// The composition root builds one store with every area; the metrics proxy instruments all of it.
export type Store = StoreLife &
  SitesStore &
  PlaybooksStore &
  AccountsStore &
  ApiKeysStore &
  SavedRepliesStore &
  ConversationsStore &
  FollowUpsStore &
  FunnelCountersStore &
  MessagesStore &
  PresenceStore &
  TimersStore &
  LimitsStore &
  WebhooksStore &
  MailStore &
  PrivacyStore &
  StatsStore &
  EngageStore &
  SecretsStore;
