// Conversations: one per visitor at a time, written by compare-and-set, with the site's queue and each rep's live
// set kept in step with their status.
import type { Effect, EngineState, Playbook } from "../../../shared/engine/index.ts";
import type { IndexedSort } from "../../../shared/leads/order.ts";
import type { SortDir } from "../../../shared/leads/query.ts";
import type { Behaviour } from "../../../shared/protocol/behaviour.ts";
import type {
  ConversationStatus,
  FollowUpEmails,
  LeadSource,
  Outcome,
  Rating,
  Sales,
  VisitorIdentity,
} from "../../../shared/protocol/index.ts";
import type { LimitHit } from "./limits.ts";
import type { AppendResult, MessageDraft } from "./messages.ts";

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
  // When the lead passed its speed-to-lead target still waiting for its first person (lifecycle L12).
  slaBreachedAt?: number;
  // The lead's owner and sales status, with its history (shared/leads/sales.ts).
  sales?: Sales;
  // The last rep line emailed to the visitor after they left (server/notify/replies.ts): never emailed twice.
  repliesEmailedSeq?: number;
  // The playbook's follow-up emails to this lead (shared/sequences): started once at the close, each step recorded.
  followUpEmails?: FollowUpEmails;
  // When the bot first classified the lead as qualified (MQL or SQL): set once, in the write that did it, so
  // the lead.qualified webhook fires once per conversation.
  qualifiedAt?: number;
  // The visitor's rating of the chat with its rep, once it ended (lifecycle L13): erased with the conversation.
  rating?: Rating;
  // The id of the proactive message (engage.ts Trigger) the visitor clicked to start it, when the site had it then.
  trigger?: string;
  // What the visitor did on the site (pages, visits, tracked events), bounded by behaviourLimits; the engine's
  // qualification is scored with it (S7). Erased with the conversation.
  behaviour?: Behaviour;
  // The pinned playbook's thresholds and inactivity decay, copied when behaviour is first written (a playbook
  // version never changes): every reader applies the decay at its own `now` without reading the playbook (S11).
  decay?: Pick<Playbook["scoring"], "thresholds"> & Required<Pick<Playbook["scoring"], "decay">>;
  // When behaviour after the chat last lifted the lead to hot from a lower tier (lead.reengaged, once per rise).
  reengagedAt?: number;
  // What the bot said in its last turn, written in the same step as the turn: if the process dies before the
  // messages are stored, the next join says them again (their ids are derived from the cause, so never twice).
  botSaid?: { cause: string; effects: Effect[] };
  // Compare-and-set counter: bumped by every write, so concurrent writers cannot overwrite each other.
  rev: number;
}

// How long a conversation and its messages (with its notes and the visitor's indexes) are kept after their last
// write, unless RETENTION_DAYS says otherwise.
export const conversationTtlSeconds = 90 * 24 * 3600;

// Where a conversation stands in its site's list: the list is ordered by creation time, then id.
export interface ConversationPosition {
  createdAt: number;
  id: string;
}

// A page of a site's lead rows through its leads index (issue 20): the rows (one per person, their newest
// conversation: shared/leads/SPEC.md P5) filed under every one of `terms` (shared/leads/terms.ts, as the row was
// last written: read-time decay is the reader's to re-check), created in [from, to).
export interface LeadRowsQuery {
  siteKey: string;
  terms: string[];
  from?: number;
  to?: number;
  // The last row of the previous page; absent: from the newest (the oldest, `dir` "asc").
  after?: ConversationPosition;
  limit: number;
  // "asc": oldest first, equal times by id ascending (the exact reverse); default newest first.
  dir?: SortDir;
}

// A page of lead rows in a sort's order (shared/leads/order.ts, shared/leads/SPEC.md O1-O4), after the member
// `after` (the previous page's last).
export interface SortedLeadRowsQuery extends Omit<LeadRowsQuery, "after" | "dir"> {
  sort: IndexedSort;
  dir: SortDir;
  after?: string;
}

// A conversation's place in its site's activity index (the inbox, issue 20): newest activity first by
// (updatedAt, id), as shared/leads/inbox.ts byActivity orders.
export interface ActivityPosition {
  id: string;
  updatedAt: number;
}

// A page of a site's activity index: the conversations filed under every one of `terms` (shared/leads/inbox.ts
// activityTerms, as each was last written).
export interface ActivityQuery {
  siteKey: string;
  terms: string[];
  // The last position of the previous page; absent: from the newest.
  after?: ActivityPosition;
  limit: number;
}

