// /visitor: the widget's socket. The handshake names a site; the origin must be one the site allows.
import { isDeepStrictEqual } from "node:util";
import type { Namespace, Socket } from "socket.io";
import { hasEnded, notRatable } from "../../shared/lifecycle/index.ts";
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
import { type Draft, draftIdentified, draftPage } from "../conversation/drafts.ts";
import type { ConversationService } from "../conversation/service.ts";
import type { Drain } from "../drain.ts";
import type { Transcripts } from "../email/transcripts.ts";
import { clientIp } from "../limits/client-ip.ts";
import { counted, type Guard } from "../limits/guard.ts";
import { addLogFields, type Logger } from "../log.ts";
import { verifyIdentity } from "../sites/identity.ts";
import { isOriginAllowed, isSameHost } from "../sites/origins.ts";
import { limitKeys } from "../store/keys.ts";
import type { LimitsStore, MessagesStore, Site, SitesStore, StoreLife } from "../store/types.ts";
import type { ConnectionSlots } from "./connection-slot.ts";
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
  // The conversation this visitor has opened but not written in yet (conversation/service.ts Draft): nothing is
  // stored until they do.
  draft?: Draft;
  // A draft this socket closed unused, or that ended for it (closed by another tab): its events are answered as
  // for a closed conversation, though nothing was stored.
  endedDraft?: string;
  // When this socket last relayed "typing" (ms), 0 or absent once it relayed "stopped".
  lastTyping?: number;
  // Its messages still being handled: a close waits for them, so "End chat" pressed right after a message ends
  // the conversation that message is in, never a draft the message then stores anew.
  sending?: Set<Promise<unknown>>;
}

export interface VisitorDeps {
  // A visitor who comes back while waiting hears their place in line at once (routing/router.ts).
  queueChanged: (siteKey: string) => Promise<void>;
  store: StoreLife & SitesStore & MessagesStore & LimitsStore;
  service: ConversationService;
  guard: Guard;
  slots: ConnectionSlots;
  visitorSecret: string;
  trustProxy: boolean;
  newId: () => string;
  log: Logger;
  failed?: (code: "UNAVAILABLE" | "INTERNAL") => void;
  drain?: Drain;
  // "Email me this transcript" (server/email/transcripts.ts).
  transcripts: Pick<Transcripts, "recipient" | "request">;
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
      if (!(await deps.slots.taken(socket.conn))) {
        return next(
          refusal(ErrorCode.RATE_LIMITED, "Too many open chats from your network; close some and try again."),
        );
      }
      socket.data.site = shared(site);
      socket.data.ip = clientIp(socket.handshake.address, socket.handshake.headers["x-forwarded-for"], deps.trustProxy);
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
  // single-page app's navigation never uses up the visitor's message allowance. Counted before any other work, so
  // every attempt counts, one refused later (CONFLICT) too: refusals cannot be repeated for free.
  const eventGuard = (socket: VisitorSocket, conversationId: string) =>
    guard.check([
      [limitKeys.conversationEvents(conversationId), limits.visitorEventsPerConversation],
      [limitKeys.ipEvents(socket.data.ip), limits.messagesPerIp],
    ]);

  // The claim checked against the site's secret as stored now (not as it was at the handshake), so a rotated
  // secret stops old hashes at once. The secret itself never leaves this function.
  // The socket's draft while it is one. Another tab may have stored it meanwhile: the socket then follows the
  // stored conversation. Read only while a socket keeps a draft.
  const draftOf = async (socket: VisitorSocket, conversationId: string): Promise<Draft | undefined> => {
    const { draft } = socket.data;
    if (draft?.id !== conversationId) return undefined;
    if (!(await service.stored(draft))) return draft;
    socket.data.draft = undefined;
    return undefined;
  };

  const identify = async (
    socket: VisitorSocket,
    siteKey: string,
    conversationId: string,
    claim: IdentifyRequest,
  ): Promise<VisitorIdentity> => {
    const identity = verifyIdentity((await store.getSite(siteKey))?.identitySecret, claim);
    const draft = await draftOf(socket, conversationId);
    if (draft) socket.data.draft = draftIdentified(draft, identity);
    else if (socket.data.endedDraft !== conversationId) await service.identify(conversationId, identity);
    return identity;
  };

