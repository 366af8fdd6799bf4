// Sends due emails. Every process runs one (only with SMTP configured): each claims due messages atomically
// (store), so each attempt is made once across processes, and a claim that dies with its process is retried
// after the lease. A few sends at a time, apart from any chat.

import { backoffMs as defaultBackoff, maxAttempts } from "../backoff.ts";
import type { Logger } from "../log.ts";
import type { MailMessage, MailStore, StoreLife } from "../store/types.ts";
import type { MailTransport } from "./transport.ts";

export interface MailWorkerDeps {
  store: StoreLife & MailStore;
  transport: MailTransport;
  log: Logger;
  // The clock and the wait before each retry (the webhooks' backoff: 30 s tripling to 8 h, 10 attempts):
  // injectable, so tests drive time instead of sleeping.
  now: () => number;
  backoffMs?: (attempts: number) => number;
  tickMs?: number;
  concurrency?: number;
  // Each recorded attempt's result (metrics).
  attempted?: (result: "sent" | "retrying" | "failed") => void;
}

// Longer than an attempt can take (transport.ts bounds its waits), so a live claim never lapses.
const leaseMs = 120_000;
// How long a stopping process waits for sends in flight.
const stopGraceMs = 5_000;

export function createMailWorker(deps: MailWorkerDeps) {
  const { store, transport, log, now } = deps;
  const backoff = deps.backoffMs ?? defaultBackoff;
  const concurrency = deps.concurrency ?? 4;
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let claiming = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  async function attempt(m: MailMessage, claim: number): Promise<void> {
    const outcome = await transport.send(m);
    const attempts = m.attempts + 1;
    const failed = !outcome.ok && (outcome.permanent || attempts >= maxAttempts);
    const next: MailMessage = { ...m, attempts, status: outcome.ok ? "sent" : failed ? "failed" : "retrying" };
    delete next.nextAttemptAt;
    delete next.lastError;
    if (outcome.ok) next.sentAt = now();
    else next.lastError = outcome.error;
    if (next.status === "retrying") next.nextAttemptAt = now() + backoff(attempts);
    else if (next.secret) {
      // Done with it: the stored copy (the Email page, RETENTION_DAYS in Redis) no longer carries the credential.
      next.text = next.text.replaceAll(next.secret, "(removed after sending)");
      next.html = next.html.replaceAll(next.secret, "(removed after sending)");
      delete next.secret;
    }
    if (!(await store.finishMail(next, claim))) return;
    if (next.status === "sent" || next.status === "retrying" || next.status === "failed") deps.attempted?.(next.status);
    // The per-message log is the record itself; the server log has ids and codes, never an address or a reply
    // (a server's reply can name the recipient).
    if (!outcome.ok)
      log.warn("email attempt failed", { mailId: m.id, kind: m.kind, attempts, code: outcome.code, failed });
  }

  async function tick(): Promise<void> {
    if (stopped || claiming || !store.isAvailable()) return;
    const room = concurrency - inFlight.size;
    if (room <= 0) return;
    claiming = true;
    try {
      const at = now();
      for (const { message, claim } of await store.claimMail(at, at + leaseMs, room)) {
        if (stopped) break;
        const run: Promise<void> = attempt(message, claim)
          .catch((err: unknown) =>
            log.error("email attempt failed", {
              mailId: message.id,
              err: err instanceof Error ? err.message : String(err),
            }),
          )
          .finally(() => {
            inFlight.delete(run);
            if (!stopped) kick();
          });
        inFlight.add(run);
      }
    } finally {
      claiming = false;
    }
  }

  function kick(): void {
    setImmediate(() => {
      tick().catch((err: unknown) =>
        log.error("email tick failed", { err: err instanceof Error ? err.message : String(err) }),
      );
    });
  }

  return {
    tick,
    kick,
    start() {
      timer = setInterval(kick, deps.tickMs ?? 1000);
      timer.unref();
    },
    // Nothing new starts; sends in flight get a few seconds to finish. One still going then is let go: its lease
    // brings the message back (to any process), so a server that accepted it late may get it twice, never zero.
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      while (claiming) await new Promise((resolve) => setImmediate(resolve));
      let grace: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.allSettled(inFlight),
        new Promise((resolve) => {
          grace = setTimeout(resolve, stopGraceMs);
        }),
      ]);
      clearTimeout(grace);
      transport.close();
    },
  };
}

export type MailWorker = ReturnType<typeof createMailWorker>;
