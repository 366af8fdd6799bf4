// The login form. The server answers 401 with a message meant for the person typing, so it is shown as is.
import { useState } from "preact/hooks";
import type { LoginResult } from "../../../shared/protocol/index.ts";
import { useSubmit } from "../common/use-submit.ts";
import { logIn } from "./api.ts";

export function Login(props: { message?: string; onLoggedIn(result: LoginResult): void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | undefined>(props.message);
  const { busy, run } = useSubmit({ leaves: true });

  const submit = (e: Event) => {
    e.preventDefault();
    setError(undefined);
    void run(
      async () => props.onLoggedIn(await logIn({ email: email.trim(), password })),
      (err) => setError((err as Error).message),
    );
  };

  return (
    <div class="console-login">
      <form class="console-login-form" onSubmit={submit} aria-labelledby="login-heading">
        <h1 id="login-heading">Log in to Banter</h1>
        <div role="alert" class="console-alert" hidden={!error}>
          {error}
        </div>
        <label for="login-email">Email</label>
        <input
          id="login-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <label for="login-password">Password</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <button type="submit" class="banter-button" disabled={busy} aria-busy={busy}>
          Log in
        </button>
      </form>
    </div>
  );
}
