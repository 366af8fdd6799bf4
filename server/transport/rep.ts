// /rep: the console's socket. The handshake carries the session (cookie, or auth.token for scripts); a rep joins the rooms of every site's offers.
import type { Namespace } from "socket.io";
import { cannotTake } from "../../shared/lifecycle/index.ts";
import {
  type AckFn,
  BanterError,
  type ConversationDetail,
  ErrorCode,
  type RepClientEvents,
  type RepServerEvents,
  type RepUser,
} from "../../shared/protocol/index.ts";
import { eligible } from "../../shared/routing/index.ts";
import { sessionToken, sessionUser } from "../auth/session.ts";
import type { ConversationService } from "../conversation/service.ts";
import type { Drain } from "../drain.ts";
import { clientIp } from "../limits/client-ip.ts";
import type { Guard } from "../limits/guard.ts";
import type { Rate } from "../limits/rates.ts";
import { type Logger, withLogFields } from "../log.ts";
import { presenceView, type TeamStore, team } from "../routing/presence.ts";
import type { Router } from "../routing/router.ts";
import { routingOf } from "../routing/settings.ts";
import { isSameHost } from "../sites/origins.ts";
import { limitKeys } from "../store/keys.ts";
import type {
  Conversation,
  ConversationsStore,
  LimitsStore,
  MessagesStore,
  SitesStore,
  StoreLife,
} from "../store/types.ts";
import type { ConnectionSlots } from "./connection-slot.ts";
import { handlerFor, refusal } from "./handle.ts";
import { rooms } from "./rooms.ts";
import { repRequests } from "./schemas.ts";

// Events that reach every rep's console (a presence change, re-offers) or read every served site's queue.
const fanOut = new Set(["presence:set", "inbox:get", "team:get"]);
const tooMany = (ms: number) =>
  `Too many requests from this console; try again in ${Math.max(1, Math.ceil(ms / 1000))} s.`;

export type RepNamespace = Namespace<RepClientEvents, RepServerEvents, Record<string, never>, RepData>;

interface RepData {
  user: RepUser;
  ip: string;
  // The sites this rep serves; absent: all.
  siteKeys?: string[];
}

export interface RepDeps {
  store: StoreLife & SitesStore & ConversationsStore & MessagesStore & LimitsStore & TeamStore;
  service: ConversationService;
  guard: Guard;
  slots: ConnectionSlots;
  trustProxy: boolean;
  log: Logger;
  router: Router;
  now: () => number;
  tabTtlMs: number;
  failed?: (code: "UNAVAILABLE" | "INTERNAL") => void;
  drain?: Drain;
}

