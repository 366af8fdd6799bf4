import type { SourceRow } from "../funnel/by-source.ts";
import type { Funnel } from "../funnel/funnel.ts";
import type { Qualification } from "../scoring/types.ts";

export type Author = "visitor" | "bot" | "rep" | "system";

export interface QuickReply {
  value: string;
  label: string;
}

// A message as stored and sent. `seq` is assigned by the server per conversation and starts at 1; `clientId` is
// the sender's idempotency key (bot and system messages get ids derived from what caused them).
export interface Message {
  conversationId: string;
  seq: number;
  clientId: string;
  author: Author;
  authorName?: string;
  text: string;
  at: number;
  // Quick replies offered with a bot question; the widget shows those of the latest bot message.
  options?: QuickReply[];
  // A link to follow (the site's booking page); clients show it as a link only if it is http(s).
  link?: { url: string; label: string };
}

// bot: the playbook is running; queued: hot, waiting for a rep; live: a rep has accepted; closed: ended.
export type ConversationStatus = "bot" | "queued" | "live" | "closed";

// How a rep closes a conversation: what came of it.
export type Outcome = "meeting-booked" | "qualified" | "not-a-fit" | "no-response";
export const outcomes: readonly Outcome[] = ["meeting-booked", "qualified", "not-a-fit", "no-response"];

export type RepStatus = "available" | "away" | "offline";

// A rep as the team sees them: for transfers, and for the owner watching the floor.
export interface RepPresence {
  repId: string;
  name: string;
  status: RepStatus;
  live: number;
  capacity: number;
}

// The visitor's place in the queue for a rep, and an honest estimate (null when there is no history yet).
export interface QueueState {
  conversationId: string;
  position: number;
  estimateMs: number | null;
}

export interface ConversationView {
  id: string;
  siteKey: string;
  status: ConversationStatus;
  repName?: string;
  lastSeq: number;
  // The highest seq the rep has read: the visitor's messages up to it show as read.
  repReadSeq: number;
  // Set once the bot has finished qualifying (whatever the outcome), so the host page can hear it through the
  // widget's `qualified` event. Score and labels only: the reasons stay with the reps.
  qualification?: Pick<Qualification, "tier" | "score" | "stage">;
}

// Someone is typing (or stopped). Not stored: a lost one only delays the indicator.
export interface Typing {
  conversationId: string;
  author: "visitor" | "rep";
  name?: string;
  typing: boolean;
}

// One BANT (or other) answer as the rep reads it on the lead card: what it means, and the visitor's own words.
export interface Answer {
  slot: string;
  label: string;
  answer: string;
  words: string;
}

// Where a lead came from, as the visitor's first page of the visit saw it (shared/leads/source.ts reads it from
// the landing address and the referrer). Absent fields were not there: a direct visit has no referrer and no UTMs.
export interface LeadSource {
  // The page that sent the visitor here (another site's address, or a search engine); never the site itself.
  referrer?: string;
  // The first page of the visit, with its query string.
  landingPage?: string;
  utm?: { source?: string; medium?: string; campaign?: string; term?: string; content?: string };
}

// What the host page says about a logged-in visitor: Banter('identify', {...}). `userHash` is
// HMAC-SHA256(userId) with the site's identity secret, hex, computed by the site's own server.
export interface IdentifyRequest {
  email?: string;
  name?: string;
  userId?: string;
  userHash?: string;
}

// The identity as reps see it: `verified` only when userHash matched; an unverified one is the visitor's claim.
export interface VisitorIdentity {
  email?: string;
  name?: string;
  userId?: string;
  verified: boolean;
}

// What a rep sees when an offer rings and while chatting.
export interface LeadCard {
  conversationId: string;
  siteKey: string;
  siteName: string;
  status: ConversationStatus;
  qualification: Qualification;
  answers: Answer[];
  // Pages the visitor opened during the conversation, oldest first, and their time zone (for their local time).
  pageTrail: string[];
  timeZone?: string;
  // Set while an offer rings one rep at a time: when this rep's offer expires.
  offerExpiresAt?: number;
  outcome?: Outcome;
  // Nobody took the lead in time (or nobody was online): follow up, with the callback details if left.
  missedHandoff?: boolean;
  callback?: { phone?: string; when?: string };
  email?: string;
  phone?: string;
  // Why the bot ended: "asked for a person", a disqualification reason.
  outcomeReason?: string;
  pageUrl?: string;
  createdAt: number;
  queuedAt?: number;
  repName?: string;
  source?: LeadSource;
  identity?: VisitorIdentity;
}

export interface SiteConfig {
  key: string;
  name: string;
  greeting: string;
  accentColor: string;
  // Which bottom corner the launcher sits in, and its visible text ("" draws the round icon button only).
  position: "right" | "left";
  launcherLabel: string;
}

export interface RepUser {
  id: string;
  email: string;
  name: string;
  role: "owner" | "rep";
}

// HTTP: POST /api/login
export interface LoginRequest {
  email: string;
  password: string;
}

