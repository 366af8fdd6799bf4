// What GET /readyz answers, and the watch that notices a wiped store. A process is ready while its store answers
// in time, still holds the install this process started on, keeps what it is given (the embedded store's data
// directory takes its writes), and the rest of the process is ready (not draining, the socket adapter's pub/sub up).
//
// A Redis that restarts empty (no persistence) answers every command, so it looked healthy while the owner, the
// sites and every conversation were gone, and open sockets went on acting for sites that no longer exist. The
// install marker shows it (sites/bootstrap.ts): gone, or another install's, means this process's data is gone.
// The process then answers 503 and lets its sockets go (`wiped`), and makes nothing again by itself: a restored
// backup brings the marker back and it is ready again; a restart on the emptied store is a first start
// (docs/operations.md).
import type { Logger } from "./log.ts";
import { installMarker } from "./sites/bootstrap.ts";
import type { SecretsStore, StoreLife } from "./store/types.ts";

export type NotReady =
  | "store-unavailable"
  | "store-timeout"
  | "store-wiped"
  | "store-unwritable"
  | "draining"
  | "pubsub-unavailable";

export interface ReadinessDeps {
  // The store as it is, not the metrics' instrumented one: the checks' failures while Redis is away are this
  // watch's to report, not operations of the app that failed.
  store: SecretsStore & Pick<StoreLife, "durable">;
  // The marker's value when this process started.
  installId: string;
  log: Logger;
  // Why the rest of the process is not ready, or null.
  others: () => NotReady | null;
  // Told when the store is found wiped, and when the marker is back.
  wiped: (wiped: boolean) => void;
  // A Redis that stopped answering must not hold /readyz: a load balancer's check would hang, not fail. The
  // watchdog (store/redis-watchdog.ts) drops such a connection only after 5 s.
  timeoutMs?: number;
  // How often the marker is read with nobody asking /readyz: open sockets must be let go without a probe.
  everyMs?: number;
}

export interface Readiness {
  // True from the moment the store is found wiped until its marker is back.
  readonly wiped: boolean;
  // Null when ready, else why not; answers within timeoutMs.
  check(): Promise<NotReady | null>;
  start(): void;
  stop(): void;
}

export function createReadiness(deps: ReadinessDeps): Readiness {
  const { store, installId, log, others, timeoutMs = 500, everyMs = 2000 } = deps;
  let wiped = false;
  let timer: NodeJS.Timeout | undefined;
  // One periodic read at a time: a stalled Redis must not pile them up.
  let reading = false;

  // Once per change, not per check: one loud line when the data is found gone, one when it is back.
  function found(marker: string | null) {
    const intact = marker === installId;
    if (intact !== wiped) return;
    wiped = !intact;
    if (wiped) {
      log.error("store wiped: the install marker is gone; not ready, making nothing again (docs/operations.md)", {
        marker: marker === null ? "missing" : "another install's",
      });
    } else {
      log.info("store: the install marker is back; ready again");
    }
    deps.wiped(wiped);
  }

  // Settles when Redis answers or the watchdog drops the connection, however long that takes: a late answer
  // still tells whether the marker is there.
  function read(): Promise<NotReady | null> {
    return store.getSecret(installMarker).then(
      (marker) => {
        found(marker);
        return marker === installId ? null : "store-wiped";
      },
      () => "store-unavailable",
    );
  }

  async function bounded(): Promise<NotReady | null> {
    let late: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"store-timeout">((resolve) => {
      late = setTimeout(() => resolve("store-timeout"), timeoutMs);
    });
    try {
      return await Promise.race([read(), timedOut]);
    } finally {
      clearTimeout(late);
    }
  }

  return {
    get wiped() {
      return wiped;
    },
    async check() {
      return others() ?? (store.durable() ? await bounded() : "store-unwritable");
    },
    start() {
      timer = setInterval(() => {
        if (reading) return;
        reading = true;
        void read().finally(() => {
          reading = false;
        });
      }, everyMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