export function attachRepNamespace(
  nsp: RepNamespace,
  { store, service, guard, slots, trustProxy, log, router, now, tabTtlMs, failed, drain }: RepDeps,
): void {
  const handle = handlerFor<RepClientEvents>(repRequests, log, () => store.isAvailable(), failed, drain);
  const { limits } = guard;
  nsp.use(async (socket, next) => {
    const { headers } = socket.handshake;
    const found = sessionToken({ cookie: headers.cookie, token: socket.handshake.auth?.token });
    // A cookie rides along on a socket any page opens: only the console's own pages may use it.
    if (found?.viaCookie && headers.origin && !isSameHost(headers.origin, headers.host)) {
      return next(refusal(ErrorCode.FORBIDDEN_ORIGIN, "Not from this console."));
    }
    try {
      const user = found ? await sessionUser(store, found.token) : null;
      if (!user) return next(refusal(ErrorCode.UNAUTHORIZED, "Your session has expired. Log in again."));
      if (!(await slots.taken(socket.conn))) {
        return next(refusal(ErrorCode.RATE_LIMITED, "Too many open connections from your network."));
      }
      const ip = clientIp(socket.handshake.address, socket.handshake.headers["x-forwarded-for"], trustProxy);
      socket.data.user = { id: user.id, email: user.email, name: user.name, role: user.role };
      socket.data.ip = ip;
      if (user.siteKeys) socket.data.siteKeys = user.siteKeys;
      next();
    } catch (err) {
      log.error("rep handshake failed", { err: err instanceof Error ? err.message : String(err) });
      next(refusal(ErrorCode.UNAVAILABLE, "The console is briefly unavailable; retrying."));
    }
  });

  nsp.on("connection", (socket) => {
    const me = socket.data.user;
    // Every log line about an event names the rep, the event and the conversation it is about (when the payload
    // names a plausible one: it is not validated yet).
    socket.use(([event, req], next) => {
      const id: unknown = (req as { conversationId?: unknown } | undefined)?.conversationId;
      const conversationId = typeof id === "string" && /^[\w-]{1,64}$/.test(id) ? id : undefined;
      withLogFields({ repId: me.id, event: String(event).slice(0, 40), conversationId }, next);
    });
    // Every event counts against the rep's limit, malformed ones too, before any handler runs: a script looping
    // on presence:set must not make the whole team's consoles re-render. A refusal answers the ack, if any.
    socket.use(([event, , ack], next) => {
      const checks: [string, Rate][] = [[limitKeys.repEvents(me.id), limits.repEvents]];
      if (fanOut.has(String(event))) checks.push([limitKeys.repFanOutEvents(me.id), limits.repFanOutEvents]);
      guard.check(checks, tooMany).then(
        () => next(),
        (err: unknown) => {
          // The store being away is the handler's to answer (UNAVAILABLE), as for any other request.
          if (!(err instanceof BanterError)) return next();
          if (typeof ack === "function") (ack as AckFn<never>)({ ok: false, error: err.toWire() });
        },
      );
    });
    const mine = rooms.rep(me.id);
    const fail = (what: string) => (err: unknown) =>
      log.error(what, { err: err instanceof Error ? err.message : String(err) });
    // The tab counts as open until its heartbeats stop: closing it, or losing the network, shows as offline
    // within tabTtlMs, and the router then re-queues the rep's chats. A reload is a new tab, so nothing drops.
    const beat = () => store.touchRepTab(me.id, socket.id, now() + tabTtlMs);
    // The transport's own ping keeps the tab alive too: a console in a background tab, whose timers the browser
    // slows down, stays online as long as its connection does.
    socket.conn.on("heartbeat", () => {
      beat().catch(fail("presence failed"));
    });
    // Handlers are registered at once (events arriving before registration would be dropped) and wait for this.
    // Without its rooms the console would hear nothing: if they cannot be joined (the store is away), the
    // socket is closed and the console reconnects and tries again.
    void socket.join(mine);
    const sitesJoined = store
      .listSites()
      .then(async (all) => {
        const sites = all.filter((s) => !socket.data.siteKeys || socket.data.siteKeys.includes(s.key));
        await socket.join(sites.map((s) => rooms.siteReps(s.key)));
        return sites;
      })
      .catch((err: unknown) => {
        log.warn("rep rooms not joined; closing the socket so the console retries", {
          err: err instanceof Error ? err.message : String(err),
        });
        socket.disconnect();
        return [];
      });

    // Online now: the team hears of it and, if available, this rep is offered what is waiting.
    void (async () => {
      await beat();
      await router.announce(me.id);
      const self = (await store.presence(now())).find((p) => p.repId === me.id);
      if (self?.status === "available") await router.repAvailable((await sitesJoined).map((s) => s.key));
    })().catch(fail("presence failed"));

    // `follow`: join the conversation's room for its live messages (not when only previewing an offer).
    async function detail(c: Conversation, lastSeq: number, follow = true): Promise<ConversationDetail> {
      if (follow) await socket.join(rooms.conversation(c.id));
      const [lead, conversation, messages] = await Promise.all([
        service.lead(c),
        service.view(c),
        store.listMessages(c.id, lastSeq),
      ]);
      return { lead, conversation, messages };
    }

    socket.on(
      "inbox:get",
      handle("inbox:get", async () => {
        const sites = await sitesJoined;
        const queued = (await Promise.all(sites.map((s) => store.listQueue(s.key)))).flat();
        const own = await store.listRepConversations(me.id);
        const load = async (ids: string[]) =>
          (await Promise.all(ids.map((id) => store.getConversation(id)))).filter((c): c is Conversation => c !== null);
        const [waiting, conversations] = await Promise.all([load(queued), load(own)]);
        // What rings for this rep: every waiting lead when its site rings all, else only the one offered to them.
        const modes = new Map(sites.map((s) => [s.key, routingOf(s).offerMode]));
        // Past its speed-to-lead target a lead rings everyone (routing R6).
        const offers = waiting.filter((c) =>
          c.slaBreachedAt !== undefined
            ? true
            : modes.get(c.siteKey) === "one"
              ? c.offer?.repId === me.id
              : !c.offer?.tried.includes(me.id),
        );
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
      handle("offer:accept", async (req) => {
        // Sites, one-at-a-time ringing and capacity hold at accept too, not only in who is rung (L5, L6).
        const sites = (await sitesJoined).map((s) => s.key);
        const c = await service.accept(req.conversationId, me, sites);
        // Every console tab of this rep follows the chat, on whichever process it is connected to.
        nsp.in(mine).socketsJoin(rooms.conversation(c.id));
        return detail(c, 0);
      }),
    );

    socket.on(
      "offer:decline",
      handle("offer:decline", async (req) => {
        await router.declined(
          req.conversationId,
          me.id,
          (await sitesJoined).map((s) => s.key),
        );
        return {};
      }),
    );

    socket.on(
      "presence:heartbeat",
      handle("presence:heartbeat", async () => {
        await beat();
        return {};
      }),
    );

    socket.on(
      "presence:set",
      handle("presence:set", async (req) => {
        await store.setRepStatus(me.id, req.status);
        await beat();
        await router.announce(me.id);
        if (req.status === "available") await router.repAvailable((await sitesJoined).map((s) => s.key));
        const member = (await team(store, now())).find((m) => m.repId === me.id);
        if (!member) throw new BanterError(ErrorCode.NOT_FOUND, "No such rep.");
        return { presence: presenceView(member) };
      }),
    );

    socket.on(
      "team:get",
      handle("team:get", async () => ({ reps: (await team(store, now())).map(presenceView) })),
    );

    socket.on(
      "conversation:transfer",
      handle("conversation:transfer", async (req) => {
        const c = await service.get(req.conversationId);
        const to = (await team(store, now())).find((m) => m.repId === req.toRepId);
        const target = to && eligible([to], c.siteKey).length === 1 ? await store.getUser(to.repId) : null;
        if (!target || target.id === me.id) throw cannotTake();
        const after = await service.transfer(req.conversationId, me, {
          id: target.id,
          email: target.email,
          name: target.name,
          role: target.role,
        });
        nsp.in(rooms.rep(target.id)).socketsJoin(rooms.conversation(after.id));
        nsp.in(mine).socketsLeave(rooms.conversation(after.id));
        return { conversation: await service.view(after) };
      }),
    );

    socket.on(
      "conversation:get",
      handle("conversation:get", async (req) => {
        const c = await service.get(req.conversationId);
        if (c.repId === me.id || me.role === "owner") return detail(c, req.lastSeq);
        // A waiting lead of a site this rep serves: the transcript so far, to decide before accepting.
        const serves = (await sitesJoined).some((s) => s.key === c.siteKey);
        if (c.status === "queued" && serves) return detail(c, req.lastSeq, false);
        throw new BanterError(ErrorCode.FORBIDDEN, "This conversation is not yours.");
      }),
    );

    socket.on(
      "message:send",
      handle("message:send", async (req) => {
        await guard.check([[limitKeys.repMessages(me.id), limits.messagesPerRep]]);
        return { message: await service.repSays(req.conversationId, me, req.clientId, req.text) };
      }),
    );

    socket.on(
      "typing:set",
      handle("typing:set", async (req) => {
        await service.repTyping(req.conversationId, me, req.typing);
        return {};
      }),
    );

    socket.on(
      "conversation:read",
      handle("conversation:read", async (req) => ({
        conversation: await service.view(await service.markRead(req.conversationId, me, req.seq)),
      })),
    );

    socket.on(
      "conversation:close",
      handle("conversation:close", async (req) => ({
        conversation: await service.view(
          await service.close(req.conversationId, req.outcome ? { rep: me, outcome: req.outcome } : { rep: me }),
        ),
      })),
    );
  });
}
