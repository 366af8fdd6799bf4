// Privacy requests (POST /api/privacy/find, /export, /erase).
import type { Behaviour } from "./behaviour.ts";
import type { ConversationStatus, Message } from "./conversation.ts";
import type { Note } from "./inbox.ts";
import type { LeadCard } from "./lead.ts";

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

// The export: every conversation of the subject in full (lead card, transcript, internal notes, and what the
// visitor did on the site when the widget reported it).
export interface SubjectExport {
  subject: DataSubject;
  exportedAt: number;
  conversations: { visitorId: string; lead: LeadCard; messages: Message[]; notes: Note[]; behaviour?: Behaviour }[];
}

export interface SubjectErased {
  erased: string[];
}
