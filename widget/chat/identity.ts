// Banter('identify', {...}) as the host page wrote it, checked in the chat app (the loader only stores it, to stay
// small) by the rules the server holds it to (server/transport/schemas.ts identifyRequest): the identity to send,
// or why it was refused, told to the page's developer on the console.
import type { IdentifyRequest } from "../../shared/protocol/index.ts";

const identityMax: Record<string, number> = { email: 254, name: 100, userId: 128, userHash: 64 };
const emailLike = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const hex64 = /^[0-9a-f]{64}$/i;

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
    const t = typeof s === "string" && k !== "userHash" ? s.trim() : s;
    if (typeof t !== "string" || !t || t.length > max) return `identify's ${k} must be text of 1 to ${max} characters.`;
    out[k] = t;
  }
  if (out.email !== undefined && !emailLike.test(out.email)) return "identify's email is not an email address.";
  if (out.userHash !== undefined && !hex64.test(out.userHash))
    return "identify's userHash must be 64 hex characters: HMAC-SHA256 of the userId with the site's secret.";
  if (out.userHash !== undefined && out.userId === undefined) return "identify's userHash needs the userId it signs.";
  if (out.email === undefined && out.name === undefined && out.userId === undefined)
    return "identify needs an email, a name or a userId.";
  return out;
}

// The checked identity, or undefined after telling the developer what was wrong with it.
export function checkedIdentity(v: unknown): IdentifyRequest | undefined {
  const id = identityOf(v);
  if (typeof id !== "string") return id;
  console.warn(`Banter: ${id}`);
  return undefined;
}
