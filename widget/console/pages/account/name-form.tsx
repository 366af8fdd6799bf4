// The display name: shown to visitors when this rep joins a chat, and to teammates.
import { useState } from "preact/hooks";
import type { LoginResult } from "../../../../shared/protocol/index.ts";
import { Field } from "../../common/field.tsx";
import { useForm } from "../../common/use-form.ts";
import { api } from "../../shell/api.ts";
import { meChanged } from "../../shell/me.ts";

export function NameForm(props: { name: string }) {
  const [name, setName] = useState(props.name);
  // One field: a problem that is not the name's is said under it too.
  const { busy, errors, alert, submit } = useForm(["name"]);
  const [status, setStatus] = useState("");

  const save = (e: Event) => {
    e.preventDefault();
    void submit(async () => {
      setStatus("");
      const { user } = await api<LoginResult>("PATCH", "/api/me", { name: name.trim() });
      setName(user.name);
      setStatus("Name saved.");
      meChanged(user);
    });
  };

  return (
    <form class="console-card team-form" aria-labelledby="name-heading" onSubmit={save} noValidate>
      <h2 id="name-heading">Name</h2>
      <Field
        label="Display name"
        value={name}
        onInput={setName}
        autoComplete="name"
        required
        error={errors.name || alert || undefined}
      />
      <div class="team-form-actions">
        <button type="submit" class="banter-button" disabled={busy} aria-busy={busy}>
          Save name
        </button>
        <p role="status">{status}</p>
      </div>
    </form>
  );
}
