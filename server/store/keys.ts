// Every Redis key is built here, under one prefix (REDIS_PREFIX; tests use a unique one each), and every name a
// rate limit or a slot counts under (limitKeys, which the store puts under keys().rate and keys().slots).
import { createHash } from "node:crypto";

// Emails are personal data: a key names an email by its hash, so a key listing shows nobody's address.
function emailHash(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("base64url");
}

// On Redis Cluster (cluster = true) the names carry hash tags, so that every script's and transaction's keys share a
// slot (docs/deployment.md, "Redis Cluster"); on a single Redis they are the names they always were, so an existing
// install reads its data as before and needs no migration.
// - A site's data is tagged by its key: `site:{KEY}`, `site:{KEY}:...`, `queue:{KEY}`, `visitor:{KEY}:...`. Keys
//   named `site:${s(key)}:...` share the site's slot by construction.
// - A conversation's own keys (`conv:{SITE}:ID...`) are in its site's slot, so one script writes the conversation
//   with the site's queue and lists. The id does not name its site: the store reads it once per process from
//   `conv-site:ID` (conversationSite, written when the conversation is created). An id with no site (messages
//   appended to a conversation never created) is tagged by itself.
// - What belongs to the whole install (users, sessions, invites, API keys, saved replies, presence, timers,
//   playbooks, secrets) shares one slot, `{install}`: small, and written together by its scripts and transactions.
//   So do webhooks, email and follow-ups, each a queue or list with its records and logs (per site included) and
//   each conversation's set of them, which their scripts trim and claim together.
// - Left in their own slots, and so written apart from the scripts above: an email's conversations (across sites),
//   a rep's live conversations (across sites), rate limits and connection slots.
export function keys(prefix: string, cluster = false) {
  // A site's tag, and the install's prefix.
  const s = (siteKey: string) => (cluster ? `{${siteKey}}` : siteKey);
  const i = cluster ? `${prefix}{install}:` : prefix;
  // A conversation's keys: `conv:ID` on a single Redis, `conv:{SITE}:ID` on a cluster (see above).
  const c = (id: string, site?: string) => (cluster ? `${prefix}conv:{${site || id}}:${id}` : `${prefix}conv:${id}`);
  return {
    cluster,
    site: (key: string) => `${prefix}site:${s(key)}`,
    sites: () => `${i}sites`,
    // Owned by the site (no TTL), like the site itself.
    widgetLoad: (key: string) => `${prefix}site:${s(key)}:widget-load`,
    playbook: (id: string, version: number) => `${i}playbook:${id}:${version}`,
    playbookLatest: (id: string) => `${i}playbook:${id}:latest`,
    // Hash: version -> when it was published (ms).
    playbookPublished: (id: string) => `${i}playbook:${id}:published`,
    // Hash: version -> the user id who published it (versions made with a site have none).
    playbookPublishedBy: (id: string) => `${i}playbook:${id}:published-by`,
    user: (id: string) => `${i}user:${id}`,
    // The email's user id. Stored before under the email in clear (legacyUserByEmail): a lookup that misses moves
    // such a key to this name (lua/user-by-email-2.lua).
    userByEmail: (email: string) => `${i}user-email:${emailHash(email)}`,
    legacyUserByEmail: (email: string) => `${i}user-email:${email}`,
    users: () => `${i}users`,
    authSession: (tokenHash: string) => `${i}auth:${tokenHash}`,
    userSessions: (userId: string) => `${i}user:${userId}:sessions`,
    invite: (tokenHash: string) => `${i}invite:${tokenHash}`,
    invites: () => `${i}invites`,
    conversation: (id: string, site?: string) => c(id, site),
    messages: (id: string, site?: string) => `${c(id, site)}:messages`,
    clientIds: (id: string, site?: string) => `${c(id, site)}:client-ids`,
    seq: (id: string, site?: string) => `${c(id, site)}:seq`,
    notes: (id: string, site?: string) => `${c(id, site)}:notes`,
    visitorConversation: (siteKey: string, visitorId: string) => `${prefix}visitor:${s(siteKey)}:${visitorId}`,
    // Every conversation a visitor ever had on a site, so erasing the visitor finds them all.
    visitorConversations: (siteKey: string, visitorId: string) => `${prefix}visitor:${s(siteKey)}:${visitorId}:all`,
    // Every conversation that knew an email (set), as long as the newest of them is kept.
    emailConversations: (email: string) => `${prefix}email:${emailHash(email)}`,
    // Every email index a conversation was ever added to (set of those keys, expires with the conversation): its
    // email can change (a replaced identify), and erasing it must take it off the old email's index too.
    conversationEmailIndexes: (id: string, site?: string) => `${c(id, site)}:email-indexes`,
    // A conversation's site (cluster only, see above): lives as long as the conversation.
    conversationSite: (id: string) => `${prefix}conv-site:${id}`,
    // The key's record by its hash (JSON), and every key's id -> hash (hash), and id -> last used (ms).
    apiKey: (hash: string) => `${i}api-key:${hash}`,
    apiKeys: () => `${i}api-keys`,
    apiKeysUsed: () => `${i}api-keys:used`,
    // The team's saved replies (hash: id -> JSON) and their shortcuts (hash: shortcut -> id), owned by the install.
    savedReplies: () => `${i}saved-replies`,
    savedReplyShortcuts: () => `${i}saved-replies:shortcuts`,
    queue: (siteKey: string) => `${prefix}queue:${s(siteKey)}`,
    siteConversations: (siteKey: string) => `${prefix}site:${s(siteKey)}:conversations`,
    // The site's leads index (issue 20, lua/lib-lead-index.lua): every key under this one prefix, each named by
    // leadTermKey (a term's sorted set of row ids), leadSortKey (a sort's rows, lib-lead-index.lua), leadPersonKey (a person's conversations) or "reg" and "heads".
    // The prefix carries the site's tag, so every key the scripts build from it is in the site's slot.
    leadIndex: (siteKey: string) => `${prefix}site:${s(siteKey)}:leads:`,
    // The site's activity index (the inbox, issue 20, lua/lib-activity-index.lua): "reg" and each term's sorted set
    // (named by leadTermKey: a search key by hash) under this one prefix, in the site's slot as the leads index.
    activityIndex: (siteKey: string) => `${prefix}site:${s(siteKey)}:inbox:`,
    repConversations: (repId: string) => `${prefix}rep:${repId}:live`,
    secret: (name: string) => `${i}secret:${name}`,
    rate: (key: string) => `${prefix}rate:${key}`,
    presenceTabs: () => `${i}presence:tabs`,
    presenceStatus: () => `${i}presence:status`,
    presenceOffered: () => `${i}presence:offered`,
    due: () => `${i}due`,
    acceptAverage: (siteKey: string) => `${prefix}stats:${s(siteKey)}:accept-ms`,
    // The teasers' counts of one UTC day (hash: "<trigger>:<event>" -> count), kept RETENTION_DAYS from its last count.
    engageDay: (siteKey: string, day: string) => `${prefix}site:${s(siteKey)}:engage:${day}`,
    // Any of the funnel's counter hashes by its name (shared/funnel/contributions.ts counterHashes: a day "2026-11-20",
    // a month's rollup "2026-11", a month's chart "chart:2026-11"), expiring RETENTION_DAYS after its last day; and
    // whether the site's conversations stored before counters existed were counted ("1"), and in the rollups too ("2").
    // In the site's slot: the conversation scripts count into them, and sum-counters-n.lua sums them in one call.
    funnelHash: (siteKey: string, name: string) => `${prefix}site:${s(siteKey)}:funnel:${name}`,
    funnelBackfilled: (siteKey: string) => `${prefix}site:${s(siteKey)}:funnel:backfilled`,
    // The unanswered questions' counters (lib-funnel-counters.lua names the rest from it: ":<month>" and
    // ":<month>:<question id>"), in the site's slot as the conversation scripts count into them.
    siteQuestions: (siteKey: string) => `${prefix}site:${s(siteKey)}:questions`,
    // A site's webhook endpoints (JSON each, a set of ids), each endpoint's delivery log (sorted set by creation),
    // every delivery (JSON, kept RETENTION_DAYS), and the deliveries waiting for an attempt (sorted set by due time).
    webhook: (siteKey: string, id: string) => `${i}site:${siteKey}:webhook:${id}`,
    webhooks: (siteKey: string) => `${i}site:${siteKey}:webhooks`,
    webhookLog: (siteKey: string, id: string) => `${i}site:${siteKey}:webhook:${id}:log`,
    webhookDelivery: (id: string) => `${i}webhook-delivery:${id}`,
    webhookDue: () => `${i}webhook-due`,
    // The deliveries about one conversation (set, kept RETENTION_DAYS), so erasing its visitor finds them.
    conversationDeliveries: (id: string) => `${i}conv:${id}:webhook-deliveries`,
    // Follow-ups (JSON each, kept RETENTION_DAYS from their last write), each site's open ones (sorted set by due
    // time), and each conversation's (set of ids), so accepting or erasing it finds them.
    followUp: (id: string) => `${i}followup:${id}`,
    siteFollowUps: (siteKey: string) => `${i}site:${siteKey}:followups-open`,
    conversationFollowUps: (id: string) => `${i}conv:${id}:followups`,
    // Email (server/email/): every message (JSON, kept RETENTION_DAYS), the messages due for an attempt (sorted set
    // by due time), the newest-first logs overall and per site (sorted sets by creation), each conversation's
    // messages (set, for erasure), and a dedupe key's message id (named by its hash: a key may hold an address).
    mail: (id: string) => `${i}mail:${id}`,
    mailDue: () => `${i}mail-due`,
    mailLog: () => `${i}mail-log`,
    siteMailLog: (siteKey: string) => `${i}site:${siteKey}:mail-log`,
    conversationMail: (id: string) => `${i}conv:${id}:mail`,
    mailDedupe: (dedupeKey: string) => `${i}mail-dedupe:${createHash("sha256").update(dedupeKey).digest("base64url")}`,
    slots: (key: string) => `${prefix}slots:${key}`,
  };
}

