// Open connections per address, counted where every connection starts: the engine (engine.io) session under the
// socket.io namespaces. Each session holds one of its address's slots while it is open, whether or not it ever
// joins /visitor or /rep, so a client opening bare sessions is capped like any other.
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { clientIp } from "../limits/client-ip.ts";
import { limitKeys } from "../store/keys.ts";
import type { LimitsStore } from "../store/types.ts";

// Slots are held per session of this process and expire by themselves, so a crash frees them within the hour.
const processId = randomUUID();
const slotTtlMs = 3_600_000;
// A session refused a slot is closed after this long: time for a socket.io client's namespace handshake (sent as
// soon as the session opens) to be answered why, with a typed error, before it goes. A bare one just goes.
const refusedGraceMs = 2_000;

// The engine's view of a session, as much as the slots need.
export interface EngineConnection {
  id: string;
  remoteAddress: string;
  request: { headers: IncomingHttpHeaders };
  readyState: string;
  on(event: "close", listener: () => void): unknown;
  close(): void;
}

export interface ConnectionSlots {
  // Whether the session got a slot (rejects while the store is unreachable): the namespaces' handshakes refuse
  // with RATE_LIMITED (or UNAVAILABLE) when it did not.
  taken(conn: object): Promise<boolean>;
}

export function connectionSlots(
  engine: { on(event: "connection", listener: (conn: EngineConnection) => void): unknown },
  { store, max, trustProxy }: { store: LimitsStore; max: number; trustProxy: boolean },
): ConnectionSlots {
  // Sessions still waiting for their verdict, and those refused. One that got its slot is dropped from here, so an
  // idle visitor keeps nothing of it (memory per idle visitor): every session passes by here as it opens, so one
  // missing has its slot.
  const verdicts = new WeakMap<object, Promise<boolean>>();
  engine.on("connection", (conn) => {
    const ip = clientIp(conn.remoteAddress, conn.request.headers["x-forwarded-for"], trustProxy);
    const verdict = take(store, max, conn, ip, Date.now());
    verdicts.set(conn, verdict);
    const refuse = () => {
      setTimeout(() => conn.close(), refusedGraceMs).unref();
    };
    verdict.then((taken) => (taken ? verdicts.delete(conn) : refuse()), refuse);
  });
  return {
    taken: (conn) => verdicts.get(conn) ?? Promise.resolve(true),
  };
}

// Session ids are random: with this process's id, a holder is unique across processes.
const holderOf = (conn: EngineConnection) => `${processId}:${conn.id}`;

// Takes one of the IP's slots for the session and gives it back when the session closes, even when it closed
// while the slot was being taken.
async function take(store: LimitsStore, max: number, conn: EngineConnection, ip: string, now: number) {
  const taken = await store.acquireSlot(limitKeys.ipConnections(ip), holderOf(conn), max, now, now + slotTtlMs);
  if (taken) {
    const release = () => {
      store.releaseSlot(limitKeys.ipConnections(ip), holderOf(conn)).catch(() => {});
    };
    if (conn.readyState === "closed") release();
    // Kept for as long as the session is open, so it keeps little: no once() wrapper (a session closes once), and
    // the key and holder are made again at the close rather than kept.
    else conn.on("close", release);
  }
  return taken;
}
