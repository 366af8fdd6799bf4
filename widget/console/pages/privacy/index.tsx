// Privacy requests: a person asks what is kept about them, or for it to be deleted. The owner finds them by the
// email they gave (to the bot or through the site's identify) or by their visitor id, on every site; downloads
// everything as JSON; or erases it all after a confirmation (open chats are ended first).
import { useRef, useState } from "preact/hooks";
import type { DataSubject, SubjectErased, SubjectExport, SubjectFound } from "../../../../shared/protocol/index.ts";
import { ConfirmDialog } from "../../common/dialog.tsx";
import { Field } from "../../common/field.tsx";
import { ScrollRegion } from "../../common/scroll-region.tsx";
import { useForm } from "../../common/use-form.ts";
import { api } from "../../shell/api.ts";

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

// An address has an "@"; anything else is taken for a visitor id (the lead page shows it).
function subjectOf(text: string): DataSubject {
  const t = text.trim();
  return t.includes("@") ? { email: t } : { visitorId: t };
}

function download(doc: SubjectExport) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = "banter-export.json";
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function PrivacyPage() {
  const [text, setText] = useState("");
  const [asked, setAsked] = useState<{ label: string; subject: DataSubject } | undefined>(undefined);
  const [found, setFound] = useState<SubjectFound | undefined>(undefined);
  const [status, setStatus] = useState("");
  // Found by email or visitor id: the server's problem with either is shown on the one field.
  const { busy, errors, setErrors, alert, setAlert, submit } = useForm(["email", "visitorId"]);
  const [confirming, setConfirming] = useState(false);
  const eraseRef = useRef<HTMLButtonElement>(null);

  const failed = (err: unknown) => {
    setStatus("");
    setAlert(err instanceof Error ? err.message : "That did not work; try again.");
  };

  const find = (e: Event) => {
    e.preventDefault();
    setStatus("");
    if (!text.trim()) {
      setAlert("");
      setErrors({ email: "Enter an email or a visitor id." });
      return;
    }
    const subject = subjectOf(text);
    void submit(async () => {
      try {
        setFound(await api<SubjectFound>("POST", "/api/privacy/find", subject));
      } catch (err) {
        setFound(undefined);
        throw err;
      }
      setAsked({ label: text.trim(), subject });
    });
  };

  const exportAll = async () => {
    if (!asked) return;
    try {
      download(await api<SubjectExport>("POST", "/api/privacy/export", asked.subject));
      setAlert("");
      setStatus(`The export for ${asked.label} was downloaded.`);
    } catch (err) {
      failed(err);
    }
  };

  const erase = async () => {
    if (!asked) return;
    const { erased } = await api<SubjectErased>("POST", "/api/privacy/erase", asked.subject);
    const n = erased.length;
    setConfirming(false);
    setFound({ conversations: [] });
    setAlert("");
    setStatus(`Everything about ${asked.label} was erased: ${n} ${n === 1 ? "conversation" : "conversations"}.`);
    document.getElementById("found-heading")?.focus();
  };

  const n = found?.conversations.length ?? 0;
  return (
    <section class="console-page" aria-labelledby="page-heading">
      <h1 id="page-heading" tabIndex={-1}>
        Privacy
      </h1>
      <p>
        When someone asks what Banter keeps about them, or asks for it to be deleted, find them here by the email they
        gave or their visitor id (shown on each lead). Every site is searched.
      </p>
      <p role="status" class="console-notice">
        {status}
      </p>
      <p role="alert" class="console-alert">
        {alert}
      </p>
      <form class="console-card team-form" aria-labelledby="find-heading" onSubmit={find} noValidate>
        <h2 id="find-heading">Find by email or visitor id</h2>
        <Field
          label="Email or visitor id"
          value={text}
          onInput={setText}
          required
          error={errors.email ?? errors.visitorId}
        />
        <div class="team-form-actions">
          <button type="submit" class="banter-button" disabled={busy} aria-busy={busy}>
            Find
          </button>
        </div>
      </form>
      {found && asked && (
        <section class="console-card" aria-labelledby="found-heading">
          <h2 id="found-heading" tabIndex={-1}>
            Found for {asked.label}
          </h2>
          {n === 0 ? (
            <p class="console-empty">Nothing is kept about {asked.label}.</p>
          ) : (
            <>
              <ScrollRegion label="Conversations found">
                <table class="team-table">
                  <caption>
                    {n} {n === 1 ? "conversation" : "conversations"}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Started</th>
                      <th scope="col">Site</th>
                      <th scope="col">Email</th>
                      <th scope="col">Visitor id</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {found.conversations.map((c) => (
                      <tr key={c.conversationId}>
                        <th scope="row">{when.format(c.createdAt)}</th>
                        <td>{c.siteName}</td>
                        <td>{c.email ?? ""}</td>
                        <td>
                          <code>{c.visitorId}</code>
                        </td>
                        <td>{c.status}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
              <div class="team-form-actions">
                <button type="button" class="banter-button" onClick={exportAll}>
                  Download export
                </button>
                <button
                  ref={eraseRef}
                  type="button"
                  class="banter-button leads-danger"
                  onClick={() => setConfirming(true)}
                >
                  Erase
                </button>
              </div>
            </>
          )}
        </section>
      )}
      {confirming && asked && (
        <EraseDialog
          label={asked.label}
          count={n}
          onErase={erase}
          onDone={() => setConfirming(false)}
          opener={eraseRef}
        />
      )}
    </section>
  );
}

function EraseDialog(props: {
  label: string;
  count: number;
  onErase(): Promise<void>;
  onDone(): void;
  opener: { current: HTMLElement | null };
}) {
  return (
    <ConfirmDialog
      title={`Erase everything about ${props.label}?`}
      confirmLabel="Erase data"
      failed="The data could not be erased."
      danger
      onConfirm={props.onErase}
      onDone={props.onDone}
      returnFocus={props.opener}
    >
      <p>
        {props.count} {props.count === 1 ? "conversation is" : "conversations are"} deleted on every site, with their
        transcripts, answers and notes, and any other conversation of the same visitors. An open chat is ended first.
        This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
