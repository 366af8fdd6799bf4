// Who a lead is and what they said, as reps read it on the lead card.
import type { ConversationStatus, Outcome } from "./conversation.ts";
import type { Sales } from "./followups.ts";
import type { Qualification, Stage } from "./qualification.ts";
import type { Rating } from "./rating.ts";

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

// A question the visitor asked the bot (engine rule A5): the answer's topic ("Pricing") when the bot answered, or
// no topic when it did not know, so the rep picks the conversation up where the bot could not.
export interface VisitorQuestion {
  text: string;
  topic?: string;
}

// What a rep sees when an offer rings and while chatting.
export interface LeadCard {
  conversationId: string;
  siteKey: string;
  siteName: string;
  status: ConversationStatus;
  // The stage is SQL once sales accepted the lead (sales.status "sql"); `botStage` is then the bot's own.
  qualification: Qualification;
  botStage?: Stage;
  // The lead's owner and where sales has it; absent until a rep took the lead or sales set a status.
  sales?: Sales;
  answers: Answer[];
  // The visitor's own questions, oldest first (the newest 20); absent when they asked none.
  asked?: VisitorQuestion[];
  // Pages the visitor opened during the conversation, oldest first, and their time zone (for their local time).
  pageTrail: string[];
  timeZone?: string;
  // Set while an offer rings one rep at a time: when this rep's offer expires.
  offerExpiresAt?: number;
  outcome?: Outcome;
  // Nobody took the lead in time (or nobody was online): follow up, with the callback details if left.
  missedHandoff?: boolean;
  callback?: { phone?: string; when?: string };
  // When the lead passed its speed-to-lead target still waiting for its first person (docs/routing.md).
  slaBreachedAt?: number;
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
  // The playbook's follow-up emails to this lead (docs/email.md), once they started.
  followUpEmails?: FollowUpEmails;
  // How the visitor rated the chat with its rep, once it ended.
  rating?: Rating;
  // The proactive message the conversation started from: its id, and its name unless the site deleted it since.
  trigger?: { id: string; name?: string };
  // When behaviour after the chat last lifted the lead to hot from a lower tier (docs/playbooks.md): the reasons
  // marked `behaviour` say why.
  reengagedAt?: number;
}

// Why follow-up emails stopped before their last step (shared/sequences/SPEC.md, SQ3).
export type FollowUpStop = "replied" | "unsubscribed" | "taken" | "hot";

// A lead's follow-up emails: `steps` in all (the pinned playbook's, for the tier at close), `sent` of them so far,
// the next due at `nextAt`; `stopped` ends them early.
export interface FollowUpEmails {
  tier: "warm" | "cold";
  startedAt: number;
  steps: number;
  sent: number;
  nextAt?: number;
  stopped?: { reason: FollowUpStop; at: number };
}

// One row of the leads table (shared/leads/SPEC.md, P5): a person, read from their newest conversation's card, with
// how many conversations they had and their ids, oldest first.
export interface LeadRow extends LeadCard {
  conversations: number;
  conversationIds: string[];
}

// One of a person's conversations, as a lead's page lists them (newest first) with a link to its transcript.
export interface LeadConversation {
  conversationId: string;
  createdAt: number;
  status: ConversationStatus;
  outcome?: Outcome;
  tier: Qualification["tier"];
}
