// The store contract. Two implementations (memory-store.ts, redis-store.ts) pass one contract suite
// (test/integration/store-contract.test.ts). Everything that matters across server processes lives here.
import type { Effect, EngineState, Playbook } from "../../shared/engine/index.ts";
import type {
  ConversationStatus,
  LeadSource,
  Message,
  Note,
  Outcome,
  RepUser,
  SiteRouting,
  VisitorIdentity,
  WebhookDeliveryView,
  WebhookEndpointView,
  WidgetLoad,
} from "../../shared/protocol/index.ts";

// How a site hands hot leads to reps (docs/routing.md): the same shape the Sites API edits. Absent fields take
// the defaults in routing/settings.ts.
export type RoutingSettings = SiteRouting;

export interface PlaybookVersion {
  version: number;
  publishedAt: number;
}

export interface Site {
  key: string;
  name: string;
  routing?: Partial<RoutingSettings>;
  // Exact origins ("https://acme.com") or any port of a host ("http://localhost:*").
  allowedOrigins: string[];
  greeting: string;
  accentColor: string;
  // The launcher's corner and visible text; sites stored before these existed get "right" and "" (sites/settings.ts).
  position?: "right" | "left";
  launcherLabel?: string;
  playbookId: string;
  playbookVersion: number;
  createdAt: number;
  // Bumped by every updateSite (compare-and-set); absent on sites stored before it.
  rev?: number;
  // 32 random bytes, hex: signs logged-in visitors' userIds (sites/identity.ts). Owners only; absent on sites
  // stored before it until an owner first opens it.
  identitySecret?: string;
}

export interface User extends RepUser {
  passwordHash: string;
  createdAt: number;
  // Most live chats at once (default 3), and the sites this rep serves (absent: all).
  capacity?: number;
  siteKeys?: string[];
  // A disabled account cannot log in, and its sessions stop working at once.
  disabled?: boolean;
  // Bumped by every updateUser (compare-and-set); absent on users stored before it.
  rev?: number;
}

// An owner's invitation to join the team: redeemed once, by whoever holds the link, before expiresAt. Only a hash
// of the link's token is stored.
export interface Invite {
  id: string;
  tokenHash: string;
  email: string;
  name?: string;
  role: User["role"];
  invitedBy: string;
  createdAt: number;
  expiresAt: number;
}

// One rep's presence as the store keeps it: status chosen in the console, online while any tab heartbeats.
// A key for the public API, made by an owner in the console. Only a SHA-256 hash of the key is stored; `prefix`
// (its first characters) lets people tell keys apart. A write key may also do what a read key does.
export interface ApiKey {
  id: string;
  name: string;
  scope: "read" | "write";
  hash: string;
  prefix: string;
  createdBy: string;
  createdAt: number;
  lastUsedAt?: number;
}

export interface PresenceRecord {
  repId: string;
  status: "available" | "away";
  online: boolean;
  lastOfferedAt: number;
}

// Timers that must fire once across all processes: an offer's ring timeout, a lead's maximum wait.
export type DueKind = "offer" | "wait";

export interface Conversation {
  id: string;
  siteKey: string;
  visitorId: string;
  status: ConversationStatus;
  engine: EngineState;
  repId?: string;
  repName?: string;
  pageUrl?: string;
  createdAt: number;
  updatedAt: number;
  queuedAt?: number;
  // When a rep last accepted it (the funnel's time to accept, measured from queuedAt).
  acceptedAt?: number;
  // The seq of the last visitor message the bot has answered: a resent message the bot never answered (the
  // turn failed after the message was stored) is answered on the resend, and never twice.
  answeredSeq?: number;
  // The highest seq the rep has read (read receipts for the visitor).
  repReadSeq?: number;
  // Pages the visitor opened (bounded) and their time zone, for the lead card.
  pageTrail?: string[];
  timeZone?: string;
  // Where the lead came from, and who the host page says the visitor is (verified against the site's secret).
  source?: LeadSource;
  identity?: VisitorIdentity;
  // The current offer when ringing one rep at a time, and every rep tried or declined for this wait.
  offer?: { repId?: string; expiresAt?: number; tried: string[] };
  outcome?: Outcome;
  missedHandoff?: boolean;
  callback?: { phone?: string; when?: string };
  // When the bot first classified the lead as qualified (MQL or SQL): set once, in the write that did it, so
  // the lead.qualified webhook fires once per conversation.
  qualifiedAt?: number;
  // What the bot said in its last turn, written in the same step as the turn: if the process dies before the
  // messages are stored, the next join says them again (their ids are derived from the cause, so never twice).
  botSaid?: { cause: string; effects: Effect[] };
  // Compare-and-set counter: bumped by every write, so concurrent writers cannot overwrite each other.
  rev: number;
}

