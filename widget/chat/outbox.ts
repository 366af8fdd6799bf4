// The visitor's sends the server has not acknowledged yet, delivered one at a time in the order they were made (so
// a retry cannot overtake a later message). Kept in localStorage across reloads (outbox-store.ts); resent after
// every join, which is safe because the server deduplicates by clientId.
import { BanterError, ErrorCode, type Message, shouldRetry, type VisitorSend } from "../../shared/protocol/index.ts";
import { retryDelayMs } from "../ui/backoff.ts";
import type { OutboxStore, SavedSend } from "./outbox-store.ts";

export interface Outgoing extends SavedSend {
  // Not sent, and not being retried until the next join (failed), or never to be resent (refused as well).
  failed: boolean;
  refused?: boolean;
}

export interface OutboxDeps {
  store: OutboxStore;
  send(req: VisitorSend): Promise<Message>;
  // The server stored it: the conversation takes the message (and, through acked, drops the pending item).
  delivered(message: Message): void;
  changed(items: Outgoing[]): void;
  // A problem the visitor should read (null: the last one reported is over).
  problem(message: string | null): void;
  random?(): number;
}

// Answers that a resend cannot change.
const refusals = new Set<string>([ErrorCode.CLOSED, ErrorCode.BAD_REQUEST, ErrorCode.FORBIDDEN]);

export class Outbox {
  private items: Outgoing[];
  // Every id this tab has held, so saving drops the ones it finished and keeps other tabs' items.
  private readonly handled = new Set<string>();
  private online = false;
  private inFlight: string | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private tries = 0;
  // Bumped on pause, so an answer to a send made on an earlier connection is not taken as the current one's.
  private round = 0;
  private reported = false;

  constructor(private readonly deps: OutboxDeps) {
    this.items = deps.store.load().map((s) => ({ ...s, failed: false }));
    for (const o of this.items) this.handled.add(o.clientId);
  }

  list(): Outgoing[] {
    return this.items;
  }

  add(item: SavedSend): void {
    this.handled.add(item.clientId);
    this.update([...this.items, { ...item, failed: false }]);
    this.pump();
  }

  // Joined: send everything not refused, from the oldest.
  resume(): void {
    this.online = true;
    if (this.items.some((o) => o.failed && !o.refused)) {
      this.update(this.items.map((o) => (o.refused ? o : { ...o, failed: false })));
    }
    this.pump();
  }

  // Disconnected: nothing goes out until the next join (socket.io would send its buffer before our join).
  pause(): void {
    this.online = false;
    this.round++;
    this.inFlight = null;
    this.tries = 0;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  // The server has these (from any tab, by ack or broadcast): their pending bubbles go.
  acked(clientIds: ReadonlySet<string>): void {
    if (this.items.some((o) => clientIds.has(o.clientId))) {
      this.update(this.items.filter((o) => !clientIds.has(o.clientId)));
    }
  }

  // A new conversation replaced the old one: what the old one refused is no longer worth showing.
  dropRefused(): void {
    if (this.items.some((o) => o.refused)) this.update(this.items.filter((o) => !o.refused));
  }

  dispose(): void {
    this.pause();
  }

  private pump(): void {
    if (!this.online || this.inFlight || this.retryTimer) return;
    const item = this.items.find((o) => !o.failed);
    if (!item) return;
    const { clientId } = item;
    const round = this.round;
    this.inFlight = clientId;
    this.deps.send(item.req).then(
      (message) => {
        const current = round === this.round && this.inFlight === clientId;
        if (current) {
          this.inFlight = null;
          this.tries = 0;
          this.report(null);
        }
        this.deps.delivered(message);
        // delivered() normally removes it through acked(); make sure, whatever the conversation did with it.
        this.acked(new Set([clientId]));
        if (current) this.pump();
      },
      (err: unknown) => {
        if (round !== this.round || this.inFlight !== clientId) return;
        this.inFlight = null;
        // A request that got no answer in time is reported as INTERNAL: worth retrying like any transient error.
        const e = err instanceof BanterError ? err : new BanterError(ErrorCode.INTERNAL, "Could not send.");
        if (shouldRetry(e.code, this.tries)) return this.retryLater(e);
        this.tries = 0;
        const refused = refusals.has(e.code);
        this.update(this.items.map((o) => (o.clientId === clientId ? { ...o, failed: true, refused } : o)));
        this.report(e.message);
        this.pump();
      },
    );
  }

  private retryLater(e: BanterError): void {
    const wait = retryDelayMs(this.tries, e.retryAfterMs, this.deps.random);
    this.tries++;
    // Only the rate limit is the visitor's to know (and act on); other hiccups stay behind "sending…".
    if (e.code === ErrorCode.RATE_LIMITED) this.report(e.message);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.pump();
    }, wait);
  }

  private report(message: string | null): void {
    if (message === null && !this.reported) return;
    this.reported = message !== null;
    this.deps.problem(message);
  }

  private update(items: Outgoing[]): void {
    this.items = items;
    // Refused items stay on screen as "not sent" but leave storage: a reload must not resend them.
    this.deps.store.save(
      items
        .filter((o) => !o.refused)
        .map(({ clientId, label, req, at }) => ({ clientId, label, req, at: at ?? Date.now() })),
      this.handled,
    );
    this.deps.changed(items);
  }
}
