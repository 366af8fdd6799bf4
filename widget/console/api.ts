// The console's only HTTP call: log in and get the token the /rep socket handshake carries.
import type { LoginRequest, LoginResult, WireError } from "../../shared/protocol/index.ts";

const tokenKey = "banter:console:token";

export class LoginError extends Error {}

export async function logIn(req: LoginRequest): Promise<LoginResult> {
  let res: Response;
  try {
    res = await fetch("/api/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(req),
    });
  } catch {
    throw new LoginError("Cannot reach the server. Check your connection and try again.");
  }
  const body = (await res.json().catch(() => undefined)) as (LoginResult & { error?: WireError }) | undefined;
  if (res.ok && body?.token) return body;
  throw new LoginError(body?.error?.message ?? "Login failed. Please try again.");
}

// Storage can throw (private mode, disabled cookies); the console still works, it just forgets on reload.
export function loadToken(): string | undefined {
  try {
    return localStorage.getItem(tokenKey) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveToken(token: string | undefined): void {
  try {
    if (token) localStorage.setItem(tokenKey, token);
    else localStorage.removeItem(tokenKey);
  } catch {
    // See loadToken.
  }
}
