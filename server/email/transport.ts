// Where email goes: an SMTP server (SMTP_URL, through nodemailer), or nowhere. Without SMTP_URL every message is
// kept in the store with status "kept" and shown in the console's Email page: nothing claims it was sent.
import { createTransport, type NodemailerError } from "nodemailer";
import type { MailMessage } from "../store/types.ts";

export type SendOutcome = { ok: true } | { ok: false; permanent: boolean; error: string; code: string };

export interface MailTransport {
  configured: boolean;
  // For the start log: "SMTP host:port", never the user or password in SMTP_URL.
  describe: string;
  send(message: MailMessage): Promise<SendOutcome>;
  close(): void;
}

export interface TransportSettings {
  smtpUrl?: string;
  from: string;
}

// Where SMTP_URL points, without its credentials (the start log, the docs).
export function smtpAddress(smtpUrl: string): string {
  const u = new URL(smtpUrl);
  return `${u.hostname}:${u.port || (u.protocol === "smtps:" ? "465" : "587")}`;
}

// For the start log: where email goes, never the user or password in SMTP_URL.
export function describeMail(smtpUrl?: string): string {
  return smtpUrl ? `SMTP ${smtpAddress(smtpUrl)}` : "not sent (no SMTP_URL); kept in the console's Email page";
}

export function unsentTransport(): MailTransport {
  return {
    configured: false,
    describe: describeMail(),
    send: async () => ({ ok: false, permanent: true, error: "no SMTP configured", code: "none" }),
    close() {},
  };
}

// Bounded waits, so an attempt never hangs: the worker's lease (worker.ts) outlasts them.
const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = createTransport({ url: smtpUrl, ...timeouts });
  return {
    configured: true,
    describe: describeMail(smtpUrl),
    async send(m) {
      try {
        await transporter.sendMail({
          from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          ...(m.headers ? { headers: m.headers } : {}),
          // The message id is stable across retries, so a receiver can tell a repeat attempt from a new email.
          messageId: `<${m.id}@banter>`,
        });
        return { ok: true };
      } catch (err) {
        return failure(err as NodemailerError);
      }
    },
    close: () => transporter.close(),
  };
}

// A reply from the server says itself whether it is for good: 5xx (a bounce, "550 mailbox unavailable") fails
// the message at once, 4xx is retried. Anything without a reply (no connection, a timeout, refused credentials
// that the owner may fix) is retried too.
function failure(err: NodemailerError): SendOutcome {
  if (typeof err.responseCode === "number") {
    const reply = (err.response ?? "").split("\n")[0]?.trim() ?? "";
    const error = (reply || `${err.responseCode}`).slice(0, 200);
    // A refused login (535) is about Banter's settings, not this message: retried, so fixed settings send it.
    const permanent = err.permanent === true && err.code !== "EAUTH";
    return { ok: false, permanent, error, code: String(err.responseCode) };
  }
  if (err.code === "ETIMEDOUT") return { ok: false, permanent: false, error: "timed out", code: "ETIMEDOUT" };
  const code = err.originalCode ?? err.code ?? "unknown";
  return { ok: false, permanent: false, error: `connection failed (${code})`, code };
}

// MAIL_FROM when unset: Banter at the host people open it at (PUBLIC_URL), else at the SMTP server's domain.
export function defaultFrom(smtpUrl: string, publicUrl?: string): string {
  const host = new URL(publicUrl ?? smtpUrl).hostname;
  return `Banter <banter@${host}>`;
}

export function createMailTransport(settings: { smtpUrl?: string; from?: string; publicUrl?: string }): MailTransport {
  if (!settings.smtpUrl) return unsentTransport();
  return smtpTransport(settings.smtpUrl, settings.from ?? defaultFrom(settings.smtpUrl, settings.publicUrl));
}
