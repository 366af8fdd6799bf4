// The one wire contract. Both socket.io Server and client are typed with these maps. Requests are `domain:verb`
// and always take an ack; broadcasts are `domain:verbed`. docs/protocol.md describes each event.
import type { AckFn } from "./errors.ts";
import type { ConversationView, LeadCard, Message, RepUser, Typing } from "./model.ts";

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
  // The visitor asked for a new conversation: a closed one is replaced. Without it, a closed conversation is
  // returned as it is, so resuming in the background never opens a conversation nobody asked for.
  startNew?: boolean;
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
}

export interface VisitorServerEvents {
  "message:created": (message: Message) => void;
  "conversation:updated": (conversation: ConversationView) => void;
  "typing:updated": (typing: Typing) => void;
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
  "conversation:close": (req: ConversationRef, ack: AckFn<{ conversation: ConversationView }>) => void;
  "typing:set": (req: ConversationRef & { typing: boolean }, ack: AckFn<Record<string, never>>) => void;
  // The rep has seen everything up to `seq`: the visitor's widget shows those messages as read.
  "conversation:read": (req: ConversationRef & { seq: number }, ack: AckFn<{ conversation: ConversationView }>) => void;
}

export interface RepServerEvents {
  // A hot lead is waiting: ring.
  "offer:created": (lead: LeadCard) => void;
  // Someone accepted (or the visitor left): stop ringing.
  "offer:withdrawn": (ref: ConversationRef & { repName?: string }) => void;
  "message:created": (message: Message) => void;
  "conversation:updated": (conversation: ConversationView) => void;
  "typing:updated": (typing: Typing) => void;
}
