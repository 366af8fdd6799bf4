// /visitor: the widget's socket. The handshake names a site; the origin must be one the site allows.
import { isDeepStrictEqual } from "node:util";
import type { Namespace, Socket } from "socket.io";
import {
  BanterError,
  ErrorCode,
  type IdentifyRequest,
  type VisitorClientEvents,
  type VisitorIdentity,
  type VisitorServerEvents,
  Limits as WireLimits,
} from "../../shared/protocol/index.ts";
import { signVisitor, verifyVisitor } from "../auth/tokens.ts";
import type { ConversationService } from "../conversation/service.ts";
import type { Drain } from "../drain.ts";
import { clientIp } from "../limits/client-ip.ts";
import type { Guard } from "../limits/guard.ts";
import { addLogFields, type Logger } from "../log.ts";
import { verifyIdentity } from "../sites/identity.ts";
import { isOriginAllowed, isSameHost } from "../sites/origins.ts";
import { limitKeys } from "../store/keys.ts";
import type { LimitsStore, MessagesStore, Site, SitesStore, StoreLife } from "../store/types.ts";
import { takeConnectionSlot } from "./connection-slot.ts";
import { handlerFor, refusal } from "./handle.ts";
import { rooms } from "./rooms.ts";
import { visitorRequests } from "./schemas.ts";

export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents, Record<string, never>, VisitorData>;
type VisitorSocket = Socket<VisitorClientEvents, VisitorServerEvents, Record<string, never>, VisitorData>;

interface VisitorData {
  site: Site;
  ip: string;
  visitorId?: string;
  conversationId?: string;
  // When this socket last relayed "typing" (ms), 0 or absent once it relayed "stopped".
  lastTyping?: number;
}

export interface VisitorDeps {
  // A visitor who comes back while waiting hears their place in line at once (routing/router.ts).
  queueChanged: (siteKey: string) => Promise<void>;
  store: StoreLife & SitesStore & MessagesStore & LimitsStore;
  service: ConversationService;
  guard: Guard;
  visitorSecret: string;
  trustProxy: boolean;
  newId: () => string;
  log: Logger;
  failed?: (code: "UNAVAILABLE" | "INTERNAL") => void;
  drain?: Drain;
}

