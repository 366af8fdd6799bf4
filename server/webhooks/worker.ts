// Posts due webhook deliveries. Every process runs one: each claims due deliveries atomically (store), so each
// attempt is made once across processes, and a claim that dies with its process is retried after the lease.
// A bounded number of requests run at once, each with a timeout, apart from any chat: a slow or failing
// receiver only delays its own deliveries.
import { backoffMs as defaultBackoff, maxAttempts } from "../backoff.ts";
import type { Logger } from "../log.ts";
import type { StoreLife, WebhookDelivery, WebhooksStore } from "../store/types.ts";
import { post, type Resolve, systemResolve } from "./post.ts";
import { deliveryHeaders } from "./sign.ts";
import type { AllowedNetworks } from "./targets.ts";

export interface WorkerDeps {
  store: StoreLife & WebhooksStore;
  log: Logger;
  // The worker's clock and the wait before each retry: injectable, so tests drive time instead of sleeping.
  now: () => number;
  backoffMs?: (attempts: number) => number;
  tickMs?: number;
  timeoutMs?: number;
  concurrency?: number;
  // Internal networks the operator allows (WEBHOOKS_ALLOW_NETWORKS); by default only public addresses are.
  allowNetworks: AllowedNetworks;
  // How host names are resolved before each attempt (tests inject names that resolve where they need).
  resolve?: Resolve;
  // Each attempt's outcome (metrics): ok, and whether the delivery failed for good.
  attempted?: (ok: boolean, gaveUp: boolean) => void;
}

const defaultTimeoutMs = 10_000;
// Longer than an attempt can take, so a live claim never lapses; a dead one is retried this long after.
const leaseMs = 60_000;
// What the delivery log says of a target that is not public: it names no address and nothing about a port.
const refusedMessage = "refused: not a public address (private, loopback, link-local or metadata)";

// `cause` (ECONNREFUSED, timeout...) goes to the server's log for the operator, never to the delivery log.
type Outcome = Pick<WebhookDelivery, "responseCode" | "lastError"> & { ok: boolean; gone?: boolean; cause?: string };

export function createWorker(deps: WorkerDeps) {
  const { store, log, now } = deps;
  const backoff = deps.backoffMs ?? defaultBackoff;
  const timeoutMs = deps.timeoutMs ?? defaultTimeoutMs;
  const concurrency = deps.concurrency ?? 8;
  const { allowNetworks } = deps;
  const resolve = deps.resolve ?? systemResolve;
  const noAnswerMessage = `the endpoint did not answer (no connection, or no HTTP answer within ${Math.round(timeoutMs / 1000)} s)`;
  const inFlight = new Map<AbortController, Promise<void>>();
  let stopped = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let claiming = false;

  async function send(d: WebhookDelivery, url: string, secret: string, signal: AbortSignal): Promise<Outcome> {
    const headers = deliveryHeaders(d, secret, Math.floor(now() / 1000));
    const result = await post(url, headers, d.body, signal, { allowNetworks, resolve });
    if (result.kind === "refused") return { ok: false, lastError: refusedMessage };
    // A closed port, a port that speaks something else, a name that does not resolve and a timeout all read the
    // same to the owner, so the log cannot be used to map which ports answer on a network Banter reaches.
    if (result.kind === "no-answer") return { ok: false, lastError: noAnswerMessage, cause: result.cause };
    const status = result.status;
    if (status >= 200 && status < 300) return { ok: true, responseCode: status };
    return { ok: false, responseCode: status, lastError: `HTTP ${status}`, gone: status === 410 };
  }

  async function attempt(d: WebhookDelivery, claim: number, controller: AbortController): Promise<void> {
    const endpoint = await store.getWebhook(d.siteKey, d.endpointId);
    const started = performance.now();
    // A test event goes to a disabled endpoint too: the owner is checking it before turning it on.
    const off = !endpoint || (!endpoint.enabled && d.event !== "webhook.test");
    let outcome: Outcome;
    if (!endpoint) outcome = { ok: false, lastError: "endpoint removed" };
    else if (off) outcome = { ok: false, lastError: "endpoint disabled" };
    else {
      const timeout = setTimeout(() => controller.abort(), timeoutMs);
      outcome = await send(d, endpoint.url, endpoint.secret, controller.signal);
      clearTimeout(timeout);
    }
    // Stopping (app.close) aborts requests in flight: nothing is recorded, and the lease brings the delivery back.
    if (stopped) return;
    const attempts = d.attempts + 1;
    const gaveUp = !outcome.ok && (off || outcome.gone === true || attempts >= maxAttempts);
    const next: WebhookDelivery = {
      ...d,
      attempts,
      status: outcome.ok ? "succeeded" : gaveUp ? "failed" : "pending",
      lastAttemptAt: now(),
      durationMs: Math.round(performance.now() - started),
    };
    delete next.nextAttemptAt;
    delete next.responseCode;
    delete next.lastError;
    if (next.status === "pending") next.nextAttemptAt = now() + backoff(attempts);
    if (outcome.responseCode !== undefined) next.responseCode = outcome.responseCode;
    if (outcome.lastError) next.lastError = outcome.lastError;
    if (!(await store.finishDelivery(next, claim))) return;
    deps.attempted?.(outcome.ok, gaveUp);
    if (!outcome.ok) {
      log.warn("webhook delivery failed", {
        deliveryId: d.id,
        endpointId: d.endpointId,
        event: d.event,
        attempts,
        error: outcome.lastError,
        ...(outcome.cause ? { cause: outcome.cause } : {}),
        gaveUp,
      });
    }
    // 410 Gone: the receiver says it is gone for good, so the endpoint is turned off (the owner turns it on again).
    if (outcome.gone && endpoint) {
      await store.updateWebhook(d.siteKey, d.endpointId, (e) => ({
        ...e,
        enabled: false,
        disabledReason: "The receiver answered 410 Gone.",
      }));
    }
  }

  async function tick(): Promise<void> {
    if (stopped || claiming || !store.isAvailable()) return;
    const room = concurrency - inFlight.size;
    if (room <= 0) return;
    claiming = true;
    try {
      const at = now();
      for (const { delivery, claim } of await store.claimDeliveries(at, at + leaseMs, room)) {
        // Stopped while claiming: what was claimed is retried (by any process) when its lease ends.
        if (stopped) break;
        const controller = new AbortController();
        const run = attempt(delivery, claim, controller)
          .catch((err: unknown) =>
            log.error("webhook attempt failed", {
              deliveryId: delivery.id,
              err: err instanceof Error ? err.message : String(err),
            }),
          )
          .finally(() => {
            inFlight.delete(controller);
            // A free slot takes the next due delivery without waiting for the next tick.
            if (!stopped) kick();
          });
        inFlight.set(controller, run);
      }
    } finally {
      claiming = false;
    }
  }

  function kick(): void {
    setImmediate(() => {
      tick().catch((err: unknown) =>
        log.error("webhook tick failed", { err: err instanceof Error ? err.message : String(err) }),
      );
    });
  }

  return {
    tick,
    // Something was enqueued in this process: look now rather than at the next tick.
    kick,
    start() {
      timer = setInterval(kick, deps.tickMs ?? 1000);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      // A tick still claiming starts nothing after this (it checks `stopped`); wait for it to see so.
      while (claiming) await new Promise((resolve) => setImmediate(resolve));
      for (const controller of inFlight.keys()) controller.abort();
      await Promise.allSettled(inFlight.values());
    },
  };
}

export type Worker = ReturnType<typeof createWorker>;
