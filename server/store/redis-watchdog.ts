// A Redis that keeps the connection open but stops answering (a stopped or swapping process, a network that
// drops packets without a reset) would leave every command waiting on it forever: node-redis's command timeout
// only covers the wait to be written, not the wait for the reply. One ping at a time watches instead: when it is
// not answered in time, the connection is dropped, which fails the commands waiting on it (callers answer
// UNAVAILABLE, as while Redis is away), and a new one is made.

export interface Watched {
  readonly isReady: boolean;
  ping(): Promise<unknown>;
  // Drops the connection (rejecting what waits on it) and connects again.
  reconnect(): void;
}

export function watchRedis(client: Watched, onStuck: () => void, everyMs = 1000, timeoutMs = 5000): () => void {
  let pinging = false;
  const timer = setInterval(() => {
    // While not ready, node-redis is already reconnecting and commands fail at once.
    if (pinging || !client.isReady) return;
    pinging = true;
    let answered = false;
    const late = setTimeout(() => {
      // After a long block of this process's own event loop, the reply may be waiting unread: timers run before
      // I/O is read, setImmediate after it.
      setImmediate(() => {
        if (answered) return;
        onStuck();
        client.reconnect();
      });
    }, timeoutMs);
    late.unref();
    client
      .ping()
      // A failure is a closed connection, which node-redis reconnects by itself.
      .catch(() => {})
      .finally(() => {
        answered = true;
        pinging = false;
        clearTimeout(late);
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
