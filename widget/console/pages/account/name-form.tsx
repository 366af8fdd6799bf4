// The display name: shown to visitors when this rep joins a chat, and to teammates.
import { useState } from "preact/hooks";
import type { LoginResult } from "../../../../shared/protocol/index.ts";
import { byField, Field } from "../../common/field.tsx";
import { ApiError, api } from "../../shell/api.ts";
import { meChanged } from "../../shell/me.ts";

export function NameForm(props: { name: string }) {
  const [name, setName] = useState(props.name);
  const [error, setError] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setStatus("");
    setError(undefined);
    try {
      const { user } = await api<LoginResult>("PATCH", "/api/me", { name: name.trim() });
      setName(user.name);
      setStatus("Name saved.");
      meChanged(user);
    } catch (err) {
      setError((err instanceof ApiError && byField(err.fields).name) || (err as Error).message);
    }
    setBusy(false);
  };

  return (
    <form class="console-card team-form" aria-labelledby="name-heading" onSubmit={submit} noValidate>
      <h2 id="name-heading">Name</h2>
      <Field label="Display name" value={name} onInput={setName} autoComplete="name" required error={error} />
      <div class="team-form-actions">
        <button type="submit" class="banter-button" disabled={busy} aria-busy={busy}>
          Save name
        </button>
        <p role="status">{status}</p>
      </div>
    </form>
  );
}
