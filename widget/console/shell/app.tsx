// Logged out or logged in: the server decides (GET /api/me with the session cookie), so a reload keeps the
// session and a logout anywhere ends it.
import { useEffect, useState } from "preact/hooks";
import type { LoginResult, RepUser } from "../../../shared/protocol/index.ts";
import { clearOutbox } from "../desk/outbox.ts";
import { logOut as endSession, whenUnauthorized, whoAmI } from "./api.ts";
import { Console } from "./console.tsx";
import { InviteGate } from "./invite-gate.tsx";
import { Login } from "./login.tsx";
import { whenMeChanged } from "./me.ts";
import { href, navigate, useRoute } from "./router.ts";

type Session = { state: "checking" } | { state: "out"; message?: string } | { state: "in"; user: RepUser; n: number };

export function App() {
  const [session, setSession] = useState<Session>({ state: "checking" });
  const route = useRoute();

  useEffect(() => {
    whoAmI().then(
      (me) => setSession(me ? { state: "in", user: me.user, n: 0 } : { state: "out" }),
      (err: Error) => setSession({ state: "out", message: err.message }),
    );
    // Only a session that was signed in can end: the first visit's own 401 (GET /api/me) is no news.
    whenUnauthorized((message) => setSession((s) => (s.state === "in" ? { state: "out", message } : s)));
    // Same login, new details: the console stays mounted (same key), only the header changes.
    whenMeChanged((user) => setSession((s) => (s.state === "in" && s.user.id === user.id ? { ...s, user } : s)));
    return () => {
      whenUnauthorized(undefined);
      whenMeChanged(undefined);
    };
  }, []);

  if (session.state === "checking") {
    return (
      <main class="console-main">
        <p role="status">Loading…</p>
      </main>
    );
  }
  const [first, inviteToken] = route.parts;
  if (session.state === "out" && first === "invite" && inviteToken) {
    // Accepting signs the new teammate in: they start on their chats.
    const joined = (r: LoginResult) => {
      navigate(href("chats"));
      setSession({ state: "in", user: r.user, n: Date.now() });
    };
    return (
      <main class="console-main">
        <InviteGate token={inviteToken} onJoined={joined} />
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
