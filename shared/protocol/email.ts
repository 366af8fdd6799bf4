// Email Banter sends (server/email/): the kinds, each message's state, and the console's Email page.

// A closed set: every email has a kind, with its own template (server/email/templates.ts) and a name here for
// the console. A new kind is added here first.
export const emailKinds = [
  "invite",
  "transcript",
  "reply",
  "missed-lead",
  "target-missed",
  "sequence",
  "digest",
  "reengaged-lead",
] as const;
export type EmailKind = (typeof emailKinds)[number];

export const emailKindNames: Record<EmailKind, string> = {
  invite: "Team invite",
  reply: "Rep's reply to a visitor who left",
  "missed-lead": "Hot lead nobody took",
  "target-missed": "Lead past its target",
  transcript: "Chat transcript",
  sequence: "Follow-up email to a lead",
  digest: "Daily digest",
  "reengaged-lead": "Lead back on the site and hot",
};

// queued: waiting for its first attempt; retrying: an attempt failed for a passing reason (a 4xx reply, no
// connection) and another is due; sent: the SMTP server accepted it; failed: refused for good (a 5xx reply: a
// bounce) or out of attempts; kept: no SMTP is configured, so it was never sent and sits in the console only.
export const emailStatuses = ["queued", "retrying", "sent", "failed", "kept"] as const;
export type EmailStatus = (typeof emailStatuses)[number];

// One message as the console lists it (no body: that is EmailMessageView).
export interface EmailSummaryView {
  id: string;
  kind: EmailKind;
  to: string;
  subject: string;
  status: EmailStatus;
  attempts: number;
  createdAt: number;
  siteKey?: string;
  // While retrying: when the next attempt is due.
  nextAttemptAt?: number;
  sentAt?: number;
  // Why the last attempt failed, in a few words ("550 mailbox unavailable", "connection failed (ECONNREFUSED)").
  lastError?: string;
}

// One message readable: its text part (the HTML part is the same words, styled; the console never renders it).
export interface EmailMessageView extends EmailSummaryView {
  text: string;
}

// GET /api/email, GET /api/email/:id (owners).
export interface EmailList {
  // False when no SMTP_URL is set: every message is kept here, none is sent.
  configured: boolean;
  messages: EmailSummaryView[];
}
export interface EmailMessageResult {
  configured: boolean;
  message: EmailMessageView;
}

// How a site emails the visitor their transcript: never, when they ask in the chat, or when the chat ends
// (to the email the visitor gave; they can still ask before then).
export const transcriptModes = ["off", "on-request", "at-end"] as const;
export type TranscriptMode = (typeof transcriptModes)[number];
