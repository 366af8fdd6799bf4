// The composition root: builds HTTP routes and socket namespaces from injected parts. It never listens; index.ts
// and the tests do (tests on port 0).
import { randomUUID } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { Socket } from "node:net";
import { fileURLToPath } from "node:url";
import express from "express";
import { Server, type ServerOptions } from "socket.io";
import { ErrorCode, Limits, Namespaces, type WireError } from "../shared/protocol/index.ts";
import { draftConversationId } from "./auth/tokens.ts";
import type { Publisher } from "./conversation/events.ts";
import { playbookCache } from "./conversation/playbooks.ts";
import { conversationService } from "./conversation/service.ts";
import { conversationWriter } from "./conversation/writer.ts";
import { createDrain } from "./drain.ts";
import { createMailer } from "./email/mailer.ts";
import { createTranscripts } from "./email/transcripts.ts";
import { createMailTransport } from "./email/transport.ts";
import { createMailWorker, type MailWorkerDeps } from "./email/worker.ts";
import { createFollowUpOpener } from "./followups/opener.ts";
import { createSalesCarrier } from "./followups/person-sales.ts";
import { sequenceMailer } from "./followups/sequences.ts";
import { followUpTargets } from "./followups/targets.ts";
import { accountRoutes } from "./http/account.ts";
import { activityRoutes } from "./http/activity.ts";
import { apiKeyRoutes } from "./http/api-keys.ts";
import { plainIds, sameOriginChanges } from "./http/auth.ts";
import { continueRoutes } from "./http/continue.ts";
import { conversationRoutes } from "./http/conversations.ts";
import { emailRoutes } from "./http/email.ts";
import { engageRoutes } from "./http/engage.ts";
import { engageEventRoutes } from "./http/engage-events.ts";
import { followUpRoutes } from "./http/followups.ts";
import { funnelRoutes } from "./http/funnel.ts";
import { ownHeaders } from "./http/headers.ts";
import { inviteRoutes } from "./http/invites.ts";
import { leadRoutes } from "./http/leads.ts";
import { metricsRoutes } from "./http/metrics.ts";
import { openApiRoutes } from "./http/openapi.ts";
import { playbookRoutes } from "./http/playbooks.ts";
import { privacyRoutes } from "./http/privacy.ts";
import { questionRoutes } from "./http/questions.ts";
import { requests } from "./http/requests.ts";
import { errorHandler, routes } from "./http/routes.ts";
import { salesRoutes } from "./http/sales.ts";
import { savedReplyRoutes } from "./http/saved-replies.ts";
import { siteRoutes } from "./http/sites.ts";
import { teamRoutes } from "./http/team.ts";
import { throttle } from "./http/throttle.ts";
import { unsubscribeRoutes } from "./http/unsubscribe.ts";
import { webhookRoutes } from "./http/webhooks.ts";
import { guard } from "./limits/guard.ts";
import { defaultLimits, type Limits as RateLimits } from "./limits/rates.ts";
import { consoleLogger, type Logger, withContext } from "./log.ts";
import { createMetrics } from "./metrics.ts";
import { type DigestDeps, dailyDigests } from "./notify/digest.ts";
import { createNotifier } from "./notify/notifier.ts";
import { replyMailer } from "./notify/replies.ts";
import { createReadiness } from "./readiness.ts";
import { createRouter } from "./routing/router.ts";
import { tabTtlMs } from "./routing/settings.ts";
import type { RoomRelay } from "./store/room-relay.ts";
import type { Store } from "./store/types.ts";
import { connectionSlots } from "./transport/connection-slot.ts";
import { refusal } from "./transport/handle.ts";
import { socketPublisher } from "./transport/publisher.ts";
import { attachRepNamespace, type RepNamespace } from "./transport/rep.ts";
import { rooms } from "./transport/rooms.ts";
import { consoleTabs } from "./transport/sign-out.ts";
import { attachVisitorNamespace, type VisitorNamespace } from "./transport/visitor.ts";
import { createEmitter } from "./webhooks/emitter.ts";
import type { AllowedNetworks } from "./webhooks/targets.ts";
import { createWorker, type WorkerDeps } from "./webhooks/worker.ts";

