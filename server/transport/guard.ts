// Rate limits at the edge: one place that turns a store counter into a RATE_LIMITED error.
import { randomUUID } from "node:crypto";
import { BanterError, ErrorCode } from "../../shared/protocol/index.ts";
import type { Limits, Rate } from "../limits.ts";
import { tooFast } from "../limits.ts";
import { limitKeys } from "../store/keys.ts";
import type { LimitsStore } from "../store/types.ts";

export function guard(store: LimitsStore, limits: Limits) {
  return {
    limits,
    // Counts the event under every key; the first one over its limit refuses it.
    async check(checks: [key: string, rate: Rate][], message = tooFast): Promise<void> {
      const { allowed, retryAfterMs } = await store.hits(
        checks.map(([key, rate]) => ({ key, limit: rate.limit, windowMs: rate.windowMs })),
      );
      if (!allowed) throw new BanterError(ErrorCode.RATE_LIMITED, message(retryAfterMs), retryAfterMs);
    },
  };
}

export type Guard = ReturnType<typeof guard>;

// The client's address: the socket's peer, or, behind a trusted proxy, the address that proxy saw: the last
// X-Forwarded-For hop (the proxy appends it; anything before it the client could have written itself).
export function clientIp(address: string, forwardedFor: string | string[] | undefined, trustProxy: boolean): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
  const last = trustProxy ? header?.split(",").at(-1)?.trim() : undefined;
  return last || address;
}

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
