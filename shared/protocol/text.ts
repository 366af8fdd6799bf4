// Free text from outside (visitors, host pages, reps, owners): one rule for what of it is kept, applied by every
// schema that takes some (messages, notes, names, labels, a site's greeting, playbooks, page addresses).
// - Line ends are "\n": "\r\n" and a lone "\r" become "\n".
// - Other control characters are removed: C0 but tab and newline, DEL, and C1. Nobody means a NUL, a bell or a
//   terminal escape in a chat, and they reach places that take them badly: CSV exports, webhooks, logs, terminals.
// - A lone UTF-16 surrogate (half an emoji, from a host page cutting a string in two) becomes U+FFFD, so every
//   stored string is valid Unicode: UTF-8 (JSON to Redis, webhooks, CSV) could not carry it as it is.
// Single-line text (names, labels, addresses) also turns tabs and newlines into spaces.
// No Unicode normalisation (NFC): browsers send composed text already, and a site's user ids must stay the bytes
// its server signed (docs/security.md, visitor identity).
// Not exported from index.ts: it brings zod, which the chat widget does not ship.
import { z } from "zod";

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanText(s: string): string {
  return s.replace(/\r\n?/g, "\n").replace(controls, "").replace(loneSurrogate, "\ufffd");
}

export function cleanLine(s: string): string {
  return cleanText(s).replace(/[\t\n]/g, " ");
}

// zod strings cleaned before any other check, so `.trim().min(1)` refuses a text of control characters alone and
// `.max()` counts what is kept. `error` is the message for a value that is not a string.
export const freeText = (error?: string) => z.string(error).overwrite(cleanText);
export const freeLine = (error?: string) => z.string(error).overwrite(cleanLine);
