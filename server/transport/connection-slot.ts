// Open connections per address: a socket holds one of its address's slots while it is connected.
import { randomUUID } from "node:crypto";
import { limitKeys } from "../store/keys.ts";
import type { LimitsStore } from "../store/types.ts";

// Slots are held per socket of this process and expire by themselves, so a crash frees them within the hour.
const processId = randomUUID();
const slotTtlMs = 3_600_000;

export interface SlotSocket {
  id: string;
  // The transport connection: it closes (once) whether or not the handshake finished.
  client: { conn: { readyState: string; on(event: "close", listener: () => void): unknown } };
}

const slotHolder = (socket: SlotSocket) => `${processId}:${socket.id}`;

// Takes one of the IP's connection slots for this socket and gives it back when the connection closes, even
// when the client leaves before the handshake is done.
export async function takeConnectionSlot(store: LimitsStore, max: number, socket: SlotSocket, ip: string, now: number) {
  const taken = await store.acquireSlot(limitKeys.ipConnections(ip), slotHolder(socket), max, now, now + slotTtlMs);
  if (taken) {
    const release = () => {
      store.releaseSlot(limitKeys.ipConnections(ip), slotHolder(socket)).catch(() => {});
    };
    // A client gone while the slot was being taken closed before a listener could hear it.
    if (socket.client.conn.readyState === "closed") release();
    // Kept for as long as the connection is open, so it keeps little: no once() wrapper (the connection closes
    // once), and the key and holder are made again at the close rather than kept (memory per idle visitor).
    else socket.client.conn.on("close", release);
  }
  return taken;
}
