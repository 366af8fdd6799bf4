// Pure helpers for a client's copy of a transcript (the visitor's chat and the rep's console). seq is the server's order, so it is also the identity:
// the same message can arrive in a join ack, a broadcast and a send ack, in any order.
import type { Message } from "../../shared/protocol/index.ts";

export function mergeMessages(held: Message[], incoming: Message[]): Message[] {
  if (incoming.length === 0) return held;
  const bySeq = new Map<number, Message>();
  for (const m of held) bySeq.set(m.seq, m);
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

// The highest seq below which nothing is missing. Asking from here after a reconnect also refills a hole a lost
// broadcast left, where the highest seq held would skip it for good.
export function contiguousSeq(held: Message[]): number {
  let n = 0;
  for (const m of held) {
    if (m.seq === n + 1) n = m.seq;
    else if (m.seq > n + 1) break;
  }
  return n;
}

// getRandomValues is available everywhere and is just as unguessable.
export function newClientId(): string {
  if (typeof crypto.randomUUID === "function" && globalThis.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
