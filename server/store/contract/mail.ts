// Email messages and their outbox (server/email/): each message is its own log of attempts, kept a bounded time.
import type { EmailMessageView } from "../../../shared/protocol/index.ts";

export interface MailMessage extends EmailMessageView {
  html: string;
  // Extra headers (List-Unsubscribe, a reply's In-Reply-To): names and values as sent.
  headers?: Record<string, string>;
  // The conversation it is about: erasing the visitor erases the message.
  conversationId?: string;
  // Same key, one message: a second enqueue with it is dropped (a transcript at the end of a chat).
  dedupeKey?: string;
  // Blanked out of text and html once the message is sent or failed (server/email/mailer.ts).
  secret?: string;
}

export interface MailStore {
  // One atomic write: the message, its due time (unless kept: status "kept" is never sent), its place in the
  // newest-first lists (overall and its site's, each keeping the newest `keep`) and in its conversation's set.
  // False for a duplicate id or dedupeKey, or when the conversation it is about is gone (an erasure wins).
  enqueueMail(message: MailMessage, keep: number): Promise<boolean>;
  getMail(id: string): Promise<MailMessage | null>;
  // Takes up to `limit` due messages, each by one caller across every process: due again at `leaseUntil` (a
  // claim that dies with its process is retried then). `claim` identifies the take.
  claimMail(now: number, leaseUntil: number, limit: number): Promise<{ message: MailMessage; claim: number }[]>;
  // Records an attempt while the claim is held: due again at nextAttemptAt while retrying, off the due set
  // otherwise. False (nothing written) when the lease ran out and someone else took it.
  finishMail(message: MailMessage, claim: number): Promise<boolean>;
  // Newest first: every message, or one site's.
  listMail(limit: number, siteKey?: string): Promise<MailMessage[]>;
  // Messages waiting for an attempt, across every process (a metrics gauge).
  mailBacklog(): Promise<number>;
}