// A site's webhook endpoint (server/webhooks/): the owner's view of it plus a compare-and-set counter.
export interface WebhookEndpoint extends WebhookEndpointView {
  rev?: number;
}

// One event to one endpoint, with the exact body every attempt posts (its signature covers these bytes).
export interface WebhookDelivery extends WebhookDeliveryView {
  siteKey: string;
  body: string;
  // The conversation the event is about (absent for a test event): erasing its visitor erases the delivery.
  conversationId?: string;
}

export type MessageDraft = Omit<Message, "seq">;

export interface AppendResult {
  message: Message;
  // True when this clientId was stored before: the stored message is returned unchanged.
  duplicate: boolean;
}

export interface Store {
  readonly kind: "memory" | "redis";

  putSite(site: Site): Promise<void>;
  // Read-modify-write of a stored site or user, atomic against other writers (retried on a conflict): `change`
  // gets the stored record and returns the new one, or null to write nothing. Null when the record is gone, so a
  // removed user is never brought back by someone's late edit.
  updateSite(key: string, change: (site: Site) => Site | null): Promise<Site | null>;
  getSite(key: string): Promise<Site | null>;
  listSites(): Promise<Site[]>;
  // The install check: the latest widget load of a site (callers throttle how often they record one).
  recordWidgetLoad(siteKey: string, load: WidgetLoad): Promise<void>;
  lastWidgetLoad(siteKey: string): Promise<WidgetLoad | null>;

  // Playbook versions are immutable once stored; the next version number of an id is handed out once.
  // `publishedAt` (default now) is when the version was first stored; storing it again keeps the first time.
  putPlaybook(playbook: Playbook, publishedAt?: number): Promise<void>;
  nextPlaybookVersion(id: string): Promise<number>;
  getPlaybook(id: string, version: number): Promise<Playbook | null>;
  // Every stored version of a playbook and when it was published, newest first.
  listPlaybookVersions(id: string): Promise<PlaybookVersion[]>;

  // False (and nothing stored) when the email already belongs to another user.
  putUser(user: User): Promise<boolean>;
  updateUser(id: string, change: (user: User) => User | null): Promise<User | null>;
  getUser(id: string): Promise<User | null>;
  getUserByEmail(email: string): Promise<User | null>;
  countUsers(): Promise<number>;
  listUsers(): Promise<User[]>;
  // Takes a user off the team (their sessions are ended separately, with endAuthSessions).
  removeUser(id: string): Promise<void>;

  // Login sessions, by a hash of the session token (the token itself is never stored).
  putAuthSession(tokenHash: string, userId: string, ttlSeconds: number): Promise<void>;
  getAuthSession(tokenHash: string): Promise<string | null>;
  deleteAuthSession(tokenHash: string): Promise<void>;
  // Ends every session of a user (a password change keeps the one that made it: `keepTokenHash`).
  endAuthSessions(userId: string, keepTokenHash?: string): Promise<void>;

  // Team invites, until expiresAt. takeInvite hands an invite out once: of two concurrent takes, one gets it.
  putInvite(invite: Invite): Promise<void>;
  findInvite(tokenHash: string): Promise<Invite | null>;
  takeInvite(tokenHash: string): Promise<Invite | null>;
  listInvites(): Promise<Invite[]>;
  revokeInvite(id: string): Promise<boolean>;

  // API keys, by the hash of the key. Revoking deletes the key: it stops working at once.
  putApiKey(key: ApiKey): Promise<void>;
  findApiKey(hash: string): Promise<ApiKey | null>;
  listApiKeys(): Promise<ApiKey[]>;
  revokeApiKey(id: string): Promise<boolean>;
  // When a key was last used (callers throttle how often they record it); nothing for a revoked key.
  touchApiKey(id: string, at: number): Promise<void>;

