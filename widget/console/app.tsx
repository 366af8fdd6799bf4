// Logged out or logged in: the server decides (GET /api/me with the session cookie), so a reload keeps the
// session and a logout anywhere ends it.
import { useEffect, useState } from "preact/hooks";
import type { RepUser } from "../../shared/protocol/index.ts";
import { logOut as endSession, whenUnauthorized, whoAmI } from "./api.ts";
import { Console } from "./console.tsx";
import { Login } from "./login.tsx";
import { clearOutbox } from "./outbox.ts";

type Session = { state: "checking" } | { state: "out"; message?: string } | { state: "in"; user: RepUser; n: number };

export function App() {
  const [session, setSession] = useState<Session>({ state: "checking" });

  useEffect(() => {
    whoAmI().then(
      (me) => setSession(me ? { state: "in", user: me.user, n: 0 } : { state: "out" }),
      (err: Error) => setSession({ state: "out", message: err.message }),
    );
    whenUnauthorized((message) => setSession({ state: "out", message }));
    return () => whenUnauthorized(undefined);
  }, []);

  if (session.state === "checking") {
    return (
      <main class="console-main">
        <p role="status">Loading…</p>
      </main>
    );
  }
  if (session.state === "out") {
    return (
      <main class="console-main">
        <Login message={session.message} onLoggedIn={(r) => setSession({ state: "in", user: r.user, n: Date.now() })} />
      </main>
    );
  }
  const logOut = async () => {
    clearOutbox();
    // Even if the server cannot be told, this tab forgets the session.
    await endSession().catch(() => undefined);
    setSession({ state: "out" });
  };
  // Keyed by login so another login starts from an empty state and a fresh socket.
  return (
    <Console
      key={`${session.user.id}:${session.n}`}
      user={session.user}
      onLogOut={logOut}
      onUnauthorized={(message) => setSession({ state: "out", message })}
    />
  );
}
