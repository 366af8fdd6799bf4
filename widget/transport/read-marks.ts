// Tells the server how far the rep has read each conversation (conversation:read), so the visitor sees "Read".
// Marks only move forward and are coalesced: the first new mark waits readDebounceMs and takes whatever arrived
// meanwhile, so a burst of messages costs one request. A mark made offline goes out after the next resume. Failures
// are retried, and given up on, by the outbox's rule (retry.ts); a mark given up on goes out with the next one.
import { type ConversationView, readDebounceMs, shouldRetry } from "../../shared/protocol/index.ts";
import { asBanterError, retryDelayMs } from "./retry.ts";

export interface ReadReporterDeps {
  report(conversationId: string, seq: number): Promise<ConversationView>;
  reported(view: ConversationView): void;
}

export type ReadReporter = ReturnType<typeof createReadReporter>;

export function createReadReporter(deps: ReadReporterDeps) {
  // Highest seq waiting to go out, and highest acknowledged or in flight, per conversation.
  const wanted = new Map<string, number>();
  const sent = new Map<string, number>();
  const tries = new Map<string, number>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let ready = false;
  let stopped = false;

  const schedule = (id: string, ms: number) => {
    clearTimeout(timers.get(id));
    timers.set(
      id,
      setTimeout(() => flush(id), ms),
    );
  };

  const flush = (id: string) => {
    timers.delete(id);
    const seq = wanted.get(id);
    if (seq === undefined || !ready || stopped) return;
    wanted.delete(id);
    const before = sent.get(id) ?? 0;
    if (seq <= before) return;
    sent.set(id, seq);
    deps.report(id, seq).then(
      (view) => {
        tries.delete(id);
        if (!stopped) deps.reported(view);
      },
      (err: unknown) => {
        if (stopped) return;
        // Only a mark that never reached the server is worth sending again; a refusal (closed, not ours) is final.
        if (sent.get(id) === seq) sent.set(id, before);
        const e = asBanterError(err);
        const n = tries.get(id) ?? 0;
        if (!shouldRetry(e.code, n)) {
          tries.delete(id);
          return;
        }
        wanted.set(id, Math.max(seq, wanted.get(id) ?? 0));
        tries.set(id, n + 1);
        schedule(id, retryDelayMs(n, e.retryAfterMs));
      },
    );
  };

  return {
    mark(conversationId: string, seq: number): void {
      const known = Math.max(sent.get(conversationId) ?? 0, wanted.get(conversationId) ?? 0);
      if (seq <= known) return;
      wanted.set(conversationId, seq);
      if (!timers.has(conversationId)) schedule(conversationId, readDebounceMs);
    },
    resume(): void {
      ready = true;
      for (const id of wanted.keys()) if (!timers.has(id)) schedule(id, readDebounceMs);
    },
    pause(): void {
      ready = false;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
    stop(): void {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