  // Creates the visitor's conversation unless an open (not closed) one exists; returns whichever is stored (two
  // tabs, one winner). A closed or expired conversation is replaced: a returning visitor starts afresh.
  createConversation(conversation: Conversation): Promise<Conversation>;
  getConversation(id: string): Promise<Conversation | null>;
  findVisitorConversation(siteKey: string, visitorId: string): Promise<string | null>;
  // Writes `next` (with rev + 1) only if the stored rev is still `next.rev`; keeps the site queue and the rep's
  // live set in step with the status. Returns the stored conversation, or null when someone else wrote first.
  // `previousRepId`: the rep the conversation had, so a transfer or a rep's leaving takes it off their live set.
  updateConversation(next: Conversation, previousRepId?: string): Promise<Conversation | null>;
  // updateConversation, and only if that write wins, appendMessages(lines), in one atomic step: a bot turn's new
  // state and its lines are stored together (one round trip, and never the one without the other).
  // `firstSeq`: write only if lines[0] is new and gets exactly this seq (nothing appended since it was read);
  // otherwise nothing is written and the answer is null, as for a lost compare-and-set.
  updateConversationSaying(
    next: Conversation,
    previousRepId: string | undefined,
    lines: MessageDraft[],
    firstSeq?: number,
  ): Promise<{ conversation: Conversation; said: AppendResult[] } | null>;
  listQueue(siteKey: string): Promise<string[]>;
  // A site's conversations, newest first (leads list, exports); expired ones drop out.
  listConversations(siteKey: string, limit: number): Promise<Conversation[]>;
  listRepConversations(repId: string): Promise<string[]>;
  // A data subject's conversations, for export and erasure: every conversation a visitor had on a site, and every
  // conversation that ever knew an email (captured by the bot or given by the host page's identify), while it is
  // kept. The email index is written in the same atomic step as the conversation and expires with it. A
  // conversation whose email changed (an identify replaced by another) is listed under the new email and still
  // under the old one, until it is erased or expires: the old email's owner can still find and erase it.
  listVisitorConversations(siteKey: string, visitorId: string): Promise<string[]>;
  listEmailConversations(email: string): Promise<string[]>;
  // Erases everything kept about a visitor on a site (on their request): every conversation they had, with its
  // messages, notes and index entries (the email index of every email each conversation ever had, not only its
  // current ones), the visitor's pointers, and the webhook deliveries about them. Open conversations must be ended
  // first. Returns the ids of the conversations erased.
  eraseVisitor(siteKey: string, visitorId: string): Promise<string[]>;

  // Assigns the next seq unless draft.clientId was seen in this conversation before.
  appendMessage(draft: MessageDraft): Promise<AppendResult>;
  // Several messages of one conversation in one step, in order, each as appendMessage would (a bot turn's lines).
  appendMessages(drafts: MessageDraft[]): Promise<AppendResult[]>;
  listMessages(conversationId: string, afterSeq: number, limit?: number): Promise<Message[]>;
  // The stored message a clientId names, if any (a resend).
  findMessage(conversationId: string, clientId: string): Promise<Message | null>;
  lastSeq(conversationId: string): Promise<number>;

  // Internal notes on a conversation (never sent to the visitor), oldest first, kept as long as the conversation.
  // Not stored when the conversation does not exist (or expired), nor past `max` notes (checked atomically).
  addNote(note: Note, max: number): Promise<"added" | "missing" | "full">;
  listNotes(conversationId: string): Promise<Note[]>;

  // Rate limits shared by every process: counts one event under `key` in a fixed window of `windowMs`.
  hit(key: string, limit: number, windowMs: number): Promise<{ allowed: boolean; retryAfterMs: number }>;
  // Several limits on one event, in one step, in order: the first over its limit refuses it, and the limits after
  // it do not count it.
  hits(checks: { key: string; limit: number; windowMs: number }[]): Promise<{ allowed: boolean; retryAfterMs: number }>;
  // Limited slots (connections per IP), held by a named holder until released or expired: take one, or false
  // when all `max` are in use.
  acquireSlot(key: string, holder: string, max: number, now: number, expiresAt: number): Promise<boolean>;
  releaseSlot(key: string, holder: string): Promise<void>;

