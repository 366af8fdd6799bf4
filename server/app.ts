// The composition root: builds HTTP routes and socket namespaces from injected parts. It never listens; index.ts
// and the tests do (tests on port 0).
import { randomUUID } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import { fileURLToPath } from "node:url";
import express from "express";
import { Server, type ServerOptions } from "socket.io";
import { ErrorCode, Limits, Namespaces } from "../shared/protocol/index.ts";
import { conversationService, type HandoffEvents, type Publisher } from "./conversation/service.ts";
import { accountRoutes } from "./http/account.ts";
import { plainIds, sameOriginChanges } from "./http/auth.ts";
import { conversationRoutes } from "./http/conversations.ts";
import { funnelRoutes } from "./http/funnel.ts";
import { inviteRoutes } from "./http/invites.ts";
import { leadRoutes } from "./http/leads.ts";
import { metricsRoutes } from "./http/metrics.ts";
import { playbookRoutes } from "./http/playbooks.ts";
import { errorHandler, routes } from "./http/routes.ts";
import { siteRoutes } from "./http/sites.ts";
import { teamRoutes } from "./http/team.ts";
import { throttle } from "./http/throttle.ts";
import { webhookRoutes } from "./http/webhooks.ts";
import { defaultLimits, type Limits as RateLimits } from "./limits.ts";
import { consoleLogger, type Logger } from "./log.ts";
import { createMetrics } from "./metrics.ts";
import { createRouter, type Router } from "./routing/router.ts";
import { tabTtlMs } from "./routing/settings.ts";
import type { Store } from "./store/types.ts";
import { guard } from "./transport/guard.ts";
import { socketPublisher } from "./transport/publisher.ts";
import { attachRepNamespace, type RepNamespace } from "./transport/rep.ts";
import { consoleTabs } from "./transport/sign-out.ts";
import { attachVisitorNamespace, type VisitorNamespace } from "./transport/visitor.ts";
import { createEmitter } from "./webhooks/emitter.ts";
import { createWorker, type WorkerDeps } from "./webhooks/worker.ts";

export interface AppDeps {
  store: Store;
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
  // socket.io's Redis adapter, so several processes behave as one (store/redis-adapter.ts), and whether its
  // pub/sub connections are up (part of /readyz).
  adapter?: ServerOptions["adapter"];
  adapterReady?: () => boolean;
  // How often routing looks for ring timeouts, maximum waits and reps gone offline; how long a console tab
  // counts as open after its last heartbeat.
  routerTickMs?: number;
  tabTtlMs?: number;
  // When set, GET /metrics wants "Authorization: Bearer <token>".
  metricsToken?: string;
  // The webhook worker's clock, retry waits, poll interval and request timeout (tests drive time with these).
  webhooks?: Partial<Pick<WorkerDeps, "now" | "backoffMs" | "tickMs" | "timeoutMs">>;
}

const closeGraceMs = 2000;

export interface App {
  http: HttpServer;
  io: Server;
  close(): Promise<void>;
}

