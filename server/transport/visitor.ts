// /visitor: the widget's socket. The handshake names a site; the origin must be one the site allows.
import type { Namespace } from "socket.io";
import {
  BanterError,
  ErrorCode,
  Limits,
  type VisitorClientEvents,
  type VisitorServerEvents,
} from "../../shared/protocol/index.ts";
import { signVisitor, verifyVisitor } from "../auth/tokens.ts";
import type { ConversationService } from "../conversation/service.ts";
import type { Logger } from "../log.ts";
import { isOriginAllowed, isSameHost } from "../sites/origins.ts";
import type { Site, Store } from "../store/types.ts";
import { handle, refusal } from "./handle.ts";
import { rooms } from "./rooms.ts";
import { empty, joinRequest, visitorSend } from "./schemas.ts";

export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents, Record<string, never>, VisitorData>;

interface VisitorData {
  site: Site;
  conversationId?: string;
}

export interface VisitorDeps {
  store: Store;
  service: ConversationService;
  visitorSecret: string;
  newId: () => string;
  log: Logger;
}

export function attachVisitorNamespace(
  nsp: VisitorNamespace,
  { store, service, visitorSecret, newId, log }: VisitorDeps,
): void {
  nsp.use(async (socket, next) => {
    const siteKey: unknown = socket.handshake.auth?.siteKey;
    if (typeof siteKey !== "string" || siteKey.length === 0 || siteKey.length > Limits.siteKey) {
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
      socket.data.site = site;
      next();
    } catch (err) {
      log.error("visitor handshake failed", { err: err instanceof Error ? err.message : String(err) });
      next(refusal(ErrorCode.INTERNAL, "The chat is unavailable right now."));
    }
  });

  nsp.on("connection", (socket) => {
    const joined = (): string => {
      const id = socket.data.conversationId;
      if (!id) throw new BanterError(ErrorCode.NOT_JOINED, "Join the conversation first.");
      return id;
    };

    socket.on(
      "conversation:join",
      handle(log, "conversation:join", joinRequest, async (req) => {
        const known = req.visitorToken ? verifyVisitor(visitorSecret, req.visitorToken) : null;
        const visitorId = known ?? newId();
        const opened = await service.open(socket.data.site, visitorId, req.pageUrl);
        if (socket.data.conversationId && socket.data.conversationId !== opened.id) {
          await socket.leave(rooms.conversation(socket.data.conversationId));
        }
        socket.data.conversationId = opened.id;
        // Join before reading, so nothing said in between is missed (the client dedupes by seq).
        await socket.join(rooms.conversation(opened.id));
        const messages = await store.listMessages(opened.id, req.lastSeq);
        const conversation = await service.view(await service.get(opened.id));
        return { visitorToken: signVisitor(visitorSecret, visitorId), conversation, messages };
      }),
    );

    socket.on(
      "message:send",
      handle(log, "message:send", visitorSend, async (req) => ({ message: await service.visitorSays(joined(), req) })),
    );

    socket.on(
      "conversation:close",
      handle(log, "conversation:close", empty, async () => ({
        conversation: await service.view(await service.close(joined(), { visitor: true })),
      })),
    );
  });
}
