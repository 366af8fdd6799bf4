// Sends the server has not acknowledged yet, for the visitor's chat and the rep's console alike. Each conversation's
// sends go out one at a time, in the order they were made, so a retry never lets a later one overtake an earlier
// one. Nothing goes out between a disconnect (`pause`) and the next join (`resume`): socket.io would flush its own
// buffer of stale copies ahead of the join. Every send is kept in storage (outbox-store.ts) until the server has
// it, and sent again after a reload or a reconnect, which is safe because the server deduplicates by clientId.
// Transient failures are retried with backoff; when it gives up, retry.ts says whether for good.
import { type Author, type BanterError, type Message, shouldRetry } from "../../shared/protocol/index.ts";
import type { OutboxStore } from "./outbox-store.ts";
import { asBanterError, isRefusal, retryDelayMs } from "./retry.ts";

// The visitor's sends all go to their current conversation (no conversationId); the rep's name theirs.
export interface Parcel {
  clientId: string;
  conversationId?: string;
}

// Not sent: not retried until the next resume (failed), or never again by itself (refused as well).
export type Pending<T> = T & { failed: boolean; refused?: boolean };

export interface OutboxDeps<T extends Parcel> {
  // Whose stored messages settle a send that arrived another way (a broadcast, a catch-up).
  author: Author;
  store: OutboxStore<T>;
  // One message:send: the stored message, or a thrown BanterError.
  send(item: T): Promise<Message>;
  delivered(item: T, message: Message): void;
  // Given up on (see retry.ts); the item is now failed.
  failed(item: T, err: BanterError): void;
  // A transient failure: it goes out again after a wait.
  waiting?(err: BanterError): void;
  changed?(items: Pending<T>[]): void;
  random?(): number;
}

export interface Outbox<T extends Parcel> {
  // What is held, oldest first: pending, and failed ("not sent").
  list(): Pending<T>[];
  // Takes in what storage holds (a reload, another tab); returns what was not held yet, to show as pending.
  restore(stored: T[]): T[];
  // A new send, or a failed one sent again (same clientId: it goes to the back of its line).
  send(item: T): void;
  // Joined (in the console: the inbox loaded): takes in `stored`, then sends everything not refused, from the
  // oldest. Returns what it took in or sends again after a failure, for the app to show as pending.
  resume(stored?: T[]): T[];
  // Disconnected: nothing goes out until the next resume, which starts every line afresh.
  pause(): void;
  // Logout, a new socket, the widget removed: no more attempts; storage keeps what was not delivered.
  stop(): void;
  // Stored copies that arrived another way (a broadcast, a join's catch-up) need no further attempts.
  settle(messages: readonly Message[]): void;
  // A new conversation replaced the old one: what the old one refused is no longer worth showing.
  dropRefused(): void;
}

// One conversation's line: at most one send in flight, and the wait before the head's next try.
interface Lane {
  inFlight?: string;
  // Transient failures of the current head: drives the backoff.
  tries: number;
  timer?: ReturnType<typeof setTimeout>;
}

export function createOutbox<T extends Parcel>(deps: OutboxDeps<T>): Outbox<T> {
  let items: Pending<T>[] = [];
  const lanes = new Map<string, Lane>();
  let online = false;
  let stopped = false;
  // Bumped on pause, so a failure answered on an earlier connection is not taken for the current one's.
  let round = 0;

  const update = (next: Pending<T>[]) => {
    items = next;
    deps.changed?.(items);
  };

  // Done with these, delivered by whatever path: they leave the line and storage.
  const forget = (clientIds: ReadonlySet<string>) => {
    if (!items.some((o) => clientIds.has(o.clientId))) return;
    deps.store.drop(clientIds);
    update(items.filter((o) => !clientIds.has(o.clientId)));
  };

  const pump = (key: string): void => {
    const lane = lanes.get(key) ?? { tries: 0 };
    lanes.set(key, lane);
    if (!online || lane.inFlight || lane.timer) return;
    const item = items.find((o) => !o.failed && laneOf(o) === key);
    if (!item) return;
    const { clientId } = item;
    const sent = round;
    const current = () => sent === round && lane.inFlight === clientId;
    lane.inFlight = clientId;
    deps.send(item).then(
      (message) => {
        if (stopped) return;
        // Any attempt's success will do, even one from before a reconnect: they all carry the same clientId.
        const moveOn = current();
        if (moveOn) {
          lane.inFlight = undefined;
          lane.tries = 0;
        }
        forget(new Set([clientId]));
        deps.delivered(item, message);
        if (moveOn) pump(key);
      },
      (err: unknown) => {
        if (stopped || !current()) return;
        lane.inFlight = undefined;
        const e = asBanterError(err);
        // Settled meanwhile (its stored copy came another way): nothing to retry or report.
        if (!items.some((o) => o.clientId === clientId)) return pump(key);
        if (shouldRetry(e.code, lane.tries)) {
          const wait = retryDelayMs(lane.tries++, e.retryAfterMs, deps.random);
          deps.waiting?.(e);
          lane.timer = setTimeout(() => {
            lane.timer = undefined;
            pump(key);
          }, wait);
          return;
        }
        lane.tries = 0;
        const refused = isRefusal(e.code);
        // Refused items stay on screen as "not sent" but leave storage: a reload must not resend them.
        if (refused) deps.store.drop(new Set([clientId]));
        update(items.map((o) => (o.clientId === clientId ? { ...o, failed: true, refused } : o)));
        deps.failed(item, e);
        pump(key);
      },
    );
  };

  const restore = (stored: T[]): T[] => {
    const held = new Set(items.map((o) => o.clientId));
    const added: T[] = [];
    for (const s of stored) {
      if (held.has(s.clientId)) continue;
      held.add(s.clientId);
      added.push(s);
    }
    if (added.length) update([...items, ...added.map((s) => ({ ...s, failed: false }))]);
    return added;
  };

  const pause = () => {
    online = false;
    round++;
    for (const lane of lanes.values()) {
      clearTimeout(lane.timer);
      lane.timer = lane.inFlight = undefined;
      lane.tries = 0;
    }
  };

  return {
    list: () => items,
    restore,
    send(item) {
      deps.store.put(item);
      const held = items.find((o) => o.clientId === item.clientId);
      if (!held) update([...items, { ...item, failed: false }]);
      else if (held.failed) update([...items.filter((o) => o !== held), { ...item, failed: false }]);
      pump(laneOf(item));
    },
    resume(stored = []) {
      const added = restore(stored);
      const again = items.filter((o) => o.failed && !o.refused);
      if (again.length) update(items.map((o) => (o.failed && !o.refused ? { ...o, failed: false } : o)));
      online = true;
      for (const key of new Set(items.map(laneOf))) pump(key);
      return [...added, ...again];
    },
    pause,
    stop() {
      stopped = true;
      pause();
    },
    settle(messages) {
      forget(new Set(messages.filter((m) => m.author === deps.author).map((m) => m.clientId)));
    },
    dropRefused() {
      if (items.some((o) => o.refused)) update(items.filter((o) => !o.refused));
    },
  };
}

function laneOf(item: Parcel): string {
  return item.conversationId ?? "";
}
