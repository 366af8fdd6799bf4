// The public API as an integration calls it: JSON over HTTP with a bearer API key, from no browser and any origin.
import type { ApiKeyCreated, ApiScope } from "../../shared/protocol/index.ts";
import type { Harness } from "./app.ts";

export interface Called {
  status: number;
  // The parsed JSON answer, or the text of any other: tests read it as the wire type they expect.
  // biome-ignore lint/suspicious/noExplicitAny: an answer's shape is what each test asserts.
  body: any;
  headers: Headers;
}

export async function call(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Called> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const json = res.headers.get("content-type")?.includes("application/json");
  return { status: res.status, body: json && text ? JSON.parse(text) : text, headers: res.headers };
}

// An API key made by the owner in the console (their session token), as the API keys page does.
export async function makeKey(h: Harness, session: string, scope: ApiScope, name = `${scope} key`) {
  const made = await call(h.url, session, "POST", "/api/api-keys", { name, scope });
  if (made.status !== 201) throw new Error(`key not made: ${made.status} ${JSON.stringify(made.body)}`);
  return made.body as ApiKeyCreated;
}
