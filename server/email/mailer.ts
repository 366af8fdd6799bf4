// The one way the server sends email: enqueue a draft. Enqueueing is one store write and never talks SMTP, so
// it never slows a chat; the worker (worker.ts) sends. Without SMTP the message is kept, not sent.
import type { EmailKind } from "../../shared/protocol/index.ts";
import type { MailMessage, MailStore } from "../store/types.ts";

export interface EmailDraft {
  kind: EmailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
  // Extra headers (List-Unsubscribe, In-Reply-To).
  headers?: Record<string, string>;
  siteKey?: string;
  // The conversation it is about: erasing the visitor erases the email too.
  conversationId?: string;
  // The same key is never enqueued twice (a transcript at a chat's end, whichever process sees the end).
  dedupeKey?: string;
  // A credential in the text and HTML that only the recipient should hold (an invite's token): blanked in the
  // stored copy once the message is sent or has failed, so the store keeps it no longer than it must.
  secret?: string;
}

// Messages the Email page's logs keep (overall and per site), each also kept at most RETENTION_DAYS.
export const mailKept = 1000;

export interface Mailer {
  // False when no SMTP is configured: messages are kept in the console, not sent.
  configured: boolean;
  // True when stored; false for a duplicate dedupeKey or a conversation erased meanwhile.
  enqueue(draft: EmailDraft): Promise<boolean>;
}

export function createMailer(deps: {
  store: MailStore;
  configured: boolean;
  now: () => number;
  newId: () => string;
  // Something was stored to send: the worker looks now rather than at its next tick.
  enqueued: () => void;
}): Mailer {
  const { store, configured, now } = deps;
  return {
    configured,
    async enqueue(draft) {
      const at = now();
      const message: MailMessage = {
        ...draft,
        id: deps.newId(),
        status: configured ? "queued" : "kept",
        attempts: 0,
        createdAt: at,
        ...(configured ? { nextAttemptAt: at } : {}),
      };
      const stored = await store.enqueueMail(message, mailKept);
      if (stored && configured) deps.enqueued();
      return stored;
    },
  };
}
