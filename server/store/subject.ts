// The emails a conversation knows its visitor by: the one the bot collected (contact capture) and the one the
// host page gave (identify). Both stores index conversations by these, so a data subject is found by email.
import type { Conversation } from "./types.ts";

export function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function subjectEmails(c: Pick<Conversation, "engine" | "identity">): string[] {
  const found = new Set<string>();
  for (const answer of Object.values(c.engine.slots)) {
    if (answer.value.kind === "email") found.add(normalEmail(answer.value.email));
  }
  if (c.identity?.email) found.add(normalEmail(c.identity.email));
  found.delete("");
  return [...found].sort();
}
