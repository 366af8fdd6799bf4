// Keys for the public API: "bk_" and 32 random bytes (base64url), stored only as a SHA-256 hash like sessions
// and invite links. The fixed length tells a key apart from a console session token (43 characters), which may
// start with the same letters by chance.
import { randomBytes } from "node:crypto";

const marker = "bk_";
const keyLength = marker.length + 43;
// Shown in the list so people can tell their keys apart: too short to help anyone guess the rest.
const prefixLength = marker.length + 6;

export function newApiKey(): string {
  return `${marker}${randomBytes(32).toString("base64url")}`;
}

export function isApiKey(token: string): boolean {
  return token.length === keyLength && token.startsWith(marker);
}

export function apiKeyPrefix(key: string): string {
  return key.slice(0, prefixLength);
}