  // Presence: a rep's chosen status (available until they choose away), and each console tab's heartbeat (expiresAt). A rep is online while any of
  // their tabs has not expired; several tabs count once.
  setRepStatus(repId: string, status: "available" | "away"): Promise<void>;
  touchRepTab(repId: string, tabId: string, expiresAt: number): Promise<void>;
  dropRepTab(repId: string, tabId: string): Promise<void>;
  // Drops expired tabs; returns the reps who had tabs and now have none (they just went offline).
  expireRepTabs(now: number): Promise<string[]>;
  presence(now: number): Promise<PresenceRecord[]>;
  markOffered(repId: string, at: number): Promise<void>;

  // Timers that fire once across every process: whoever takes a due timer handles it, nobody else.
  scheduleDue(kind: DueKind, conversationId: string, at: number): Promise<void>;
  cancelDue(kind: DueKind, conversationId: string): Promise<void>;
  takeDue(now: number, limit: number): Promise<{ kind: DueKind; conversationId: string }[]>;

  // Webhook endpoints of a site. addWebhook stores a new one unless the site has `max` already (false).
  addWebhook(endpoint: WebhookEndpoint, max: number): Promise<boolean>;
  // Read-modify-write by rev, like updateSite; null when the endpoint is gone.
  updateWebhook(
    siteKey: string,
    id: string,
    change: (e: WebhookEndpoint) => WebhookEndpoint | null,
  ): Promise<WebhookEndpoint | null>;
  getWebhook(siteKey: string, id: string): Promise<WebhookEndpoint | null>;
  // Oldest first.
  listWebhooks(siteKey: string): Promise<WebhookEndpoint[]>;
  // Removes the endpoint with its delivery log and every delivery still waiting for it.
  removeWebhook(siteKey: string, id: string): Promise<boolean>;

  // Webhook deliveries. Enqueue is one atomic write: the delivery, its due time and its place in the endpoint's
  // log (which keeps the newest `keep`); false when a delivery with this id was enqueued before (a duplicate), or
  // when the conversation it is about is gone (an erasure wins over an event racing it).
  enqueueDelivery(delivery: WebhookDelivery, keep: number): Promise<boolean>;
  getDelivery(id: string): Promise<WebhookDelivery | null>;
  // Takes up to `limit` deliveries due at `now`, each by one caller across every process: a taken delivery is
  // due again at `leaseUntil` (a claim that dies with its process is retried then). `claim` identifies the take.
  claimDeliveries(
    now: number,
    leaseUntil: number,
    limit: number,
  ): Promise<{ delivery: WebhookDelivery; claim: number }[]>;
  // Records an attempt, only while the claim is still held: due again at delivery.nextAttemptAt while pending,
  // off the due set otherwise. False (nothing written) when the lease ran out and someone else took it.
  finishDelivery(delivery: WebhookDelivery, claim: number): Promise<boolean>;
  // An endpoint's log, newest first.
  listDeliveries(siteKey: string, endpointId: string, limit: number): Promise<WebhookDelivery[]>;
  // Deliveries waiting for an attempt, across every site (a metrics gauge).
  deliveryBacklog(): Promise<number>;

  // The moving average of how long a site's leads wait for an accept (queue estimates).
  recordAccept(siteKey: string, waitedMs: number): Promise<void>;
  averageAccept(siteKey: string): Promise<number | null>;

  // False while the store cannot be reached (a Redis restart): callers answer UNAVAILABLE, not INTERNAL.
  isAvailable(): boolean;
  ping(): Promise<boolean>;

  // A server-wide secret shared by every process: the first caller's value wins.
  getOrCreateSecret(name: string, create: () => string): Promise<string>;

  close(): Promise<void>;
}

// How long a conversation and its messages (with its notes and the visitor's indexes) are kept after their last
// write, unless RETENTION_DAYS says otherwise.
export const conversationTtlSeconds = 90 * 24 * 3600;
export const maxMessagesPerRead = 500;
