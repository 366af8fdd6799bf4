// The inbox (GET /api/conversations), internal notes, and one conversation or lead in full.
import type { Author, ConversationStatus, Message, Outcome } from "./conversation.ts";
import type { LeadCard, LeadConversation } from "./lead.ts";
import type { Qualification } from "./qualification.ts";

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

// GET /api/leads/:id: a lead with its transcript, and the visitor id that privacy requests name the visitor by.
export interface LeadDetail {
  lead: LeadCard;
  visitorId: string;
  messages: Message[];
  // Every conversation of the same person on the site (shared/leads/SPEC.md), this one included, newest first.
  // The first is where the person's owner and status are kept (P6).
  conversations: LeadConversation[];
}