export interface AppDeps {
  store: Store;
  // The store's install marker when this process started (sites/bootstrap.ts): ready only while it is there.
  installId: string;
  // How often the marker is read with nobody asking /readyz (readiness.ts).
  storeCheckMs?: number;
  // Signs visitor tokens; shared by every process (see index.ts).
  visitorSecret: string;
  demoSiteKey?: string;
  log?: Logger;
  now?: () => number;
  newId?: () => string;
  distDir?: string;
  limits?: Partial<RateLimits>;
  // Behind a reverse proxy, the client's address is the first X-Forwarded-For hop.
  trustProxy?: boolean;
  // socket.io's Redis adapter, so several processes behave as one (store/redis-adapter.ts), whether its pub/sub
  // connections are up (part of /readyz), and the relay of bot turns on the same connections.
  adapter?: ServerOptions["adapter"];
  adapterReady?: () => boolean;
  relay?: RoomRelay;
  // How often routing looks for ring timeouts, maximum waits and reps gone offline; how long a console tab
  // counts as open after its last heartbeat.
  routerTickMs?: number;
  // How long after a rep's last line a visitor who left is emailed it (server/notify/replies.ts; tests shorten it).
  replyDelayMs?: number;
  // The length of a day for follow-up emails' `afterDays` (server/followups/sequences.ts; tests shorten it).
  sequenceDayMs?: number;
  tabTtlMs?: number;
  // When set, GET /metrics wants "Authorization: Bearer <token>".
  metricsToken?: string;
  // Internal networks webhook endpoints may point at (WEBHOOKS_ALLOW_NETWORKS). Unset: public addresses only.
  webhookAllowNetworks?: AllowedNetworks;
  // The webhook worker's clock, retry waits, poll interval, request timeout and host name resolution (tests
  // drive time and name lookups with these).
  webhooks?: Partial<Pick<WorkerDeps, "now" | "backoffMs" | "tickMs" | "timeoutMs" | "resolve">>;
  // Email (docs/email.md): SMTP_URL, MAIL_FROM, PUBLIC_URL (links in emails; default: the address a request came
  // to), and the worker's clock, retry waits and poll interval (tests drive time with these).
  email?: { smtpUrl?: string; from?: string; publicUrl?: string } & Partial<
    Pick<MailWorkerDeps, "now" | "backoffMs" | "tickMs">
  >;
  // The daily digest (server/notify/digest.ts): DIGEST_HOUR_UTC (default 7), and its clock and how often each
  // process looks whether it is due (tests drive time with these).
  digest?: { hourUtc?: number } & Partial<Pick<DigestDeps, "now" | "everyMs">>;
}

const closeGraceMs = 2000;
// The longest a stopping process waits for requests in flight (a stuck one must not keep it from stopping).
const drainMs = 10_000;

export interface App {
  http: HttpServer;
  io: Server;
  // The HTTP routes: the OpenAPI test reads their table to hold the document to every route that takes API keys.
  routes: express.Express;
  close(): Promise<void>;
}

