// /rep: the console's socket. The handshake carries a login token; a rep joins the rooms of every site's offers.
import type { Namespace } from "socket.io";
import {
  BanterError,
  type ConversationDetail,
  ErrorCode,
  type RepClientEvents,
  type RepServerEvents,
  type RepUser,
} from "../../shared/protocol/index.ts";
import { tokenHash } from "../auth/tokens.ts";
import type { ConversationService } from "../conversation/service.ts";
import type { Logger } from "../log.ts";
import type { Conversation, Store } from "../store/types.ts";
import { clientIp, type Guard } from "./guard.ts";
import { handlerFor, refusal } from "./handle.ts";
import { rooms } from "./rooms.ts";
import { conversationGet, conversationRead, conversationRef, empty, repSend, repTyping } from "./schemas.ts";

export type RepNamespace = Namespace<RepClientEvents, RepServerEvents, Record<string, never>, RepData>;

interface RepData {
  user: RepUser;
  ip: string;
}

export interface RepDeps {
  store: Store;
  service: ConversationService;
  guard: Guard;
  trustProxy: boolean;
  log: Logger;
}

const slotTtlMs = 3_600_000;

export function attachRepNamespace(nsp: RepNamespace, { store, service, guard, trustProxy, log }: RepDeps): void {
  const handle = handlerFor(log, () => store.isAvailable());
  const { limits } = guard;
  nsp.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    try {
      const userId =
        typeof token === "string" && token.length <= 512 ? await store.getAuthSession(tokenHash(token)) : null;
      const user = userId ? await store.getUser(userId) : null;
      if (!user) return next(refusal(ErrorCode.UNAUTHORIZED, "Your session has expired. Log in again."));
      const ip = clientIp(socket.handshake.address, socket.handshake.headers["x-forwarded-for"], trustProxy);
      if (!(await store.acquireSlot(`conn:${ip}`, limits.connectionsPerIp, slotTtlMs))) {
        return next(refusal(ErrorCode.RATE_LIMITED, "Too many open connections from your network."));
      }
      socket.data.user = { id: user.id, email: user.email, name: user.name, role: user.role };
      socket.data.ip = ip;
      next();
    } catch (err) {
      log.error("rep handshake failed", { err: err instanceof Error ? err.message : String(err) });
      next(refusal(ErrorCode.UNAVAILABLE, "The console is briefly unavailable; retrying."));
    }
  });

  nsp.on("connection", (socket) => {
    const me = socket.data.user;
    socket.on("disconnect", () => {
      store.releaseSlot(`conn:${socket.data.ip}`).catch(() => {});
    });
    // Every rep sees every site's offers for now; per-site teams come with the console's team settings.
    // Handlers are registered at once (events arriving before registration would be dropped) and wait for this.
    const sitesJoined = store
      .listSites()
      .then(async (sites) => {
        await socket.join(sites.map((s) => rooms.siteReps(s.key)));
        return sites;
      })
      .catch((err: unknown) => {
        log.error("rep room join failed", { err: err instanceof Error ? err.message : String(err) });
        return [];
      });

    async function detail(c: Conversation, lastSeq: number): Promise<ConversationDetail> {
      await socket.join(rooms.conversation(c.id));
      const [lead, conversation, messages] = await Promise.all([
        service.lead(c),
        service.view(c),
        store.listMessages(c.id, lastSeq),
      ]);
      return { lead, conversation, messages };
    }

    socket.on(
      "inbox:get",
      handle("inbox:get", empty, async () => {
        const sites = await sitesJoined;
        const queued = (await Promise.all(sites.map((s) => store.listQueue(s.key)))).flat();
        const mine = await store.listRepConversations(me.id);
        const load = async (ids: string[]) =>
          (await Promise.all(ids.map((id) => store.getConversation(id)))).filter((c): c is Conversation => c !== null);
        const [offers, conversations] = await Promise.all([load(queued), load(mine)]);
        await socket.join(conversations.map((c) => rooms.conversation(c.id)));
        return {
          me,
          offers: await Promise.all(offers.map(service.lead)),
          conversations: await Promise.all(conversations.map(service.lead)),
        };
      }),
    );

    socket.on(
      "offer:accept",
      handle("offer:accept", conversationRef, async (req) => detail(await service.accept(req.conversationId, me), 0)),
    );

    socket.on(
      "conversation:get",
      handle("conversation:get", conversationGet, async (req) => {
        const c = await service.get(req.conversationId);
        if (c.repId !== me.id && me.role !== "owner") {
          throw new BanterError(ErrorCode.FORBIDDEN, "This conversation is not yours.");
        }
        return detail(c, req.lastSeq);
      }),
    );

    socket.on(
      "message:send",
      handle("message:send", repSend, async (req) => {
        await guard.check([[`msg:rep:${me.id}`, limits.messagesPerRep]]);
        return { message: await service.repSays(req.conversationId, me, req.clientId, req.text) };
      }),
    );

    socket.on(
      "typing:set",
      handle("typing:set", repTyping, async (req) => {
        await service.repTyping(req.conversationId, me, req.typing);
        return {};
      }),
    );

    socket.on(
      "conversation:read",
      handle("conversation:read", conversationRead, async (req) => ({
        conversation: await service.view(await service.markRead(req.conversationId, me, req.seq)),
      })),
    );

    socket.on(
      "conversation:close",
      handle("conversation:close", conversationRef, async (req) => ({
        conversation: await service.view(await service.close(req.conversationId, { rep: me })),
      })),
    );
  });
}