// POST /api/login and GET /api/me. The session itself travels only in an httpOnly cookie.
export interface LoginResult {
  user: RepUser;
}

// --- Inbox (GET /api/conversations) and internal notes -------------------------------------------------------

// One row of the inbox: who the lead is (as far as known), where they are in the funnel, and the latest word.
export interface ConversationSummary {
  id: string;
  siteKey: string;
  siteName: string;
  status: ConversationStatus;
  name?: string;
  email?: string;
  company?: string;
  // The company is the email's domain, not something the visitor said.
  companyGuessed?: boolean;
  // The name or email is the host page's identify() claim, not verified with the site's secret.
  unverified?: boolean;
  tier: Qualification["tier"];
  score: number;
  stage: Qualification["stage"];
  repId?: string;
  repName?: string;
  outcome?: Outcome;
  createdAt: number;
  updatedAt: number;
  // The latest message, shortened.
  preview?: { author: Author; text: string };
}

export type InboxView = ConversationStatus;

export interface ConversationList {
  conversations: ConversationSummary[];
  // Pass as `cursor` for the next page; absent on the last page.
  next?: string;
  // How many conversations each view holds for the same search.
  counts: Record<InboxView, number>;
}

// A rep's or owner's note on a conversation: internal, never sent to the visitor.
export interface Note {
  id: string;
  conversationId: string;
  authorId: string;
  authorName: string;
  text: string;
  at: number;
}

// GET /api/conversations/:id
export interface ConversationRecord {
  lead: LeadCard;
  // The rep who has (or last had) the conversation, so the console can tell "live with me".
  repId?: string;
  messages: Message[];
  notes: Note[];
}

// GET /api/funnel: one site's funnel over whole UTC days (shared/funnel/SPEC.md), and the sites to choose from.
export interface FunnelReport {
  site: { key: string; name: string };
  sites: { key: string; name: string }[];
  from: string;
  to: string;
  // The site has more conversations than one report reads; the oldest days of the range may be missing some.
  truncated: boolean;
  // The source label the funnel is filtered to (shared/leads/source.ts sourceLabel); absent: every source.
  source?: string;
  funnel: Funnel;
  // Every source seen in the range, whatever the filter, with what it brought (SPEC.md F13).
  bySource: SourceRow[];
}

// HTTP: GET /api/sites/:key/playbook/versions (owner): the version the site runs, and every version of its
// playbook with when it was published (ms), newest first.
export interface PlaybookVersions {
  current: number;
  versions: { version: number; publishedAt: number }[];
}

// HTTP: GET /api/playbooks (owner): each site and the playbook version it runs.
export interface PlaybookSummary {
  siteKey: string;
  siteName: string;
  playbookId: string;
  version: number;
}

// The team as the owner manages it (GET /api/users, PATCH /api/users/:id). Never a password hash.
export interface TeamUser extends RepUser {
  disabled: boolean;
  createdAt: number;
  capacity?: number;
  siteKeys?: string[];
}

// A pending invite (GET /api/invites); its token is only ever in the link handed to the owner once.
export interface InviteView {
  id: string;
  email: string;
  name?: string;
  role: RepUser["role"];
  createdAt: number;
  expiresAt: number;
}

// POST /api/invites: the link to send to the new teammate, shown once.
export interface InviteCreated {
  invite: InviteView;
  link: string;
}

// GET /api/invites/:token, for the invite page of someone not signed in.
export interface InviteInfo {
  email: string;
  name?: string;
  role: RepUser["role"];
}

// HTTP: the owner's API keys (GET/POST /api/api-keys, DELETE /api/api-keys/:id). Never the key or its hash: the
// key is shown once, in ApiKeyCreated, and `prefix` (its first characters) tells keys apart afterwards.
export type ApiScope = "read" | "write";
export interface ApiKeyView {
  id: string;
  name: string;
  scope: ApiScope;
  prefix: string;
  createdAt: number;
  lastUsedAt?: number;
  // Who made it (their name or email), for the list.
  createdBy: string;
}

export interface ApiKeyCreated {
  apiKey: ApiKeyView;
  key: string;
}

// GET /api/leads/:id: a lead with its transcript, and the visitor id that privacy requests name the visitor by.
export interface LeadDetail {
  lead: LeadCard;
  visitorId: string;
  messages: Message[];
}

// Privacy requests (POST /api/privacy/find, /export, /erase): a data subject named by the email the bot collected
// or the host page identified them by, or by their visitor id; either is looked up on every site.
export type DataSubject = { email: string } | { visitorId: string };

export interface SubjectConversation {
  conversationId: string;
  siteKey: string;
  siteName: string;
  visitorId: string;
  status: ConversationStatus;
  createdAt: number;
  email?: string;
}

export interface SubjectFound {
  conversations: SubjectConversation[];
}

// The export: every conversation of the subject in full (lead card, transcript, internal notes).
export interface SubjectExport {
  subject: DataSubject;
  exportedAt: number;
  conversations: { visitorId: string; lead: LeadCard; messages: Message[]; notes: Note[] }[];
}

export interface SubjectErased {
  erased: string[];
}
