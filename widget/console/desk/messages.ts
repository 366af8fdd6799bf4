// A conversation's messages as the console holds them: stored messages keyed by the server's seq, plus what this
// rep has sent and the server has not acknowledged yet.
import type { Message } from "../../../shared/protocol/index.ts";

export interface PendingMessage {
  clientId: string;
  text: string;
  at: number;
  failed: boolean;
}

// A stored message with the same clientId is the server's copy of a pending one.
export function settlePending(pending: PendingMessage[], stored: Message[]): PendingMessage[] {
  if (pending.length === 0) return pending;
  const ids = new Set(stored.map((m) => m.clientId));
  const left = pending.filter((p) => !ids.has(p.clientId));
  return left.length === pending.length ? pending : left;
}
