// Logged out or logged in: the token is the only thing that decides, and it survives a reload.
import { useState } from "preact/hooks";
import type { LoginResult } from "../../shared/protocol/index.ts";
import { loadToken, saveToken } from "./api.ts";
import { Console } from "./console.tsx";
import { Login } from "./login.tsx";

export function App() {
  const [token, setToken] = useState(loadToken);
  const [message, setMessage] = useState<string | undefined>(undefined);

  const logOut = (why?: string) => {
    saveToken(undefined);
    setMessage(why);
    setToken(undefined);
  };

  if (!token) {
    return (
      <main class="console-main">
        <Login
          message={message}
          onLoggedIn={(result: LoginResult) => {
            saveToken(result.token);
            setMessage(undefined);
            setToken(result.token);
          }}
        />
      </main>
    );
  }
  // Keyed by token so another login starts from an empty state and a fresh socket.
  return <Console key={token} token={token} onLogOut={() => logOut()} onUnauthorized={logOut} />;
}