export function attachVisitorNamespace(nsp: VisitorNamespace, deps: VisitorDeps): void {
  const { store, service, guard, visitorSecret, newId, log } = deps;
  // Every log line about an event names the site, the event and (once joined) the conversation.
  const handle = handlerFor<VisitorClientEvents, VisitorSocket>(
    visitorRequests,
    log,
    () => store.isAvailable(),
    deps.failed,
    deps.drain,
    (socket) => ({
      siteKey: socket.data.site.key,
      conversationId: socket.data.conversationId,
    }),
  );
  const { limits } = guard;

  // The sockets of a site share one copy of it while it is stored unchanged, rather than one each (about 0.6 KB
  // per visitor); a changed site is a new copy for the sockets that connect from then on, as before. One entry
  // per site key seen, kept until the process stops.
  const sites = new Map<string, Site>();
  const shared = (site: Site): Site => {
    const known = sites.get(site.key);
    if (known && isDeepStrictEqual(known, site)) return known;
    sites.set(site.key, site);
    return site;
  };

  nsp.use(async (socket, next) => {
    const siteKey: unknown = socket.handshake.auth?.siteKey;
    if (typeof siteKey !== "string" || siteKey.length === 0 || siteKey.length > WireLimits.siteKey) {
      return next(refusal(ErrorCode.UNKNOWN_SITE, "The chat needs a site key (the data-site attribute)."));
    }
    try {
      const site = await store.getSite(siteKey);
      if (!site) return next(refusal(ErrorCode.UNKNOWN_SITE, `Unknown site key "${siteKey}".`));
      const origin = socket.handshake.headers.origin;
      // Pages on Banter's own origin (the demo page, the console's preview) are ours, so every site allows them.
      const ownOrigin = origin !== undefined && isSameHost(origin, socket.handshake.headers.host);
      if (!ownOrigin && !isOriginAllowed(site.allowedOrigins, origin)) {
        log.warn("origin refused", { siteKey, origin: origin ?? "none" });
        return next(
          refusal(ErrorCode.FORBIDDEN_ORIGIN, `This site does not allow chat from ${origin ?? "an unknown origin"}.`),
        );
      }
      const ip = clientIp(socket.handshake.address, socket.handshake.headers["x-forwarded-for"], deps.trustProxy);
      if (!(await takeConnectionSlot(store, limits.connectionsPerIp, socket, ip, Date.now()))) {
        return next(
          refusal(ErrorCode.RATE_LIMITED, "Too many open chats from your network; close some and try again."),
        );
      }
      socket.data.site = shared(site);
      socket.data.ip = ip;
      next();
    } catch (err) {
      log.error("visitor handshake failed", { err: err instanceof Error ? err.message : String(err) });
      next(refusal(ErrorCode.UNAVAILABLE, "The chat is briefly unavailable; retrying."));
    }
  });

  // The handlers below are made once for the namespace and take the socket (handle.ts): a connection adds only
  // its entries in socket.io's listener table.
  const joined = (socket: VisitorSocket): { conversationId: string; visitorId: string } => {
    const { conversationId, visitorId } = socket.data;
    if (!conversationId || !visitorId) throw new BanterError(ErrorCode.NOT_JOINED, "Join the conversation first.");
    return { conversationId, visitorId };
  };

  // page:view and visitor:identify are counted per conversation and per address, apart from messages, so a
  // single-page app's navigation never uses up the visitor's message allowance.
  const eventGuard = (socket: VisitorSocket, conversationId: string) =>
    guard.check([
      [limitKeys.conversationEvents(conversationId), limits.visitorEventsPerConversation],
      [limitKeys.ipEvents(socket.data.ip), limits.messagesPerIp],
    ]);

  // The claim checked against the site's secret as stored now (not as it was at the handshake), so a rotated
  // secret stops old hashes at once. The secret itself never leaves this function.
  const identify = async (
    siteKey: string,
    conversationId: string,
    claim: IdentifyRequest,
  ): Promise<VisitorIdentity> => {
    const identity = verifyIdentity((await store.getSite(siteKey))?.identitySecret, claim);
    await service.identify(conversationId, identity);
    return identity;
  };

  const join = handle("conversation:join", async (req, socket) => {
    const { site, ip } = socket.data;
    await guard.check([[limitKeys.ipJoins(ip), limits.joinsPerIp]]);
    // A token that does not verify (guessed, tampered, another server's) is a new visitor: it reaches nothing.
    const known = req.visitorToken ? verifyVisitor(visitorSecret, req.visitorToken) : null;
    const visitorId = known ?? newId();
    const opened = await service.open(
      site,
      visitorId,
      req.pageUrl,
      req.startNew ?? false,
      req.timeZone,
      req.pagesBefore,
      req.source,
    );
    if (req.identity) await identify(site.key, opened.id, req.identity);
    if (socket.data.conversationId && socket.data.conversationId !== opened.id) {
      await socket.leave(rooms.conversation(socket.data.conversationId));
    }
    socket.data.conversationId = opened.id;
    addLogFields({ conversationId: opened.id });
    socket.data.visitorId = visitorId;
    // Join before reading, so nothing said in between is missed (the client dedupes by seq).
    await socket.join(rooms.conversation(opened.id));
    const messages = await store.listMessages(opened.id, req.lastSeq);
    const conversation = await service.view(await service.get(opened.id));
    if (conversation.status === "queued") {
      deps
        .queueChanged(site.key)
        .catch((err: unknown) =>
          log.error("queue update failed", { err: err instanceof Error ? err.message : String(err) }),
        );
    }
    return { visitorToken: signVisitor(visitorSecret, visitorId), conversation, messages };
  });

  const send = handle("message:send", async (req, socket) => {
    const { site, ip } = socket.data;
    const { conversationId, visitorId } = joined(socket);
    const allowed = guard.check([
      [limitKeys.visitorMessages(site.key, visitorId), limits.messagesPerVisitor],
      [limitKeys.ipMessages(ip), limits.messagesPerIp],
      [limitKeys.siteMessages(site.key), limits.messagesPerSite],
    ]);
    try {
      return { message: await service.visitorSays(conversationId, req, allowed) };
    } catch (err) {
      // A resend of a stored message (after a reload, from another tab) is not new traffic: it gets its
      // stored copy, even over the limit. Looked up only here, so the usual path costs nothing more.
      if (!(err instanceof BanterError && err.code === ErrorCode.RATE_LIMITED)) throw err;
      const stored = await store.findMessage(conversationId, req.clientId);
      if (stored) return { message: stored };
      throw err;
    }
  });

  // Typing is not stored and not counted: a "typing" repeated faster than twice a second is dropped; a "stopped"
  // always goes through, and never delays the next "typing".
  const typing = handle("typing:set", async (req, socket) => {
    const { conversationId } = joined(socket);
    const now = Date.now();
    const lastTyping = socket.data.lastTyping ?? 0;
    if (!req.typing) {
      // Relayed only after a "typing": a flood of "stopped" reaches nobody.
      if (lastTyping > 0) service.typing({ conversationId, author: "visitor", typing: false });
      socket.data.lastTyping = 0;
    } else if (now - lastTyping >= 500) {
      socket.data.lastTyping = now;
      service.typing({ conversationId, author: "visitor", typing: true });
    }
    return {};
  });

  const view = handle("page:view", async (req, socket) => {
    const { conversationId } = joined(socket);
    await eventGuard(socket, conversationId);
    const c = await service.get(conversationId);
    // A closed conversation's trail is what the rep saw; later pages belong to the next conversation.
    if (c.status !== "closed") await service.trackPage(c, req.pageUrl);
    return {};
  });

  // The ack says what this claim was judged (verified or not), never the identity stored before it: a visitor
  // cannot read back who someone else was.
  const identifyEvent = handle("visitor:identify", async (req, socket) => {
    const { conversationId } = joined(socket);
    await eventGuard(socket, conversationId);
    return { identity: await identify(socket.data.site.key, conversationId, req) };
  });

  const close = handle("conversation:close", async (_req, socket) => ({
    conversation: await service.view(await service.close(joined(socket).conversationId, { visitor: true })),
  }));

  nsp.on("connection", (socket) => {
    socket.on("conversation:join", join);
    socket.on("message:send", send);
    socket.on("typing:set", typing);
    socket.on("page:view", view);
    socket.on("visitor:identify", identifyEvent);
    socket.on("conversation:close", close);
  });
}
