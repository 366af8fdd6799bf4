// /visitor: the widget's socket. The handshake names a site; the origin must be one the site allows.
import type { Namespace } from "socket.io";
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
import { visitorEventsKey, visitorMessagesKey } from "../limits.ts";
import { addLogFields, type Logger, withLogFields } from "../log.ts";
import { verifyIdentity } from "../sites/identity.ts";
import { isOriginAllowed, isSameHost } from "../sites/origins.ts";
import type { Site, Store } from "../store/types.ts";
import { clientIp, type Guard, takeConnectionSlot } from "./guard.ts";
import { handlerFor, refusal } from "./handle.ts";
import { rooms } from "./rooms.ts";
import { empty, identifyRequest, joinRequest, pageView, visitorSend, visitorTyping } from "./schemas.ts";

export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents, Record<string, never>, VisitorData>;

interface VisitorData {
  site: Site;
  ip: string;
  visitorId?: string;
  conversationId?: string;
}

export interface VisitorDeps {
  // A visitor who comes back while waiting hears their place in line at once (routing/router.ts).
  queueChanged: (siteKey: string) => Promise<void>;
  store: Store;
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
  const handle = handlerFor(log, () => store.isAvailable(), deps.failed, deps.drain);
  const { limits } = guard;

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
      socket.data.site = site;
      socket.data.ip = ip;
      next();
    } catch (err) {
      log.error("visitor handshake failed", { err: err instanceof Error ? err.message : String(err) });
      next(refusal(ErrorCode.UNAVAILABLE, "The chat is briefly unavailable; retrying."));
    }
  });

  nsp.on("connection", (socket) => {
    const { site, ip } = socket.data;
    // Every log line about an event names the site, the event and (once joined) the conversation.
    socket.use(([event], next) =>
      withLogFields(
        { siteKey: site.key, event: String(event).slice(0, 40), conversationId: socket.data.conversationId },
        next,
      ),
    );

    const joined = (): { conversationId: string; visitorId: string } => {
      const { conversationId, visitorId } = socket.data;
      if (!conversationId || !visitorId) throw new BanterError(ErrorCode.NOT_JOINED, "Join the conversation first.");
      return { conversationId, visitorId };
    };

    // page:view and visitor:identify are counted per conversation and per address, apart from messages, so a
    // single-page app's navigation never uses up the visitor's message allowance.
    const eventGuard = (conversationId: string) =>
      guard.check([
        [visitorEventsKey(conversationId), limits.visitorEventsPerConversation],
        [`event:ip:${ip}`, limits.messagesPerIp],
      ]);

    // The claim checked against the site's secret as stored now (not as it was at the handshake), so a rotated
    // secret stops old hashes at once. The secret itself never leaves this function.
    const identify = async (conversationId: string, claim: IdentifyRequest): Promise<VisitorIdentity> => {
      const identity = verifyIdentity((await store.getSite(site.key))?.identitySecret, claim);
      await service.identify(conversationId, identity);
      return identity;
    };

    socket.on(
      "conversation:join",
      handle("conversation:join", joinRequest, async (req) => {
        await guard.check([[`join:ip:${ip}`, limits.joinsPerIp]]);
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
        if (req.identity) await identify(opened.id, req.identity);
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
      }),
    );

    socket.on(
      "message:send",
      handle("message:send", visitorSend, async (req) => {
        const { conversationId, visitorId } = joined();
        const allowed = guard.check([
          [visitorMessagesKey(site.key, visitorId), limits.messagesPerVisitor],
          [`msg:ip:${ip}`, limits.messagesPerIp],
          [`msg:site:${site.key}`, limits.messagesPerSite],
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
      }),
    );

    // Typing is not stored and not counted: a "typing" repeated faster than twice a second is dropped; a "stopped"
    // always goes through, and never delays the next "typing".
    let lastTyping = 0;
    socket.on(
      "typing:set",
      handle("typing:set", visitorTyping, async (req) => {
        const { conversationId } = joined();
        const now = Date.now();
        if (!req.typing) {
          // Relayed only after a "typing": a flood of "stopped" reaches nobody.
          if (lastTyping > 0) service.typing({ conversationId, author: "visitor", typing: false });
          lastTyping = 0;
        } else if (now - lastTyping >= 500) {
          lastTyping = now;
          service.typing({ conversationId, author: "visitor", typing: true });
        }
        return {};
      }),
    );

    socket.on(
      "page:view",
      handle("page:view", pageView, async (req) => {
        const { conversationId } = joined();
        await eventGuard(conversationId);
        const c = await service.get(conversationId);
        // A closed conversation's trail is what the rep saw; later pages belong to the next conversation.
        if (c.status !== "closed") await service.trackPage(c, req.pageUrl);
        return {};
      }),
    );

    // The ack says what this claim was judged (verified or not), never the identity stored before it: a visitor
    // cannot read back who someone else was.
    socket.on(
      "visitor:identify",
      handle("visitor:identify", identifyRequest, async (req) => {
        const { conversationId } = joined();
        await eventGuard(conversationId);
        return { identity: await identify(conversationId, req) };
      }),
    );

    socket.on(
      "conversation:close",
      handle("conversation:close", empty, async () => ({
        conversation: await service.view(await service.close(joined().conversationId, { visitor: true })),
      })),
    );
  });
}
