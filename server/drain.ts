// Graceful shutdown: work in flight (HTTP requests, socket events) is counted so that closing can wait for it to
// finish (its writes land, its acks are sent) after new work has stopped being taken. New work that arrives while
// draining is answered UNAVAILABLE, which every client retries: the widget's outbox resends after reconnecting
// to another process, so no message is lost.
export interface Drain {
  readonly draining: boolean;
  // Counts fn as in flight until it settles.
  track<T>(fn: () => Promise<T>): Promise<T>;
  // Stops new work and resolves when nothing is in flight, or after timeoutMs (a stuck request must not keep a
  // process from ever stopping).
  start(timeoutMs: number): Promise<void>;
}

export function createDrain(): Drain {
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  return {
    get draining() {
      return draining;
    },
    async track(fn) {
      inFlight++;
      try {
        return await fn();
      } finally {
        inFlight--;
        if (inFlight === 0) idle?.();
      }
    },
    start(timeoutMs) {
      draining = true;
      if (inFlight === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        timer.unref();
        idle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
  };
}
