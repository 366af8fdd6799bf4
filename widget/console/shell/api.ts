// The console's HTTP calls. The session is an httpOnly cookie the browser sends by itself: page script never
// sees it. Every failure is an ApiError carrying the server's typed error (code, message, field details).
import type { ErrorCode, FieldError, LoginRequest, LoginResult, WireError } from "../../../shared/protocol/index.ts";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "NETWORK",
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

// Called when any request finds the session gone, so the app can show the login form.
let onUnauthorized: ((message: string) => void) | undefined;
export function whenUnauthorized(handler: ((message: string) => void) | undefined): void {
  onUnauthorized = handler;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, "NETWORK", "Cannot reach the server. Check your connection and try again.");
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => undefined)) as (T & { error?: WireError }) | undefined;
  if (res.ok && data !== undefined) return data;
  const error = data?.error;
  const failure = new ApiError(
    res.status,
    error?.code ?? ("INTERNAL" as ErrorCode),
    error?.message ?? `The server answered ${res.status}. Please try again.`,
    error?.fields,
  );
  if (res.status === 401 && path !== "/api/login") onUnauthorized?.("Your session has ended. Please log in again.");
  throw failure;
}

export const logIn = (req: LoginRequest) => api<LoginResult>("POST", "/api/login", req);
export const logOut = () => api<void>("POST", "/api/logout");
// Who is signed in, or null (no session): decides between the login form and the console on load.
export async function whoAmI(): Promise<LoginResult | null> {
  try {
    return await api<LoginResult>("GET", "/api/me");
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}
