// Banter('identify', {...}) as the host page wrote it, checked in the chat app (the loader only stores it, to stay
// small): the identity to send, or why it was refused, told to the page's developer on the console.
import type { IdentifyRequest } from "../../shared/protocol/index.ts";

const identityMax: Record<string, number> = { email: 254, name: 200, userId: 200, userHash: 128 };

// A numeric userId is common in host code and reads the same as its string (which is what the site's server signs).
export function identityOf(v: unknown): IdentifyRequest | string {
  const fields = Object.keys(identityMax).join(", ");
  if (!v || typeof v !== "object") return `identify needs an object with ${fields}.`;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    const max = identityMax[k];
    const s = typeof x === "number" && Number.isFinite(x) ? String(x) : x;
    if (!max) return `identify does not know "${k}"; it takes ${fields}.`;
    if (s == null) continue;
    if (typeof s !== "string" || s.length > max) return `identify's ${k} must be text of at most ${max} characters.`;
    out[k] = s;
  }
  return out;
}

// The checked identity, or undefined after telling the developer what was wrong with it.
export function checkedIdentity(v: unknown): IdentifyRequest | undefined {
  const id = identityOf(v);
  if (typeof id !== "string") return id;
  console.warn(`Banter: ${id}`);
  return undefined;
}