export interface ConversationsStore {
  // Creates the visitor's conversation unless an open (not closed) one exists; returns whichever is stored (two
  // tabs, one winner). A closed or expired conversation is replaced: a returning visitor starts afresh. A
  // conversation whose id is stored already is never written over: it is returned as it is (a draft that another
  // tab stored first, or that was closed since).
  createConversation(conversation: Conversation): Promise<Conversation>;
  // A visitor's first line in a drafted conversation (H3), with the bot's answer: createConversation(conversation)
  // and, only if that call stores it, `lines` appended (the greeting the draft showed, the visitor's line and the
  // bot's lines: seq 1 on), after counting the line under `limits` as updateConversationTurn does, in one atomic
  // step, so the first turn is one round trip too. "exists" when createConversation would not store it (a
  // conversation with its id is stored, or the visitor has another open one): nothing is written but the count.
  createConversationTurn(
    conversation: Conversation,
    lines: MessageDraft[],
    limits: LimitHit[],
  ): Promise<{ conversation: Conversation; said: AppendResult[] } | { retryAfterMs: number } | "exists">;
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
  // A visitor's turn (their line, the bot's new state and its lines): updateConversationSaying with `firstSeq`,
  // after counting the line under `limits` (as LimitsStore.hits counts, keys named by limitKeys) in the same atomic
  // step, so that the whole turn is one round trip. `retryAfterMs` when a limit refused it: nothing else is
  // written. The limits are counted whatever follows, a lost compare-and-set (null) too.
  updateConversationTurn(
    next: Conversation,
    previousRepId: string | undefined,
    lines: MessageDraft[],
    firstSeq: number,
    limits: LimitHit[],
  ): Promise<{ conversation: Conversation; said: AppendResult[] } | { retryAfterMs: number } | null>;
  // updateConversation for a write that makes the conversation live for a rep (an accept, a transfer), which
  // also needs that rep to have room: fewer than `capacity` live conversations besides this one, counted in the
  // same atomic step (expired ones do not count). "full" when they have not: nothing is written.
  updateConversationIfRoom(
    next: Conversation,
    previousRepId: string | undefined,
    capacity: number,
  ): Promise<Conversation | null | "full">;
  listQueue(siteKey: string): Promise<string[]>;
  // A site's conversations, newest first by (createdAt, id), `limit` of them, after `after` (the last one of the
  // previous page; absent: from the newest). Fewer than `limit` only at the end, so paging this way reaches every
  // conversation, and creations or expiries meanwhile never skip one. Expired ones drop out.
  listConversations(siteKey: string, limit: number, after?: ConversationPosition): Promise<Conversation[]>;
  listRepConversations(repId: string): Promise<string[]>;
  // Lead rows newest first by (createdAt, id), `limit` of them after `after`: fewer only at the end, so paging this
  // way reaches every row, and creations or expiries meanwhile never skip one. Each row's conversation is kept in
  // the index by the same write that stores it (create, update); erasing or expiry takes it off (expired ones are
  // taken off when a read meets them, this one or listConversations).
  queryLeadRows(query: LeadRowsQuery): Promise<Conversation[]>;
  // The same in a sort's order, each row with its member (the next page's `after`). As the index has them: a row
  // sorts by its cells as last written (decay, read later, does not move it).
  sortedLeadRows(query: SortedLeadRowsQuery): Promise<{ row: Conversation; at: string }[]>;
  // How many rows the query selects in all, as the index has them (expired ones not yet met included).
  countLeadRows(query: Omit<LeadRowsQuery, "after" | "limit">): Promise<number>;
  // Files every stored conversation of the site the leads index does not have (a store written before it), as
  // their writes would have; idempotent. Returns how many were filed.
  backfillLeadIndex(siteKey: string): Promise<number>;
  // Positions in the site's activity index, newest activity first, `limit` of them after `after`: fewer only at
  // the end. Every conversation is filed by the same write that stores it (create, update), scored by its
  // updatedAt; erasing or expiry takes it off (expired ones when a read meets them, this one included). Positions,
  // not conversations: a list merging several sites or views reads the docs of its page only.
  queryActivity(query: ActivityQuery): Promise<ActivityPosition[]>;
  // How many conversations are filed under every one of `terms`, as the index has them.
  countActivity(query: Omit<ActivityQuery, "after" | "limit">): Promise<number>;
  // Files every stored conversation of the site the activity index does not have (a store written before it), as
  // their writes would have; idempotent. Returns how many were filed.
  backfillActivityIndex(siteKey: string): Promise<number>;
  // Every conversation of each person on a site (personKeys, shared/leads/person.ts P1-P4), newest first, in the
  // order of `personKeys`: a page of lead rows reads its people together.
  listPersonConversations(siteKey: string, personKeys: string[]): Promise<Conversation[][]>;
}
