// Prometheus metrics (GET /metrics). One registry per app, so several apps in one process (the tests) do not mix.
// Counters count what this process did; gauges read the shared store where the figure is the cluster's (reps
// online) and this process where it is its own (connected visitors): Prometheus sums processes.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { type Author, BanterError } from "../shared/protocol/index.ts";
import type { Conversation, MailStore, PresenceStore, StoreLife, WebhooksStore } from "./store/types.ts";

export interface MetricsDeps {
  // What the gauges read; instrument() wraps whatever it is given, the whole store in the app.
  store: StoreLife & PresenceStore & WebhooksStore & MailStore;
  now: () => number;
  connectedVisitors: () => number;
}

export function createMetrics({ store, now, connectedVisitors }: MetricsDeps) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "banter_" });
  const registers = [registry];

  new Gauge({
    name: "banter_visitors_connected",
    help: "Visitor sockets connected to this process.",
    registers,
    collect() {
      this.set(connectedVisitors());
    },
  });
  new Gauge({
    name: "banter_reps_online",
    help: "Reps with at least one console tab open, across all processes.",
    registers,
    async collect() {
      this.set(store.isAvailable() ? (await store.presence(now())).filter((p) => p.online).length : 0);
    },
  });
  new Gauge({
    name: "banter_store_up",
    help: "1 while the store answers, 0 while it cannot be reached.",
    registers,
    collect() {
      this.set(store.isAvailable() ? 1 : 0);
    },
  });
  const messages = new Counter({
    name: "banter_messages_total",
    help: "Messages stored, by author.",
    labelNames: ["author"],
    registers,
  });
  const turns = new Counter({ name: "banter_bot_turns_total", help: "Bot turns taken.", registers });
  const leads = new Counter({
    name: "banter_leads_total",
    help: "Conversations the bot finished qualifying, by tier and stage.",
    labelNames: ["tier", "stage"],
    registers,
  });
  const wait = new Histogram({
    name: "banter_handoff_wait_seconds",
    help: "How long a hot lead waited for a rep to accept.",
    buckets: [1, 5, 10, 20, 30, 60, 120, 300, 600],
    registers,
  });
  const failures = new Counter({
    name: "banter_request_failures_total",
    help: "Socket requests that failed on our side: unavailable (the store could not be reached) or internal.",
    labelNames: ["code"],
    registers,
  });
  const storeWiped = new Gauge({
    name: "banter_store_wiped",
    help: "1 while this process finds its store wiped (its install marker gone): not ready, makes nothing again.",
    registers,
  });
  const storeErrors = new Counter({
    name: "banter_store_errors_total",
    help: "Store operations that failed (Redis unreachable, timed out or answered an error), by operation.",
    labelNames: ["op"],
    registers,
  });

  const webhookAttempts = new Counter({
    name: "banter_webhook_deliveries_total",
    help: "Webhook delivery attempts made by this process, by result (success: a 2xx answer).",
    labelNames: ["result"],
    registers,
  });
  const webhookFailures = new Counter({
    name: "banter_webhook_failures_total",
    help: "Webhook deliveries that failed for good: retries used up, 410 Gone, or the endpoint turned off or removed.",
    registers,
  });
  new Gauge({
    name: "banter_webhook_backlog",
    help: "Webhook deliveries waiting for an attempt (first or retry), across all processes.",
    registers,
    async collect() {
      this.set(store.isAvailable() ? await store.deliveryBacklog() : 0);
    },
  });

  const emailAttempts = new Counter({
    name: "banter_email_attempts_total",
    help: "Email sending attempts made by this process, by result: sent, retrying (4xx, no connection), failed (5xx, or retries used up).",
    labelNames: ["result"],
    registers,
  });
  new Gauge({
    name: "banter_email_backlog",
    help: "Emails waiting for an attempt (first or retry), across all processes.",
    registers,
    async collect() {
      this.set(store.isAvailable() ? await store.mailBacklog() : 0);
    },
  });

  return {
    registry,
    // The store as the app uses it: every operation that fails is counted, then fails as before. Refusals
    // (BanterError, e.g. a compare-and-set conflict) are answers, not errors.
    instrument<S extends object>(target: S): S {
      const wrapped = new Map<PropertyKey, unknown>();
      return new Proxy(target, {
        get(t, op, receiver) {
          const value: unknown = Reflect.get(t, op, receiver);
          if (typeof value !== "function") return value;
          if (!wrapped.has(op)) {
            wrapped.set(op, (...args: unknown[]) => {
              const result: unknown = Reflect.apply(value, t, args);
              if (!(result instanceof Promise)) return result;
              return result.catch((err: unknown) => {
                if (!(err instanceof BanterError)) storeErrors.inc({ op: String(op) });
                throw err;
              });
            });
          }
          return wrapped.get(op);
        },
      });
    },
    webhookAttempted(ok: boolean, gaveUp: boolean) {
      webhookAttempts.inc({ result: ok ? "success" : "failure" });
      if (gaveUp) webhookFailures.inc();
    },
    emailAttempted(result: "sent" | "retrying" | "failed") {
      emailAttempts.inc({ result });
    },
    message(author: Author) {
      messages.inc({ author });
    },
    // A bot turn; when it ends the questions, the lead counts by what it qualified as.
    turned(c: Conversation) {
      turns.inc();
      if (c.engine.outcome === null) return;
      const q = c.engine.qualification;
      leads.inc({ tier: q.tier, stage: q.stage });
    },
    accepted(waitedMs: number) {
      wait.observe(waitedMs / 1000);
    },
    failed(code: "UNAVAILABLE" | "INTERNAL") {
      failures.inc({ code });
    },
    storeWiped(wiped: boolean) {
      storeWiped.set(wiped ? 1 : 0);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