export function createApp(deps: AppDeps): App {
  const log = deps.log ?? consoleLogger;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;
  const distDir = deps.distDir ?? fileURLToPath(new URL("../dist", import.meta.url));

  // Webhooks: the worker posts what the emitter enqueues (any process's), apart from every chat.
  const webhookWorker = createWorker({
    store: deps.store,
    log,
    now,
    ...deps.webhooks,
    // The metrics are made below, before the worker starts.
    attempted: (ok, gaveUp) => metrics.webhookAttempted(ok, gaveUp),
  });
  const emitter = createEmitter({
    store: deps.store,
    log,
    now: deps.webhooks?.now ?? now,
    enqueued: () => webhookWorker.kick(),
  });

  const app = express();
  app.disable("x-powered-by");
  const limits = guard(deps.store, { ...defaultLimits, ...deps.limits });
  const trustProxy = deps.trustProxy ?? false;
  const demo = deps.demoSiteKey ? { demoSiteKey: deps.demoSiteKey } : {};
  const ready = deps.adapterReady ?? (() => true);
  // Behind a proxy, req.secure follows X-Forwarded-Proto, so session cookies are Secure behind https.
  if (trustProxy) app.set("trust proxy", 1);
  app.use("/api", sameOriginChanges, plainIds);
  app.use(routes({ store: deps.store, distDir, ready, now, ...demo }));
  // The console's tabs are sockets, made below; these routes only run once the app listens.
  const reconnect = (userId: string) => tabs.reconnect(userId);
  app.use(accountRoutes({ store: deps.store, log, guard: limits, trustProxy, reconnect }));
  app.use(playbookRoutes(deps.store));
  // Erasing a visitor ends their open conversation through the service and routing, built below.
  app.use(
    leadRoutes(deps.store, () => ({
      service,
      queueChanged: (siteKey) => router?.queueChanged(siteKey) ?? Promise.resolve(),
      log,
    })),
  );
  app.use(siteRoutes(deps.store, now));
  app.use(webhookRoutes(deps.store, emitter, now));
  app.use(conversationRoutes(deps.store, { now, newId }));
  app.use(funnelRoutes(deps.store, now));
  app.use(inviteRoutes({ store: deps.store, throttled: throttle(limits, trustProxy), now }));
  app.use(
    teamRoutes({
      store: deps.store,
      signOut: (userId) => tabs.signOut(userId),
      reconnect,
    }),
  );
  app.use("/api", (_req, res) => {
    res.status(404).json({ error: { code: ErrorCode.NOT_FOUND, message: "No such API route." } });
  });
  app.use(errorHandler(log, () => deps.store.isAvailable()));

  const http = createServer(app);
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
  const sockets = socketPublisher(visitors, reps);
  // Every stored message is published once: the count of messages is taken there.
  const publish: Publisher = {
    ...sockets,
    message(m) {
      metrics.message(m.author);
      sockets.message(m);
    },
  };
  // The service tells routing when a lead is queued, accepted or a rep freed; routing drives the service back.
  let router: Router | undefined;
  const events: HandoffEvents = {
    turned: (c) => metrics.turned(c),
    queued: (c) => router?.events.queued(c),
    accepted: (c, ms) => {
      metrics.accepted(ms);
      router?.events.accepted(c, ms);
    },
    freed: (siteKey) => router?.events.freed(siteKey),
  };
  const service = conversationService({
    store: deps.store,
    publish,
    events,
    now,
    newId,
    written: emitter.written,
  });
  router = createRouter({
    store: deps.store,
    service,
    publish,
    now,
    log,
    ...(deps.routerTickMs ? { tickMs: deps.routerTickMs } : {}),
  });
  router.start();
  webhookWorker.start();
  const common = { store: deps.store, service, guard: limits, trustProxy, log, failed: metrics.failed };
  app.use(metricsRoutes(metrics, deps.metricsToken));
  attachVisitorNamespace(visitors, {
    ...common,
    visitorSecret: deps.visitorSecret,
    newId,
    queueChanged: (siteKey) => router?.queueChanged(siteKey) ?? Promise.resolve(),
  });
  attachRepNamespace(reps, { ...common, router, now, tabTtlMs: deps.tabTtlMs ?? tabTtlMs });
  const tabs = consoleTabs(reps, deps.store, log, () => router);

  return {
    http,
    io,
    async close() {
      router?.stop();
      await webhookWorker.stop();
      // socket.io's close also closes the HTTP server, which waits for every connection to end. Requests in flight
      // get a moment to finish; then connections a browser keeps alive (a console retrying its socket every few
      // seconds never lets its connection go idle) are cut, so closing cannot hang.
      const cut = setTimeout(() => http.closeAllConnections(), closeGraceMs);
      await io.close();
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
      clearTimeout(cut);
    },
  };
}