  const join = handle("conversation:join", async (req, socket) => {
    const { site, ip } = socket.data;
    await guard.check([
      [limitKeys.ipJoins(ip), limits.joinsPerIp],
      [limitKeys.siteJoins(site.key), limits.joinsPerSite],
    ]);
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
      req.trigger,
      req.behaviour,
    );
    const id = "draft" in opened ? opened.draft.id : opened.conversation.id;
    if (socket.data.conversationId && socket.data.conversationId !== id) {
      await socket.leave(rooms.conversation(socket.data.conversationId));
    }
    socket.data.conversationId = id;
    addLogFields({ conversationId: id });
    socket.data.visitorId = visitorId;
    socket.data.draft = "draft" in opened ? opened.draft : undefined;
    socket.data.endedDraft = undefined;
    const visitorToken = signVisitor(visitorSecret, visitorId);
    // Join before reading, so nothing said in between is missed (the client dedupes by seq).
    await socket.join(rooms.conversation(id));
    if ("draft" in opened) {
      if (req.identity) await identify(socket, site.key, id, req.identity);
      const { view, messages } = await service.drafted(socket.data.draft ?? opened.draft);
      return { visitorToken, conversation: view, messages: messages.filter((m) => m.seq > req.lastSeq) };
    }
    if (req.identity) await identify(socket, site.key, id, req.identity);
    const messages = await store.listMessages(id, req.lastSeq);
    const conversation = await service.view(await service.get(id));
    if (conversation.status === "queued") {
      deps
        .queueChanged(site.key)
        .catch((err: unknown) =>
          log.error("queue update failed", { err: err instanceof Error ? err.message : String(err) }),
        );
    }
    return { visitorToken, conversation, messages };
  });

  const send = handle("message:send", (req, socket) => {
    socket.data.sending ??= new Set();
    const sending = socket.data.sending;
    const done = sendNow(req, socket);
    sending.add(done);
    const settled = () => sending.delete(done);
    done.then(settled, settled);
    return done;
  });

  async function sendNow(req: Parameters<VisitorClientEvents["message:send"]>[0], socket: VisitorSocket) {
    const { site, ip } = socket.data;
    const { conversationId, visitorId } = joined(socket);
    if (socket.data.endedDraft === conversationId) throw hasEnded();
    // Counted by the turn: in its write when it knows the conversation (one round trip), else while it reads it.
    const allowed = guard.deferred([
      [limitKeys.visitorMessages(site.key, visitorId), limits.messagesPerVisitor],
      [limitKeys.ipMessages(ip), limits.messagesPerIp],
      [limitKeys.siteMessages(site.key), limits.messagesPerSite],
    ]);
    try {
      const { draft } = socket.data;
      if (draft?.id !== conversationId) return { message: await service.visitorSays(conversationId, req, allowed) };
      // H3: the first thing the visitor says stores their conversation (with the bot's answer, in one write that
      // counts the limits, unless another tab stored it first).
      const begun = await service.begin(draft, req, allowed).catch((err: unknown) => {
        // Closed by another tab meanwhile: ended for this one too. Any other failure keeps the draft to retry.
        if (err instanceof BanterError && err.code === ErrorCode.CLOSED) {
          socket.data.draft = undefined;
          socket.data.endedDraft = draft.id;
        }
        throw err;
      });
      socket.data.draft = undefined;
      if ("message" in begun) return { message: begun.message };
      return { message: await service.visitorSays(begun.conversation.id, req, counted, begun) };
    } catch (err) {
      // A resend of a stored message (after a reload, from another tab) is not new traffic: it gets its
      // stored copy, even over the limit. Looked up only here, so the usual path costs nothing more.
      if (!(err instanceof BanterError && err.code === ErrorCode.RATE_LIMITED)) throw err;
      const stored = await store.findMessage(conversationId, req.clientId);
      if (stored) return { message: stored };
      throw err;
    }
  }

  // Typing is not stored and not counted: a "typing" repeated faster than twice a second is dropped; a "stopped"
  // always goes through, and never delays the next "typing".
  const typing = handle("typing:set", async (req, socket) => {
    const { conversationId } = joined(socket);
    // Nobody watches a conversation that is not stored yet.
    if (socket.data.draft?.id === conversationId) return {};
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
    const draft = await draftOf(socket, conversationId);
    if (draft) {
      socket.data.draft = draftPage(draft, req.pageUrl);
      return {};
    }
    if (socket.data.endedDraft === conversationId) return {};
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
    return { identity: await identify(socket, socket.data.site.key, conversationId, req) };
  });

  // Enqueued only (the email worker sends): the ack says where it goes, whether or not SMTP is set up.
  const transcript = handle("transcript:email", async (req, socket) => {
    const { conversationId } = joined(socket);
    // A chat never written in has nothing to send.
    if ((await draftOf(socket, conversationId)) || socket.data.endedDraft === conversationId)
      throw new BanterError(ErrorCode.BAD_REQUEST, "There is nothing to send yet.");
    const c = await service.get(conversationId);
    // Counted once there is somewhere to send it: a visitor asked for their address first keeps their tries.
    const to = await deps.transcripts.recipient(c, req.email);
    await guard.check(
      [
        [limitKeys.conversationTranscripts(conversationId), limits.transcriptsPerConversation],
        [limitKeys.ipTranscripts(socket.data.ip), limits.transcriptsPerIp],
      ],
      (ms) => `That's a few emails already; try again in ${Math.max(1, Math.ceil(ms / 60_000))} min.`,
    );
    return deps.transcripts.request(c, to);
  });

  // L13. Counted first like the other events; a chat never written in was the bot's alone.
  const rate = handle("conversation:rate", async (req, socket) => {
    const { conversationId } = joined(socket);
    await guard.check([
      [limitKeys.conversationRatings(conversationId), limits.ratingsPerConversation],
      [limitKeys.ipEvents(socket.data.ip), limits.messagesPerIp],
    ]);
    if ((await draftOf(socket, conversationId)) || socket.data.endedDraft === conversationId) throw notRatable();
    return { conversation: await service.view(await service.rate(conversationId, req)) };
  });

  const close = handle("conversation:close", async (_req, socket) => {
    if (socket.data.sending?.size) await Promise.allSettled(socket.data.sending);
    const { conversationId } = joined(socket);
    const draft = await draftOf(socket, conversationId);
    if (!draft) {
      if (socket.data.endedDraft === conversationId) throw hasEnded();
      return { conversation: await service.view(await service.close(conversationId, { visitor: true })) };
    }
    // Closing a chat never written in leaves nothing behind: the draft is dropped.
    socket.data.draft = undefined;
    socket.data.endedDraft = draft.id;
    return { conversation: (await service.drafted(draft, true)).view };
  });

  nsp.on("connection", (socket) => {
    socket.on("conversation:join", join);
    socket.on("message:send", send);
    socket.on("typing:set", typing);
    socket.on("page:view", view);
    socket.on("visitor:identify", identifyEvent);
    socket.on("conversation:close", close);
    socket.on("transcript:email", transcript);
    socket.on("conversation:rate", rate);
  });
}
