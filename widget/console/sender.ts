// Delivers the rep's messages: each one is kept in the outbox (localStorage) until the server has stored it or
// refused it for good. Transient failures (RATE_LIMITED, UNAVAILABLE, INTERNAL, an ack that never came) are
// retried with backoff while the bubble keeps saying "sending…"; repeating a send is safe because the server
// deduplicates by clientId. Each conversation's messages go out one at a time, in order, so a retry never lets a
// later message overtake an earlier one. Nothing goes out between a disconnect and the next inbox load (`resume`),
// so socket.io does not buffer a pile of stale copies to flush on reconnect.
import { BanterError, isTransient, type Message, shouldRetry } from "../../shared/protocol/index.ts";
import { retryDelayMs } from "../ui/backoff.ts";
import { addToOutbox, type OutboxEntry, removeFromOutbox } from "./outbox.ts";

export interface SenderDeps {
  // One message:send; resolves with the stored message or throws a BanterError.
  deliver(entry: OutboxEntry): Promise<Message>;
  delivered(entry: OutboxEntry, message: Message): void;
  refused(entry: OutboxEntry, err: unknown): void;
}

export type Sender = ReturnType<typeof createSender>;

// One conversation's unsent messages, oldest first; only the first is ever in flight.
interface Queue {
  entries: OutboxEntry[];
  // Transient failures of the current head: drives the backoff.
  tries: number;
  // Numbers each attempt, so an answer to an attempt that was superseded (by a resume) is not acted on twice.
  attempt: number;
  busy: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

export function transient(err: unknown): boolean {
  return err instanceof BanterError && isTransient(err.code);
}

export function createSender(deps: SenderDeps) {
  const queues = new Map<string, Queue>();
  let ready = false;
  let stopped = false;

  const queueOf = (conversationId: string): Queue => {
    let q = queues.get(conversationId);
    if (!q) {
      q = { entries: [], tries: 0, attempt: 0, busy: false };
      queues.set(conversationId, q);
    }
    return q;
  };

  // Done with an entry, either way: it leaves the queue and storage. False when it had already left.
  const take = (q: Queue, entry: OutboxEntry): boolean => {
    const i = q.entries.findIndex((e) => e.clientId === entry.clientId);
    if (i < 0) return false;
    q.entries.splice(i, 1);
    if (i === 0) q.tries = 0;
    removeFromOutbox(entry.conversationId, [entry.clientId]);
    return true;
  };

  const pump = (q: Queue) => {
    const entry = q.entries[0];
    if (!entry || !ready || stopped || q.busy || q.timer) return;
    q.busy = true;
    const n = ++q.attempt;
    const current = () => !stopped && q.attempt === n;
    deps.deliver(entry).then(
      (message) => {
        if (stopped) return;
        // Any attempt's success will do: they all carry the same clientId.
        if (take(q, entry)) deps.delivered(entry, message);
        if (!current()) return;
        q.busy = false;
        pump(q);
      },
      (err: unknown) => {
        if (!current()) return;
        q.busy = false;
        if (err instanceof BanterError && shouldRetry(err.code, q.tries)) {
          const retryAfterMs = err instanceof BanterError ? err.retryAfterMs : undefined;
          q.timer = setTimeout(
            () => {
              q.timer = undefined;
              pump(q);
            },
            retryDelayMs(q.tries++, retryAfterMs),
          );
          return;
        }
        if (take(q, entry)) deps.refused(entry, err);
        pump(q);
      },
    );
  };

  const halt = (q: Queue) => {
    clearTimeout(q.timer);
    q.timer = undefined;
  };

  return {
    // A new message, or a failed one the rep retries (same clientId; it goes to the back of the line).
    send(entry: OutboxEntry): void {
      addToOutbox(entry);
      const q = queueOf(entry.conversationId);
      if (!q.entries.some((e) => e.clientId === entry.clientId)) q.entries.push(entry);
      pump(q);
    },

    // After each inbox load: takes in what storage holds (a reload, another tab) and sends everything now,
    // without waiting out a backoff begun before the reconnect. Returns the entries that were not held yet, for the
    // console to show as pending.
    resume(stored: OutboxEntry[]): OutboxEntry[] {
      const held = new Set([...queues.values()].flatMap((q) => q.entries.map((e) => e.clientId)));
      const added = stored.filter((e) => !held.has(e.clientId));
      for (const entry of added) queueOf(entry.conversationId).entries.push(entry);
      ready = true;
      for (const q of queues.values()) {
        halt(q);
        q.busy = false;
        q.attempt++;
        q.tries = 0;
        pump(q);
      }
      return added;
    },

    // Disconnected: wait for the next resume instead of retrying into the void.
    pause(): void {
      ready = false;
      for (const q of queues.values()) halt(q);
    },

    // Stored copies that arrived another way (a broadcast, a catch-up) need no further attempts.
    settle(messages: Message[]): void {
      for (const m of messages) {
        const q = m.author === "rep" ? queues.get(m.conversationId) : undefined;
        const entry = q?.entries.find((e) => e.clientId === m.clientId);
        // The head may be in flight: its answer moves the queue on. Otherwise the queue can move now.
        if (q && entry && take(q, entry)) pump(q);
      }
    },

    // Logout or a new socket: in-memory attempts end; storage keeps what was not delivered.
    stop(): void {
      stopped = true;
      for (const q of queues.values()) halt(q);
      queues.clear();
    },
  };
}
