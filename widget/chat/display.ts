// What the visitor sees: stored messages in seq order, then the sends still waiting for the server.
import type { QuickReply } from "../../shared/protocol/index.ts";
import { type DisplayMessage, pendingMessage, toDisplay } from "../ui/transcript.tsx";
import type { ChatState } from "./chat-state.ts";

export function displayMessages(s: ChatState): DisplayMessage[] {
  const read = lastReadSeq(s);
  const stored = s.messages.map((m) => {
    const d = toDisplay(m);
    if (m.seq === read) d.receipt = s.repName ? `Read by ${s.repName}` : "Read";
    return d;
  });
  const pending = s.outbox.map((o) => ({ ...pendingMessage(o.clientId, "visitor", o.label), failed: o.failed }));
  return [...stored, ...pending];
}

// The visitor's latest message the rep has read: the one "Read" goes under (it implies all before it).
function lastReadSeq(s: ChatState): number | undefined {
  for (let i = s.messages.length - 1; i >= 0; i--) {
    const m = s.messages[i];
    if (m && m.author === "visitor" && m.seq <= s.repReadSeq) return m.seq;
  }
  return undefined;
}

// Buttons belong to the bot's latest question only, and vanish while an answer is on its way so one question
// cannot be answered twice.
export function quickReplies(s: ChatState): QuickReply[] {
  const last = s.messages[s.messages.length - 1];
  if (s.status !== "bot" || last?.author !== "bot" || !last.options?.length) return [];
  if (s.outbox.some((o) => !o.failed)) return [];
  return last.options;
}
