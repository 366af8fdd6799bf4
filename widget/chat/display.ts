// What the visitor sees: stored messages in seq order, then the sends still waiting for the server.
import type { QuickReply } from "../../shared/protocol/index.ts";
import { type DisplayMessage, pendingMessage, toDisplay } from "../ui/transcript.tsx";
import type { ChatState } from "./conversation.ts";

export function displayMessages(s: ChatState): DisplayMessage[] {
  const pending = s.outbox.map((o) => ({ ...pendingMessage(o.clientId, "visitor", o.label), failed: o.failed }));
  return [...s.messages.map(toDisplay), ...pending];
}

// Buttons belong to the bot's latest question only, and vanish while an answer is on its way so one question
// cannot be answered twice.
export function quickReplies(s: ChatState): QuickReply[] {
  const last = s.messages[s.messages.length - 1];
  if (s.status !== "bot" || last?.author !== "bot" || !last.options?.length) return [];
  if (s.outbox.some((o) => !o.failed)) return [];
  return last.options;
}
