// Every Redis key is built here, under one prefix (REDIS_PREFIX; tests use a unique one each), and every name a
// rate limit or a slot counts under (limitKeys, which the store puts under keys().rate and keys().slots).
import { createHash } from "node:crypto";

// Emails are personal data: a key names an email by its hash, so a key listing shows nobody's address.
function emailHash(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("base64url");
}

export function keys(prefix: string) {
  return {
    site: (key: string) => `${prefix}site:${key}`,
    sites: () => `${prefix}sites`,
    // Owned by the site (no TTL), like the site itself.
    widgetLoad: (key: string) => `${prefix}site:${key}:widget-load`,
    playbook: (id: string, version: number) => `${prefix}playbook:${id}:${version}`,
    playbookLatest: (id: string) => `${prefix}playbook:${id}:latest`,
    // Hash: version -> when it was published (ms).
    playbookPublished: (id: string) => `${prefix}playbook:${id}:published`,
    // Hash: version -> the user id who published it (versions made with a site have none).
    playbookPublishedBy: (id: string) => `${prefix}playbook:${id}:published-by`,
    user: (id: string) => `${prefix}user:${id}`,
    // The email's user id. Stored before under the email in clear (legacyUserByEmail): a lookup that misses moves
    // such a key to this name (lua/user-by-email-2.lua).
    userByEmail: (email: string) => `${prefix}user-email:${emailHash(email)}`,
    legacyUserByEmail: (email: string) => `${prefix}user-email:${email}`,
    users: () => `${prefix}users`,
    authSession: (tokenHash: string) => `${prefix}auth:${tokenHash}`,
    userSessions: (userId: string) => `${prefix}user:${userId}:sessions`,
    invite: (tokenHash: string) => `${prefix}invite:${tokenHash}`,
    invites: () => `${prefix}invites`,
    conversation: (id: string) => `${prefix}conv:${id}`,
    messages: (id: string) => `${prefix}conv:${id}:messages`,
    clientIds: (id: string) => `${prefix}conv:${id}:client-ids`,
    seq: (id: string) => `${prefix}conv:${id}:seq`,
    notes: (id: string) => `${prefix}conv:${id}:notes`,
    visitorConversation: (siteKey: string, visitorId: string) => `${prefix}visitor:${siteKey}:${visitorId}`,
    // Every conversation a visitor ever had on a site, so erasing the visitor finds them all.
    visitorConversations: (siteKey: string, visitorId: string) => `${prefix}visitor:${siteKey}:${visitorId}:all`,
    // Every conversation that knew an email (set), as long as the newest of them is kept.
    emailConversations: (email: string) => `${prefix}email:${emailHash(email)}`,
    // Every email index a conversation was ever added to (set of those keys, expires with the conversation): its
    // email can change (a replaced identify), and erasing it must take it off the old email's index too.
    conversationEmailIndexes: (id: string) => `${prefix}conv:${id}:email-indexes`,
    // The key's record by its hash (JSON), and every key's id -> hash (hash), and id -> last used (ms).
    apiKey: (hash: string) => `${prefix}api-key:${hash}`,
    apiKeys: () => `${prefix}api-keys`,
    apiKeysUsed: () => `${prefix}api-keys:used`,
    // The team's saved replies (hash: id -> JSON) and their shortcuts (hash: shortcut -> id), owned by the install.
    savedReplies: () => `${prefix}saved-replies`,
    savedReplyShortcuts: () => `${prefix}saved-replies:shortcuts`,
    queue: (siteKey: string) => `${prefix}queue:${siteKey}`,
    siteConversations: (siteKey: string) => `${prefix}site:${siteKey}:conversations`,
    // The site's leads index (issue 20, lua/lib-lead-index.lua): every key under this one prefix, each named by
    // leadTermKey (a term's sorted set of row ids), leadPersonKey (a person's conversations) or "reg" and "heads".
    leadIndex: (siteKey: string) => `${prefix}site:${siteKey}:leads:`,
    repConversations: (repId: string) => `${prefix}rep:${repId}:live`,
    secret: (name: string) => `${prefix}secret:${name}`,
    rate: (key: string) => `${prefix}rate:${key}`,
    presenceTabs: () => `${prefix}presence:tabs`,
    presenceStatus: () => `${prefix}presence:status`,
    presenceOffered: () => `${prefix}presence:offered`,
    due: () => `${prefix}due`,
    acceptAverage: (siteKey: string) => `${prefix}stats:${siteKey}:accept-ms`,
    // The teasers' counts of one UTC day (hash: "<trigger>:<event>" -> count), kept RETENTION_DAYS from its last count.
    engageDay: (siteKey: string, day: string) => `${prefix}site:${siteKey}:engage:${day}`,
    // The funnel's counters of one UTC day (hash: shared/funnel/counters.ts field -> count), expiring RETENTION_DAYS
    // after the day; and whether the site's conversations stored before counters existed were counted ("1").
    funnelDay: (siteKey: string, day: string) => `${prefix}site:${siteKey}:funnel:${day}`,
    funnelBackfilled: (siteKey: string) => `${prefix}site:${siteKey}:funnel:backfilled`,
    // A site's webhook endpoints (JSON each, a set of ids), each endpoint's delivery log (sorted set by creation),
    // every delivery (JSON, kept RETENTION_DAYS), and the deliveries waiting for an attempt (sorted set by due time).
    webhook: (siteKey: string, id: string) => `${prefix}site:${siteKey}:webhook:${id}`,
    webhooks: (siteKey: string) => `${prefix}site:${siteKey}:webhooks`,
    webhookLog: (siteKey: string, id: string) => `${prefix}site:${siteKey}:webhook:${id}:log`,
    webhookDelivery: (id: string) => `${prefix}webhook-delivery:${id}`,
    webhookDue: () => `${prefix}webhook-due`,
    // The deliveries about one conversation (set, kept RETENTION_DAYS), so erasing its visitor finds them.
    conversationDeliveries: (id: string) => `${prefix}conv:${id}:webhook-deliveries`,
    // Follow-ups (JSON each, kept RETENTION_DAYS from their last write), each site's open ones (sorted set by due
    // time), and each conversation's (set of ids), so accepting or erasing it finds them.
    followUp: (id: string) => `${prefix}followup:${id}`,
    siteFollowUps: (siteKey: string) => `${prefix}site:${siteKey}:followups-open`,
    conversationFollowUps: (id: string) => `${prefix}conv:${id}:followups`,
    // Email (server/email/): every message (JSON, kept RETENTION_DAYS), the messages due for an attempt (sorted set
    // by due time), the newest-first logs overall and per site (sorted sets by creation), each conversation's
    // messages (set, for erasure), and a dedupe key's message id (named by its hash: a key may hold an address).
    mail: (id: string) => `${prefix}mail:${id}`,
    mailDue: () => `${prefix}mail-due`,
    mailLog: () => `${prefix}mail-log`,
    siteMailLog: (siteKey: string) => `${prefix}site:${siteKey}:mail-log`,
    conversationMail: (id: string) => `${prefix}conv:${id}:mail`,
    mailDedupe: (dedupeKey: string) =>
      `${prefix}mail-dedupe:${createHash("sha256").update(dedupeKey).digest("base64url")}`,
    slots: (key: string) => `${prefix}slots:${key}`,
  };
}

export type Keys = ReturnType<typeof keys>;

// Names under keys().leadIndex(site). A search key is part of a name or an email, and a person key holds an email,
// so both are named by their hash: a key listing shows nobody's name or address.
// Hashed as they are (a verified user id is case-sensitive).
const nameHash = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 32);
export function leadTermKey(term: string): string {
  return term.startsWith("q:") ? `t:q:${nameHash(term)}` : `t:${term}`;
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
