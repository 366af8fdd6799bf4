// Searching leads by who they are (the leads table's `q`), one rule for the index (terms.ts) and the re-check at read.
import type { Contact } from "./contact.ts";

// Search (the `q` filter): a query matches a lead when every word of it starts a word of the lead's name, email
// or company ("ana", "acme", "acme.io", "ana lop" find "Ana Lopez <ana@acme.io>"), or, 3 digits or more, is part
// of its phone's digits. Words are runs of letters and digits, lower case; the index holds every prefix of each
// word up to `maxPrefix` characters (a longer query word is looked up by its first `maxPrefix`, then re-checked).
export const maxPrefix = 24;
const maxPhoneDigits = 15;

export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

// Every search key a contact is found by.
export function searchKeys(contact: Contact): string[] {
  const keys = new Set<string>();
  for (const value of [contact.name, contact.email, contact.company]) {
    for (const word of searchWords(value ?? "")) {
      for (let n = 1; n <= Math.min(word.length, maxPrefix); n++) keys.add(word.slice(0, n));
    }
  }
  // Every run of 3 or more of the phone's digits, so "555 0100" and "5550100" both find "+1 (555) 555-0100".
  const digits = (contact.phone ?? "").replace(/\D/g, "").slice(-maxPhoneDigits);
  for (let i = 0; i + 3 <= digits.length; i++) {
    for (let j = i + 3; j <= digits.length; j++) keys.add(digits.slice(i, j));
  }
  return [...keys].sort();
}

// The search keys a query looks up (each must match): its words, a digits-only word cut to the phone's length.
export function queryKeys(q: string): string[] {
  return [...new Set(searchWords(q).map((w) => w.slice(0, /^\d+$/.test(w) ? maxPhoneDigits : maxPrefix)))];
}

// True when the index answers the query exactly: no word longer than the index holds.
export function exactSearch(q: string): boolean {
  return searchWords(q).every((w) => w.length <= (/^\d+$/.test(w) ? maxPhoneDigits : maxPrefix));
}

// The same rule on a lead's contact, for the re-check at read.
export function matchesSearch(contact: Contact, q: string): boolean {
  const words = new Set(searchWords([contact.name, contact.email, contact.company].join(" ")));
  const digits = (contact.phone ?? "").replace(/\D/g, "");
  return searchWords(q).every(
    (w) => [...words].some((x) => x.startsWith(w)) || (/^\d{3,}$/.test(w) && digits.includes(w)),
  );
}
