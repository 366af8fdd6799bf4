// Adds an endpoint, or edits one: its address, the events it receives, whether it is on. Field errors from the
// server are shown next to their field.
import { useState } from "preact/hooks";
import {
  type WebhookEndpointResult,
  type WebhookEndpointView,
  type WebhookEvent,
  webhookEvents,
} from "../../../../shared/protocol/index.ts";
import { useSubmit } from "../../common/use-submit.ts";
import { ApiError, api } from "../../shell/api.ts";
import { type Errors, errorProps, Field, FieldError } from "../sites/fields.tsx";

const eventHelp: Record<WebhookEvent, string> = {
  "lead.qualified": "the bot first rates the lead an MQL or SQL",
  "handoff.requested": "a lead waits for a rep",
  "handoff.accepted": "a rep takes the chat",
  "handoff.missed": "nobody took the lead in time",
  "conversation.closed": "a conversation ends",
  "lead.status_changed": "sales changes a lead's status",
  "conversation.rated": "the visitor rates a chat with a rep",
  "lead.reengaged": "a lead comes back to the site after the chat and turns hot",
};

export function EndpointForm(props: {
  siteKey: string;
  endpoint?: WebhookEndpointView;
  onSaved: (e: WebhookEndpointView) => void;
  onCancel?: () => void;
}) {
  const editing = props.endpoint;
  // Ids are unique per form: an edit form and the add form can be on the page together.
  const idp = editing ? `wh-${editing.id}` : "wh-new";
  const [url, setUrl] = useState(editing?.url ?? "");
  const [events, setEvents] = useState<WebhookEvent[]>(editing?.events ?? [...webhookEvents]);
  const [enabled, setEnabled] = useState(editing?.enabled ?? true);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState("");
  const { busy, run } = useSubmit();

  const toggle = (e: WebhookEvent, on: boolean) =>
    setEvents((all) => (on ? webhookEvents.filter((x) => x === e || all.includes(x)) : all.filter((x) => x !== e)));

  const save = (ev: Event) => {
    ev.preventDefault();
    const base = `/api/sites/${encodeURIComponent(props.siteKey)}/webhooks`;
    void run(
      async () => {
        setStatus("Saving…");
        const body = { url, events, enabled };
        const { endpoint } = editing
          ? await api<WebhookEndpointResult>("PUT", `${base}/${encodeURIComponent(editing.id)}`, body)
          : await api<WebhookEndpointResult>("POST", base, body);
        setErrors({});
        setStatus(editing ? "Saved." : "");
        if (!editing) setUrl("");
        props.onSaved(endpoint);
      },
      (err) => {
        const fields: Errors = {};
        for (const f of err instanceof ApiError ? err.fields : []) {
          const id = `${idp}-${f.path.split(".")[0]}`;
          fields[id] = fields[id] ? `${fields[id]} ${f.message}` : f.message;
        }
        setErrors(fields);
        setStatus(`Not saved: ${Object.keys(fields).length ? "see the fields above." : (err as Error).message}`);
        setTimeout(() => document.querySelector<HTMLElement>(`#${idp}-form [aria-invalid="true"]`)?.focus(), 0);
      },
    );
  };

  return (
    <form id={`${idp}-form`} class="console-card" onSubmit={save} noValidate aria-labelledby={`${idp}-heading`}>
      <h2 id={`${idp}-heading`}>{editing ? "Edit endpoint" : "Add an endpoint"}</h2>
      <Field id={`${idp}-url`} label="Endpoint URL" errors={errors} hint="A public http:// or https:// address.">
        <input
          {...errorProps(`${idp}-url`, errors, true)}
          type="url"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
      </Field>
      <fieldset class="console-fieldset" aria-describedby={errors[`${idp}-events`] ? `${idp}-events-error` : undefined}>
        <legend>Events</legend>
        {webhookEvents.map((e) => (
          <label key={e} class="console-check">
            <input type="checkbox" checked={events.includes(e)} onChange={(x) => toggle(e, x.currentTarget.checked)} />
            <span>
              <code>{e}</code>: {eventHelp[e]}
            </span>
          </label>
        ))}
        <FieldError id={`${idp}-events`} errors={errors} />
      </fieldset>
      <label class="console-check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
        Enabled
      </label>
      <div class="console-form-actions">
        <button type="submit" class="banter-button" disabled={busy}>
          {editing ? "Save endpoint" : "Add endpoint"}
        </button>
        {props.onCancel && (
          <button type="button" class="console-button-quiet" onClick={props.onCancel}>
            Cancel
          </button>
        )}
        <p role="status">{status}</p>
      </div>
    </form>
  );
}
