// API keys for the public API (docs/api.md): an owner names a key and picks its scope; the key is shown once, to
// copy, and only its first characters afterwards. Revoking a key stops it at once.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { ApiKeyCreated, ApiKeyView, ApiScope } from "../../../../shared/protocol/index.ts";
import { CopyButton } from "../../common/copy-button.tsx";
import { Field } from "../../common/field.tsx";
import { ScrollRegion } from "../../common/scroll-region.tsx";
import { useForm } from "../../common/use-form.ts";
import { api } from "../../shell/api.ts";

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function ApiKeysPage() {
  const [keys, setKeys] = useState<ApiKeyView[] | null>(null);
  const [name, setName] = useState("");
  const [scope, setScope] = useState<ApiScope>("read");
  const { busy, errors, alert, setAlert, submit } = useForm(["name", "scope"]);
  const [created, setCreated] = useState<ApiKeyCreated | undefined>(undefined);
  const [copied, setCopied] = useState("");
  const [status, setStatus] = useState("");
  const keyRef = useRef<HTMLInputElement>(null);

  const reload = useCallback(async () => {
    setKeys((await api<{ apiKeys: ApiKeyView[] }>("GET", "/api/api-keys")).apiKeys);
  }, []);
  useEffect(() => {
    reload().catch((err: Error) => setAlert(err.message));
  }, [reload]);

  const create = (e: Event) => {
    e.preventDefault();
    void submit(async () => {
      setStatus("");
      setCopied("");
      setCreated(await api<ApiKeyCreated>("POST", "/api/api-keys", { name: name.trim(), scope }));
      setName("");
      await reload();
      setTimeout(() => keyRef.current?.focus(), 0);
    });
  };

  const revoke = async (key: ApiKeyView) => {
    try {
      await api<void>("DELETE", `/api/api-keys/${encodeURIComponent(key.id)}`);
      if (created?.apiKey.id === key.id) setCreated(undefined);
      setAlert("");
      setStatus(`The API key ${key.name} was revoked: it no longer works.`);
      await reload();
      // Its row, and the focused button, are gone: keep the keyboard user's place in the list.
      document.getElementById("keys-heading")?.focus();
    } catch (err) {
      setAlert((err as Error).message);
    }
  };

  return (
    <section class="console-page" aria-labelledby="page-heading">
      <h1 id="page-heading" tabIndex={-1}>
        API keys
      </h1>
      <p>
        Keys let your own systems (a CRM, a script) read leads and conversations, export them and handle privacy
        requests through the API described at <a href="/api/openapi.json">/api/openapi.json</a>. Keep them on a server:
        anyone with a key can use it.
      </p>
      <p role="status" class="console-notice">
        {status}
      </p>
      <p role="alert" class="console-alert">
        {alert}
      </p>
      <div class="console-card">
        <form class="team-form" aria-labelledby="new-key-heading" onSubmit={create} noValidate>
          <h2 id="new-key-heading">New API key</h2>
          <Field label="Name" value={name} onInput={setName} required error={errors.name} hint="What uses it." />
          <div class="team-field">
            <label for="key-scope">Scope</label>
            <select id="key-scope" value={scope} onChange={(e) => setScope(e.currentTarget.value as ApiScope)}>
              <option value="read">Read: leads, conversations, exports</option>
              <option value="write">Write: also erase visitors' data</option>
            </select>
          </div>
          <div class="team-form-actions">
            <button type="submit" class="banter-button" disabled={busy} aria-busy={busy}>
              Create API key
            </button>
          </div>
        </form>
        {created && (
          <div class="team-invite-link">
            <label for="new-key">The new key for {created.apiKey.name}</label>
            <p class="team-field-hint">Copy it now: it is shown only this once.</p>
            <div class="team-form-actions">
              <input id="new-key" ref={keyRef} readOnly value={created.key} />
              <CopyButton
                text={created.key}
                label="Copy"
                copied="Copied"
                refused="Could not copy: the key is selected, copy it with your keyboard."
                select={() => keyRef.current?.select()}
                say={setCopied}
              />
              <p role="status">{copied}</p>
            </div>
          </div>
        )}
      </div>
      <section class="console-card" aria-labelledby="keys-heading">
        <h2 id="keys-heading" tabIndex={-1}>
          Keys
        </h2>
        {!keys ? (
          <p role="status">Loading the keys…</p>
        ) : keys.length === 0 ? (
          <p class="console-empty">No API keys yet.</p>
        ) : (
          <ScrollRegion label="Keys table">
            <table class="team-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Key</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <tr key={k.id}>
                    <th scope="row">{k.name}</th>
                    <td>{k.scope === "write" ? "Write" : "Read"}</td>
                    <td>
                      <code>{k.prefix}…</code>
                    </td>
                    <td>
                      {when.format(k.createdAt)} by {k.createdBy}
                    </td>
                    <td>{k.lastUsedAt ? when.format(k.lastUsedAt) : "Never"}</td>
                    <td>
                      <button
                        type="button"
                        class="console-button-quiet"
                        aria-label={`Revoke the API key ${k.name}`}
                        onClick={() => revoke(k)}
                      >
                        Revoke
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </section>
  );
}
