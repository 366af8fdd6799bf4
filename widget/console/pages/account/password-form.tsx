// Changing the password. The server signs out every other session of the account; this one stays.
import { useState } from "preact/hooks";
import { Field } from "../../common/field.tsx";
import { useForm } from "../../common/use-form.ts";
import { api } from "../../shell/api.ts";

export function PasswordForm() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const { busy, errors, setErrors, alert, setAlert, submit } = useForm(["current", "next"]);
  const [status, setStatus] = useState("");

  const change = (e: Event) => {
    e.preventDefault();
    setStatus("");
    if (next !== confirm) {
      setAlert("");
      setErrors({ confirm: "The two new passwords are not the same." });
      return;
    }
    void submit(async () => {
      await api<void>("POST", "/api/me/password", { current, next });
      setCurrent("");
      setNext("");
      setConfirm("");
      setStatus("Password changed. Your other sessions were signed out.");
    });
  };

  return (
    <form class="console-card team-form" aria-labelledby="password-heading" onSubmit={change} noValidate>
      <h2 id="password-heading">Password</h2>
      <p role="alert" class="console-alert">
        {alert}
      </p>
      <Field
        label="Current password"
        type="password"
        value={current}
        onInput={setCurrent}
        autoComplete="current-password"
        required
        error={errors.current}
      />
      <Field
        label="New password"
        type="password"
        value={next}
        onInput={setNext}
        autoComplete="new-password"
        required
        hint="At least 10 characters."
        error={errors.next}
      />
      <Field
        label="New password again"
        type="password"
        value={confirm}
        onInput={setConfirm}
        autoComplete="new-password"
        required
        error={errors.confirm}
      />
      <div class="team-form-actions">
        <button type="submit" class="banter-button" disabled={busy} aria-busy={busy}>
          Change password
        </button>
        <p role="status">{status}</p>
      </div>
    </form>
  );
}