export function createApp(deps: AppDeps): App {
  const log = withContext(deps.log ?? consoleLogger);
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;
  const distDir = deps.distDir ?? fileURLToPath(new URL("../dist", import.meta.url));

  // Built in one direction, each part from those before it: the servers and their namespaces; the store, its
  // metrics, its readiness and webhooks; the conversation's life (the writer, routing, then the service, which tells routing of
  // handoffs); the socket handlers; the HTTP routes.
  const app = express();
  const http = createServer(app);
  // Every TCP connection, websockets included (closeAllConnections knows only HTTP ones), for close() to cut.
  // One listener for all of them (a socket calls it with itself as `this`): no closure kept per connection.
  const connections = new Set<Socket>();
  function forget(this: Socket) {
    connections.delete(this);
  }
  http.on("connection", (c: Socket) => {
    connections.add(c);
    c.on("close", forget);
  });
  // Any origin may open the socket at the transport level; each site's allowed origins are enforced in the
  // /visitor handshake, where the site is known.
  const io = new Server(http, {
    cors: { origin: true },
    maxHttpBufferSize: Limits.maxFrameBytes,
    serveClient: false,
    // With Redis, broadcasts reach the sockets of every process (store/redis-adapter.ts).
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  });
  // socket.io types one Server for all namespaces; each of ours has its own event maps.
  const visitors = io.of(Namespaces.visitor) as unknown as VisitorNamespace;
  const reps = io.of(Namespaces.rep) as unknown as RepNamespace;

  const metrics = createMetrics({ store: deps.store, now, connectedVisitors: () => visitors.sockets.size });
  const store = metrics.instrument(deps.store);
  const drain = createDrain();
  const adapterReady = deps.adapterReady ?? (() => true);
  const readiness = createReadiness({
    store: deps.store,
    installId: deps.installId,
    log,
    // Not ready while draining: a load balancer polling /readyz on a kept-alive connection stops sending work here.
    others: () => (drain.draining ? "draining" : adapterReady() ? null : "pubsub-unavailable"),
    wiped(wiped) {
      metrics.storeWiped(wiped);
      if (!wiped) return;
      // Open sockets hold their site and session from before the wipe. Their connections are closed (as when a
      // process stops, not a socket.io disconnect, which the widget would not reconnect from), and the clients
      // come back through a handshake that reads the store again: refused below while it is wiped.
      for (const s of [...visitors.sockets.values(), ...reps.sockets.values()]) s.conn.close();
    },
    ...(deps.storeCheckMs ? { everyMs: deps.storeCheckMs } : {}),
  });
  // While the store is wiped nothing that reads or writes it is taken: handshakes and API requests are answered
  // UNAVAILABLE, which the widget and the console retry until the data is restored or the server restarted.
  const unavailable: WireError = {
    code: ErrorCode.UNAVAILABLE,
    message: "Briefly unavailable; try again in a moment.",
  };
  for (const nsp of [visitors, reps] as const) {
    nsp.use((_socket, next) => next(readiness.wiped ? refusal(unavailable.code, unavailable.message) : undefined));
  }
  // Webhooks: the worker posts what the emitter enqueues (any process's), apart from every chat.
  const webhookAllowNetworks = deps.webhookAllowNetworks ?? [];
  const webhookWorker = createWorker({
    store,
    log,
    now,
    allowNetworks: webhookAllowNetworks,
    ...deps.webhooks,
    attempted: (ok, gaveUp) => metrics.webhookAttempted(ok, gaveUp),
  });
  const emitter = createEmitter({
    store,
    log,
    now: deps.webhooks?.now ?? now,
    enqueued: () => webhookWorker.kick(),
  });

  // Follow-ups: what reps owe a lead after the chat, read from the same writes as webhook events.
  const followUps = createFollowUpOpener({ store, log, now });
  // Email: enqueued anywhere, sent by the worker of any process (only when SMTP is configured), apart from chats.
  const emailSettings = deps.email ?? {};
  const mailTransport = createMailTransport(emailSettings);
  const mailWorker = mailTransport.configured
    ? createMailWorker({
        store,
        transport: mailTransport,
        log,
        now: emailSettings.now ?? now,
        ...(emailSettings.backoffMs ? { backoffMs: emailSettings.backoffMs } : {}),
        ...(emailSettings.tickMs ? { tickMs: emailSettings.tickMs } : {}),
        attempted: (result) => metrics.emailAttempted(result),
      })
    : null;
  const mailer = createMailer({
    store,
    configured: mailTransport.configured,
    now: emailSettings.now ?? now,
    newId,
    enqueued: () => mailWorker?.kick(),
  });
  const transcripts = createTranscripts({ store, mailer, log });
  // Links in emails sent off any request (a reply to a visitor who left, alerts): PUBLIC_URL, else this process's
  // own address (fine on one machine; docs/email.md says to set PUBLIC_URL).
  const publicUrl = () => emailSettings.publicUrl ?? ownUrl(http);
  const notifier = createNotifier({ store, mailer, consoleUrl: () => `${publicUrl()}/console`, log, now });
  const targets = followUpTargets({ store, notifier, now, log });
  const digests = dailyDigests({
    store,
    mailer,
    followUpsUrl: () => `${publicUrl()}/console#/followups`,
    hourUtc: deps.digest?.hourUtc ?? 7,
    now: deps.digest?.now ?? now,
    log,
    track: (work) => drain.track(work),
    ...(deps.digest?.everyMs ? { everyMs: deps.digest.everyMs } : {}),
  });

  const sockets = socketPublisher(visitors, reps, deps.relay);
  // Every stored message is published once: the count of messages is taken there.
  const publish: Publisher = {
    ...sockets,
    message(m) {
      metrics.message(m.author);
      sockets.message(m);
    },
    messages(lines) {
      for (const m of lines) metrics.message(m.author);
      sockets.messages(lines);
    },
  };
  // What the parts after a write write themselves (a person's status carried to their newest conversation, a
  // sequence's progress, the replies already emailed) is bookkeeping: it goes through a writer that tells no one, so it never feeds back into
  // the parts that made it, and they are built before the writer that tells them.
  const quiet = conversationWriter({ store, now });
  // P6: a returning person's owner and status go to their newest conversation.
  const carrier = createSalesCarrier({ store, writer: quiet, log });
  // Follow-up emails to leads (shared/sequences): started by the closing write, each step fired by routing's tick.
  const sequences = sequenceMailer({
    store,
    writer: quiet,
    mailer,
    playbookOf: playbookCache(store),
    visitorSecret: deps.visitorSecret,
    publicUrl,
    now,
    log,
    ...(deps.sequenceDayMs ? { dayMs: deps.sequenceDayMs } : {}),
  });
  const writer = conversationWriter({
    store,
    now,
    // Every part that acts on a conversation's change, each counted as work in flight: a stopping process finishes
    // them for every write it made (webhook events, follow-ups, transcripts, alerts, a person's status, sequences).
    written: (before, after) => {
      void drain.track(() => emitter.written(before, after));
      void drain.track(() => followUps.written(before, after));
      void drain.track(() => transcripts.written(before, after));
      void drain.track(() => notifier.written(before, after));
      void drain.track(() => carrier.written(before, after));
      void drain.track(() => sequences.written(before, after));
    },
  });
  const replies = replyMailer({
    store,
    writer: quiet,
    mailer,
    // A visitor's chat open in any process (the adapter asks the others).
    visitorPresent: async (id) => (await visitors.in(rooms.conversation(id)).fetchSockets()).length > 0,
    visitorSecret: deps.visitorSecret,
    publicUrl,
    now,
    log,
    ...(deps.replyDelayMs ? { delayMs: deps.replyDelayMs } : {}),
  });
  const router = createRouter({
    store,
    track: (work) => drain.track(work),
    writer,
    publish,
    now,
    log,
    ...(deps.routerTickMs ? { tickMs: deps.routerTickMs } : {}),
    timers: { reply: replies.due, "follow-up": targets.due, sequence: sequences.due },
    breached: (c) => notifier.targetMissed(c, "speed-to-lead", c.id),
  });
  const service = conversationService({
    store,
    writer,
    publish,
    // Routing hears when a lead is queued, accepted or a rep freed; metrics count turns and waits.
    events: {
      ...router.events,
      turned: (c) => metrics.turned(c),
      accepted: (c, ms) => {
        metrics.accepted(ms);
        router.events.accepted(c, ms);
      },
    },
    now,
    draftIdOf: (siteKey, visitorId, after) => draftConversationId(deps.visitorSecret, siteKey, visitorId, after),
    // Off the rep's path: the rep's line is stored whatever happens to the reminder.
    repSaid: (id) =>
      replies
        .repSaid(id)
        .catch((err: unknown) =>
          log.error("reply email not scheduled", { err: err instanceof Error ? err.message : String(err) }),
        ),
  });
  router.start();
  webhookWorker.start();
  readiness.start();
  mailWorker?.start();
  digests.start();

  const limits = guard(store, { ...defaultLimits, ...deps.limits });
  const trustProxy = deps.trustProxy ?? false;
  // Open connections per address, counted per engine session (a bare one included); the namespaces refuse theirs.
  const slots = connectionSlots(io.engine, { store, max: limits.limits.connectionsPerIp, trustProxy });
  const common = { store, service, guard: limits, slots, trustProxy, log, failed: metrics.failed, drain };
  attachVisitorNamespace(visitors, {
    ...common,
    visitorSecret: deps.visitorSecret,
    newId,
    queueChanged: router.queueChanged,
    transcripts,
  });
  attachRepNamespace(reps, { ...common, router, now, tabTtlMs: deps.tabTtlMs ?? tabTtlMs });
  const tabs = consoleTabs(reps, store, log, router);

  app.disable("x-powered-by");
  app.use(requests(log, drain));
  // Every response gets our own pages' security headers; the widget's routes open theirs to other origins.
  app.use(ownHeaders);
  const demo = deps.demoSiteKey ? { demoSiteKey: deps.demoSiteKey } : {};
  // Behind a proxy, req.secure follows X-Forwarded-Proto, so session cookies are Secure behind https.
  if (trustProxy) app.set("trust proxy", 1);
  app.use("/api", (_req, res, next) => (readiness.wiped ? res.status(503).json({ error: unavailable }) : next()));
  // Public, from the site's own pages on other origins: before the console's same-origin check.
  app.use(engageEventRoutes({ store, guard: limits, trustProxy, now }));
  // The widget's behaviour reports come from customers' pages with no cookie: checked by origin and visitor token.
  app.use(
    activityRoutes({
      store,
      service,
      guard: limits,
      visitorSecret: deps.visitorSecret,
      trustProxy: deps.trustProxy ?? false,
    }),
  );
  app.use("/api", sameOriginChanges, plainIds);
  app.use(routes({ store, distDir, readiness, now, playbookOf: playbookCache(store), ...demo }));
  app.use(engageRoutes(store, now));
  app.use(accountRoutes({ store, log, guard: limits, trustProxy, reconnect: tabs.reconnect }));
  app.use(playbookRoutes(store));
  app.use(questionRoutes(store, now));
  // The public API's routes take API keys too (docs/api.md), counted per key.
  const access = { store, rate: limits.limits.apiRequestsPerKey, now };
  // Erasing a visitor ends their open conversation through the service; other waiting visitors hear their place.
  const erase = { service, queueChanged: router.queueChanged, log };
  app.use(openApiRoutes());
  app.use(leadRoutes(store, access, erase));
  app.use(privacyRoutes(store, access, erase));
  app.use(apiKeyRoutes(store, now));
  app.use(savedReplyRoutes(store, now));
  app.use(siteRoutes(store, now));
  app.use(webhookRoutes(store, emitter, webhookAllowNetworks, now));
  app.use(conversationRoutes(store, { now, newId, access }));
  app.use(funnelRoutes(store, now));
  app.use(followUpRoutes(store, now));
  app.use(salesRoutes(store, writer, now));
  app.use(
    inviteRoutes({
      store,
      throttled: throttle(limits, trustProxy),
      now,
      mailer,
      ...(emailSettings.publicUrl ? { publicUrl: emailSettings.publicUrl } : {}),
    }),
  );
  app.use(emailRoutes(store, mailer.configured));
  app.use(continueRoutes(store, { visitorSecret: deps.visitorSecret, now }));
  app.use(unsubscribeRoutes({ visitorSecret: deps.visitorSecret, unsubscribe: sequences.unsubscribe }));
  app.use(teamRoutes({ store, signOut: tabs.signOut, reconnect: tabs.reconnect }));
  app.use("/api", (_req, res) => {
    res.status(404).json({ error: { code: ErrorCode.NOT_FOUND, message: "No such API route." } });
  });
  app.use(errorHandler(log, () => store.isAvailable()));
  app.use(metricsRoutes(metrics, deps.metricsToken));

  return {
    http,
    io,
    routes: app,
    async close() {
      // Stop taking work: no new connections (a load balancer's next attempt goes to another process), /readyz
      // says unavailable, and new requests and socket events are answered UNAVAILABLE, which clients retry.
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      // Then let the work in flight finish, so every acknowledged message is stored and every write completes.
      router.stop();
      readiness.stop();
      digests.stop();
      await drain.start(drainMs);
      await webhookWorker.stop();
      await mailWorker?.stop();
      // Hang up each socket once what was written to it (the last acks) has gone out: socket.io's own close
      // discards unsent packets. Clients see their connection close and reconnect elsewhere. Connections still
      // open after a moment are cut, so closing cannot hang: a browser keeping its connection alive (a console
      // retrying every few seconds never lets it go idle), or a websocket whose client never answers the closing
      // handshake (which the ws library would wait 30 s for).
      const cut = setTimeout(() => {
        for (const c of connections) c.destroy();
      }, closeGraceMs);
      await hangUp(
        [...visitors.sockets.values(), ...reps.sockets.values()].map((s) => s.conn),
        closeGraceMs,
      );
      await io.close();
      await stopped;
      clearTimeout(cut);
    },
  };
}

// Closes engine connections after their pending packets are written, or gives up waiting after ms.
function hangUp(connections: { close(): void; once(event: "close", fn: () => void): unknown }[], ms: number) {
  const closed = [...new Set(connections)].map(
    (c) =>
      new Promise<void>((resolve) => {
        c.once("close", resolve);
        c.close();
      }),
  );
  return Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, ms).unref())]);
}

// This process's own address, for links when PUBLIC_URL is not set: its port, on localhost.
function ownUrl(http: HttpServer): string {
  const address = http.address();
  return `http://localhost:${typeof address === "object" && address ? address.port : 3000}`;
}
