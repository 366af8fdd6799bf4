// The page an invite link opens, signed out: who the invite is for, then a name and a password. Accepting makes
// the account and signs in (the server sets the session cookie), so the new teammate lands on their chats.
import { useEffect, useState } from "preact/hooks";
import type { InviteInfo, LoginResult } from "../../../../shared/protocol/index.ts";
import { Field } from "../../common/field.tsx";
import { useForm } from "../../common/use-form.ts";
import { api } from "../../shell/api.ts";
import { href } from "../../shell/router.ts";

type Loaded = { state: "loading" } | { state: "gone"; message: string } | { state: "open"; info: InviteInfo };

export function InvitePage(props: { token: string; onJoined(result: LoginResult): void }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  // A problem no field here shows (the email is taken, the link went meanwhile) is said above the form.
  const { busy, errors, setErrors, alert, setAlert, submit } = useForm(["name", "password"], { leaves: true });

  useEffect(() => {
    api<InviteInfo>("POST", "/api/invites/lookup", { token: props.token }).then(
      (info) => {
        setLoaded({ state: "open", info });
        setName(info.name ?? "");
      },
      (err: Error) => setLoaded({ state: "gone", message: err.message }),
    );
  }, [props.token]);

  const join = (e: Event) => {
    e.preventDefault();
    if (password !== confirm) {
      setAlert("");
      setErrors({ confirm: "The two passwords are not the same." });
      return;
    }
    void submit(async () =>
      props.onJoined(
        await api<LoginResult>("POST", "/api/invites/accept", { token: props.token, name: name.trim(), password }),
      ),
    );
  };

  return (
    <div class="console-login">
      <section class="console-login-form" aria-labelledby="page-heading">
        <h1 id="page-heading">Join the team on Banter</h1>
        {loaded.state === "loading" && <p role="status">Checking your invite…</p>}
        {loaded.state === "gone" && (
          <>
            <p role="alert">{loaded.message}</p>
            <a href={href("chats")}>Go to the login page</a>
          </>
        )}
        {loaded.state === "open" && (
          <form class="team-form" onSubmit={join} noValidate>
            <p>
              You are invited as {loaded.info.role === "owner" ? "an owner" : "a rep"} with the email{" "}
              <strong>{loaded.info.email}</strong>. Choose your name and a password.
            </p>
            <p role="alert" class="console-alert">
              {alert}
            </p>
            <Field label="Your name" value={name} onInput={setName} autoComplete="name" required error={errors.name} />
            <Field
              label="Password"
              type="password"
              value={password}
              onInput={setPassword}
              autoComplete="new-password"
              required
              hint="At least 10 characters."
              error={errors.password}
            />
            <Field
              label="Password again"
              type="password"
              value={confirm}
              onInput={setConfirm}
              autoComplete="new-password"
              required
              error={errors.confirm}
            />
            <button type="submit" class="banter-button" disabled={busy} aria-busy={busy}>
              Join the team
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
