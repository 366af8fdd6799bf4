// Every email Banter sent, is retrying, failed, or kept unsent (no SMTP configured), newest first; one message
// readable as its text part. Everything is rendered as text (a visitor's words are in transcripts), never HTML.
import { useEffect, useState } from "preact/hooks";
import {
  type EmailList,
  type EmailMessageResult,
  type EmailSummaryView,
  emailKindNames,
} from "../../../../shared/protocol/index.ts";
import { ScrollRegion } from "../../common/scroll-region.tsx";
import { api } from "../../shell/api.ts";
import type { PageProps } from "../../shell/page-props.ts";

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const time = (ms: number | undefined) => (ms ? when.format(ms) : "");

export function statusText(m: EmailSummaryView): string {
  switch (m.status) {
    case "sent":
      return `Sent ${time(m.sentAt)}`;
    case "queued":
      return "Queued";
    case "retrying":
      return `Retrying (attempt ${m.attempts} failed: ${m.lastError ?? "no answer"}; next at ${time(m.nextAttemptAt)})`;
    case "failed":
      return `Failed: ${m.lastError ?? "refused"}`;
    case "kept":
      return "Not sent: no SMTP configured";
  }
}

function Heading(props: { configured: boolean | undefined }) {
  return (
    <h1 id="page-heading" tabIndex={-1}>
      {props.configured === false ? "Email (not sent: no SMTP configured)" : "Email"}
    </h1>
  );
}

export function EmailPage(props: PageProps) {
  const id = props.route.parts[1];
  return id ? <EmailMessage key={id} id={id} /> : <EmailMessages />;
}

function EmailMessages() {
  const [list, setList] = useState<EmailList | null>(null);
  const [alert, setAlert] = useState("");
  const reload = () => {
    setAlert("");
    api<EmailList>("GET", "/api/email")
      .then(setList)
      .catch((err: Error) => setAlert(err.message));
  };
  useEffect(reload, []);

  return (
    <section class="console-page" aria-labelledby="page-heading">
      <Heading configured={list?.configured} />
      {list?.configured === false && (
        <p class="console-notice">
          No SMTP server is set up (<code>SMTP_URL</code>), so Banter sends no email: each one is kept here for you to
          read. Set <code>SMTP_URL</code> and restart to send them from then on.
        </p>
      )}
      <p role="alert" class="console-alert">
        {alert}
      </p>
      <div class="console-form-actions">
        <button type="button" class="console-button-quiet" onClick={reload}>
          Refresh
        </button>
      </div>
      {list?.messages.length === 0 && <p>No email yet.</p>}
      {list && list.messages.length > 0 && (
        <ScrollRegion label="Email table">
          <table class="console-table">
            <caption class="banter-sr">Email, newest first</caption>
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {list.messages.map((m) => (
                <tr key={m.id}>
                  <td>{m.to}</td>
                  <th scope="row">
                    <a href={`#/email/${encodeURIComponent(m.id)}`}>{m.subject}</a>
                  </th>
                  <td>{emailKindNames[m.kind]}</td>
                  <td>{statusText(m)}</td>
                  <td>{time(m.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

function EmailMessage(props: { id: string }) {
  const [found, setFound] = useState<EmailMessageResult | null>(null);
  const [alert, setAlert] = useState("");
  useEffect(() => {
    api<EmailMessageResult>("GET", `/api/email/${encodeURIComponent(props.id)}`)
      .then(setFound)
      .catch((err: Error) => setAlert(err.message));
  }, [props.id]);
  const m = found?.message;

  return (
    <section class="console-page" aria-labelledby="page-heading">
      <Heading configured={found?.configured} />
      <p>
        <a href="#/email">All email</a>
      </p>
      <p role="alert" class="console-alert">
        {alert}
      </p>
      {m && (
        <div class="console-card">
          <h2>{m.subject}</h2>
          <dl class="email-facts">
            <dt>To</dt>
            <dd>{m.to}</dd>
            <dt>Kind</dt>
            <dd>{emailKindNames[m.kind]}</dd>
            <dt>Status</dt>
            <dd>{statusText(m)}</dd>
            <dt>Attempts</dt>
            <dd>{m.attempts}</dd>
            <dt>Created</dt>
            <dd>{time(m.createdAt)}</dd>
          </dl>
          <pre class="email-text">{m.text}</pre>
        </div>
      )}
    </section>
  );
}
