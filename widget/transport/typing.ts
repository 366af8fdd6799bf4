// "Is typing", both ways, for the chat and the console. Ours: as few typing:set as will keep the other side's
// indicator true. Theirs: an indicator that goes by itself, since a `false` can be lost with a dropped connection
// or a tab closed mid-word. The timings are the protocol's (shared/protocol/limits.ts).
import { typingExpiryMs, typingIdleMs, typingRefreshMs } from "../../shared/protocol/index.ts";

export interface TypingSignal {
  // A keystroke: `true` at once, and again at most every typingRefreshMs while keys keep coming; `false` after
  // typingIdleMs without one.
  input(): void;
  // Sent, box emptied, conversation left: `false` now, if `true` was said.
  stop(): void;
  // The connection dropped: the server forgets the indicator with the socket, so there is nothing to retract.
  reset(): void;
}

export function typingSignal(emit: (typing: boolean) => void, now: () => number = Date.now): TypingSignal {
  let on = false;
  let lastSent = 0;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const reset = () => {
    clearTimeout(idle);
    on = false;
  };
  const stop = () => {
    const was = on;
    reset();
    if (was) emit(false);
  };
  return {
    input() {
      const t = now();
      if (!on || t - lastSent >= typingRefreshMs) {
        on = true;
        lastSent = t;
        emit(true);
      }
      clearTimeout(idle);
      idle = setTimeout(stop, typingIdleMs);
    },
    stop,
    reset,
  };
}

export interface TypingIndicators<V> {
  // `value` (who is typing, or just true) until a `null`, or until typingExpiryMs pass without news.
  set(conversationId: string, value: V | null): void;
  // Forgets every indicator without telling (the app is going away).
  clear(): void;
}

// The other side's typing, per conversation. `changed` hears every set and every expiry.
export function typingIndicators<V>(changed: (conversationId: string, value: V | null) => void): TypingIndicators<V> {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  return {
    set(conversationId, value) {
      clearTimeout(timers.get(conversationId));
      timers.delete(conversationId);
      if (value !== null) {
        const expire = () => {
          timers.delete(conversationId);
          changed(conversationId, null);
        };
        timers.set(conversationId, setTimeout(expire, typingExpiryMs));
      }
      changed(conversationId, value);
    },
    clear() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