export type Keys = ReturnType<typeof keys>;

// Names under keys().leadIndex(site) (and a term's under activityIndex(site)). A search key is part of a name or an email, and a person key holds an email,
// so both are named by their hash: a key listing shows nobody's name or address.
// Hashed as they are (a verified user id is case-sensitive).
// A turn names the same terms as the conversation's last write: each text is hashed once, for the last few
// thousand texts.
const hashes = new Map<string, string>();
function nameHash(text: string): string {
  let hash = hashes.get(text);
  if (hash === undefined) {
    hash = createHash("sha256").update(text).digest("base64url").slice(0, 32);
    if (hashes.size >= 5000) hashes.clear();
    hashes.set(text, hash);
  }
  return hash;
}
export function leadTermKey(term: string): string {
  return term.startsWith("q:") ? `t:q:${nameHash(term)}` : `t:${term}`;
}
// A sort's set of rows (shared/leads/order.ts): members hold the sort's text (a name, an email), never a key name.
export function leadSortKey(sort: string): string {
  return `s:${sort}`;
}
export function leadPersonKey(personKey: string): string {
  return `p:${nameHash(personKey)}`;
}

// What each rate limit and slot counts under (server/limits/rates.ts has their rates). Emails are named by their hash.
export const limitKeys = {
  // A visitor's messages and a conversation's page views and identify calls: erasing the visitor deletes both
  // counters, as they name the visitor and the conversation.
  visitorMessages: (siteKey: string, visitorId: string) => `msg:visitor:${siteKey}:${visitorId}`,
  conversationEvents: (conversationId: string) => `event:conv:${conversationId}`,
  // A visitor's behaviour reports (POST /api/sites/:key/activity), erased with the visitor; and per address.
  visitorActivity: (siteKey: string, visitorId: string) => `activity:visitor:${siteKey}:${visitorId}`,
  ipActivity: (ip: string) => `activity:ip:${ip}`,
  // Transcript emails a conversation asked for (erased with it), and per address.
  conversationTranscripts: (conversationId: string) => `transcript:conv:${conversationId}`,
  ipTranscripts: (ip: string) => `transcript:ip:${ip}`,
  // A conversation's ratings (erased with it).
  conversationRatings: (conversationId: string) => `rating:conv:${conversationId}`,
  ipMessages: (ip: string) => `msg:ip:${ip}`,
  ipEvents: (ip: string) => `event:ip:${ip}`,
  siteMessages: (siteKey: string) => `msg:site:${siteKey}`,
  repMessages: (repId: string) => `msg:rep:${repId}`,
  repEvents: (repId: string) => `event:rep:${repId}`,
  repFanOutEvents: (repId: string) => `fan-out:rep:${repId}`,
  ipJoins: (ip: string) => `join:ip:${ip}`,
  siteJoins: (siteKey: string) => `join:site:${siteKey}`,
  ipConnections: (ip: string) => `conn:${ip}`,
  // What costs a password hash (the action: "login", "password", "invite"), per address, and per account.
  ipAttempts: (action: string, ip: string) => `${action}:ip:${ip}`,
  emailLogins: (email: string) => `login:email:${emailHash(email)}`,
  userPasswordChanges: (userId: string) => `password:user:${userId}`,
  // The teasers' shown / opened / dismissed reports, per address: what one address can add to the funnel's counts.
  ipEngageEvents: (ip: string) => `engage:ip:${ip}`,
  apiKeyRequests: (id: string) => `api-key:${id}`,
  // How often a key's last use and a site's widget load are written, not a refusal.
  apiKeyUseWrites: (id: string) => `api-key-used:${id}`,
  widgetLoadWrites: (siteKey: string) => `widget-load:${siteKey}`,
};
