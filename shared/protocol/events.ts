// The one wire contract. Both socket.io Server and client are typed with these maps. Requests are `domain:verb`
// and always take an ack; broadcasts are `domain:verbed`. docs/protocol.md describes each event.

import type { ActivityReport } from "./behaviour.ts";
import type { ConversationView, Message, Outcome, QueueState, Typing } from "./conversation.ts";
import type { AckFn } from "./errors.ts";
import type { IdentifyRequest, LeadCard, LeadSource, VisitorIdentity } from "./lead.ts";
import type { RateRequest } from "./rating.ts";
import type { RepPresence, RepUser } from "./team.ts";

export const Namespaces = { visitor: "/visitor", rep: "/rep" } as const;

// --- /visitor ---------------------------------------------------------------------------------------------------

// Sent in the socket.io handshake `auth` of the /visitor namespace.
export interface VisitorAuth {
  siteKey: string;
}

export interface JoinRequest {
  // Proof of a returning visitor, issued by an earlier join; absent on the first visit.
  visitorToken?: string;
  // The highest seq the client already has; the ack carries every message after it, in order.
  lastSeq: number;
  pageUrl?: string;
  // The page's IANA time zone, so the rep sees the visitor's local time.
  timeZone?: string;
  // Pages the visitor opened on the site before this one (oldest first), for the lead card.
  pagesBefore?: string[];
  // The visitor asked for a new conversation: a closed one is replaced. Without it, a closed conversation is
  // returned as it is, so resuming in the background never opens a conversation nobody asked for.
  startNew?: boolean;
  // Where the visit came from (the loader keeps the first page's for the whole visit).
  source?: LeadSource;
  // The host page's Banter('identify', ...) made before the chat connected.
  identity?: IdentifyRequest;
  // The proactive message the visitor clicked (engage.ts PendingTrigger): a new conversation counts for the trigger
  // (when the site has it) and starts at the playbook question `startAt` (engine rule E1b). An existing
  // conversation ignores both.
  trigger?: { id: string; startAt?: string };
  // What the visitor did on the site before this chat (the loader's behaviour storage), sent only by a visitor
  // who has no visitor token yet; later behaviour goes over HTTP (POST /api/sites/:key/activity).
  behaviour?: ActivityReport;
}

export interface JoinResult {
  visitorToken: string;
  conversation: ConversationView;
  messages: Message[];
}

// Exactly one of text or choice (a quick reply's value).
export interface VisitorSend {
  clientId: string;
  text?: string;
  choice?: string;
}

export interface VisitorClientEvents {
  "conversation:join": (req: JoinRequest, ack: AckFn<JoinResult>) => void;
  "message:send": (req: VisitorSend, ack: AckFn<{ message: Message }>) => void;
  "conversation:close": (req: Record<string, never>, ack: AckFn<{ conversation: ConversationView }>) => void;
  "typing:set": (req: { typing: boolean }, ack: AckFn<Record<string, never>>) => void;
  // A single-page app moved to another page (Banter('page') or a history change) while the chat is connected.
  "page:view": (req: { pageUrl: string }, ack: AckFn<Record<string, never>>) => void;
  // Banter('identify', ...) after the chat connected.
  "visitor:identify": (req: IdentifyRequest, ack: AckFn<{ identity: VisitorIdentity }>) => void;
  // "Email me this transcript": to the email given in the chat, else to `email`. The ack names the address and
  // whether it was queued to send (false: this server has no SMTP, the email is only kept for the owner); a
  // BAD_REQUEST means the chat knows no email (ask for one), FORBIDDEN that the site turned transcripts off.
  "transcript:email": (req: { email?: string }, ack: AckFn<{ to: string; queued: boolean }>) => void;
  // "How was your chat with Ana?": only after a chat with a rep ended. Again within ratingChangeMs to change the
  // score or add the comment. The ack's conversation has `rated`.
  "conversation:rate": (req: RateRequest, ack: AckFn<{ conversation: ConversationView }>) => void;
}

export interface VisitorServerEvents {
  // One line: a rep's, a system notice, a callback's answer.
  "message:created": (message: Message) => void;
  // Several lines of one conversation in seq order, in one packet: a bot turn (the visitor's line and the bot's).
  "messages:created": (messages: Message[]) => void;
  "conversation:updated": (conversation: ConversationView) => void;
  "typing:updated": (typing: Typing) => void;
  // While waiting for a rep: place in the queue and the estimated wait, updated as the queue moves.
  "queue:updated": (queue: QueueState) => void;
}

// --- /rep -------------------------------------------------------------------------------------------------------

// Sent in the socket.io handshake `auth` of the /rep namespace: the token from POST /api/login.
export interface RepAuth {
  token: string;
}

export interface ConversationRef {
  conversationId: string;
}

export interface RepSend {
  conversationId: string;
  clientId: string;
  text: string;
}

export interface Inbox {
  me: RepUser;
  // Hot leads waiting for a rep.
  offers: LeadCard[];
  // Conversations this rep has accepted and not closed.
  conversations: LeadCard[];
}

export interface ConversationDetail {
  lead: LeadCard;
  conversation: ConversationView;
  messages: Message[];
}

export interface RepClientEvents {
  "inbox:get": (req: Record<string, never>, ack: AckFn<Inbox>) => void;
  "offer:accept": (req: ConversationRef, ack: AckFn<ConversationDetail>) => void;
  "conversation:get": (req: ConversationRef & { lastSeq: number }, ack: AckFn<ConversationDetail>) => void;
  "message:send": (req: RepSend, ack: AckFn<{ message: Message }>) => void;
  "conversation:close": (
    req: ConversationRef & { outcome?: Outcome },
    ack: AckFn<{ conversation: ConversationView }>,
  ) => void;
  "typing:set": (req: ConversationRef & { typing: boolean }, ack: AckFn<Record<string, never>>) => void;
  // Available to take leads, or away. Every console tab also sends a heartbeat every 10 s: a rep whose tabs all
  // went quiet is offline within about 30 s.
  "presence:set": (req: { status: "available" | "away" }, ack: AckFn<{ presence: RepPresence }>) => void;
  "presence:heartbeat": (req: Record<string, never>, ack: AckFn<Record<string, never>>) => void;
  "team:get": (req: Record<string, never>, ack: AckFn<{ reps: RepPresence[] }>) => void;
  "offer:decline": (req: ConversationRef, ack: AckFn<Record<string, never>>) => void;
  // Hands a live conversation to another available rep with free capacity.
  "conversation:transfer": (
    req: ConversationRef & { toRepId: string },
    ack: AckFn<{ conversation: ConversationView }>,
  ) => void;
  // The rep has seen everything up to `seq`: the visitor's widget shows those messages as read.
  "conversation:read": (req: ConversationRef & { seq: number }, ack: AckFn<{ conversation: ConversationView }>) => void;
}

export interface RepServerEvents {
  // A hot lead is waiting: ring.
  "offer:created": (lead: LeadCard) => void;
  // Someone accepted, the offer moved on to another rep, or the visitor left: stop ringing.
  "offer:withdrawn": (
    ref: ConversationRef & { repName?: string; reason?: "taken" | "expired" | "declined" | "closed" },
  ) => void;
  "message:created": (message: Message) => void;
  "messages:created": (messages: Message[]) => void;
  "conversation:updated": (conversation: ConversationView) => void;
  "typing:updated": (typing: Typing) => void;
  "presence:updated": (presence: RepPresence) => void;
  // A conversation handed to this rep by a transfer (or re-assigned): open it.
  "conversation:assigned": (lead: LeadCard) => void;
}
