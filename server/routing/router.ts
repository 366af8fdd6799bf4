// Routing: which reps ring for a hot lead, ring timeouts, the maximum wait and its fallback, re-queueing when a
// rep leaves, and the waiting visitor's place in line. All state is in the store, so any process may handle any
// step; timers fire once across processes (store.takeDue). It writes conversations by the lifecycle's transitions
// (shared/lifecycle) through the same writer as the service, and hears from the service by HandoffEvents.
import {
  backToQueue,
  breach,
  decline,
  fallBack,
  ring,
  ringingFor,
  ringTimedOut,
} from "../../shared/lifecycle/index.ts";
import { chooseRep, eligible, escalation, estimateWait, isOpen } from "../../shared/routing/index.ts";
import type { HandoffEvents, Publisher } from "../conversation/events.ts";
import { leadCard } from "../conversation/lead-card.ts";
import { notices } from "../conversation/notices.ts";
import type { ConversationWriter } from "../conversation/writer.ts";
import type { Logger } from "../log.ts";
import type {
  Conversation,
  ConversationsStore,
  DueKind,
  MessagesStore,
  OtherDueKind,
  SitesStore,
  StatsStore,
  StoreLife,
  TimersStore,
} from "../store/types.ts";
import { serves } from "./availability.ts";
import { presenceView, type TeamStore, team } from "./presence.ts";
import { routingOf } from "./settings.ts";

export interface RouterDeps {
  store: StoreLife & SitesStore & ConversationsStore & MessagesStore & TimersStore & StatsStore & TeamStore;
  writer: ConversationWriter;
  publish: Publisher;
  now: () => number;
  log: Logger;
  tickMs?: number;
  // Counts each timer tick as work in flight, so a stopping process lets a tick finish its writes (server/drain.ts).
  track?: (work: () => Promise<void>) => Promise<void>;
  // Other parts' timers, fired by the same tick: one takeDue takes every kind, so no part takes another's.
  timers?: Partial<Record<OtherDueKind, (id: string) => Promise<void>>>;
  // A lead passed its speed-to-lead target (L12), told once, by the process that marked it.
  breached?: (c: Conversation) => Promise<void>;
}

const fallbackCopy = {
  callback:
    "Sorry, nobody can take the chat right now. Leave your phone number and a good time to call, and a rep will call you back.",
  closed: "We're outside our opening hours right now.",
  booking: "Sorry, nobody can take the chat right now, but you can book a time with us that suits you:",
};

// Timers taken from the store at once (one script call): the rest of a burst follows in the same tick.
const dueBatch = 100;

// How often the sweep (below) looks for leads and chats that a lost step left behind.
const sweepMs = 5000;

export function createRouter({
  store,
  writer,
  publish,
  now,
  log,
  tickMs = 1000,
  track = (work) => work(),
  timers = {},
  breached: told = async () => {},
}: RouterDeps) {
  const { append, show } = notices(store, publish);

  // Which reps ring for this lead now, and rings them. Safe to call again at any time: it re-reads everything.
  async function offer(id: string): Promise<void> {
    const c = await store.getConversation(id);
    if (c?.status !== "queued") return;
    const site = await store.getSite(c.siteKey);
    const settings = routingOf(site);
    if (!isOpen(settings.businessHours, now())) return fallback(c, "closed");
    const members = await team(store, now());
    if (!members.some((m) => serves(m, c.siteKey))) return fallback(c, "nobody");
    const tried = c.offer?.tried ?? [];
    const lead = leadCard(c, site, now());
    // Past its speed-to-lead target, everyone who could take it rings (R6), whatever the offer mode.
    if (c.slaBreachedAt !== undefined) {
      publish.offer(
        escalation(members, c.siteKey).map((m) => m.repId),
        lead,
      );
      return;
    }
    if (settings.offerMode === "all") {
      publish.offer(
        eligible(members, c.siteKey, tried).map((m) => m.repId),
        lead,
      );
      return;
    }
    if (ringingFor(c, now())) return; // someone is being rung right now
    const repId = chooseRep(members, c.siteKey, settings.strategy, tried);
    // Everyone tried or busy: the lead waits; a freed rep or the maximum wait moves it on.
    if (!repId) return;
    const expiresAt = now() + settings.ringTimeoutMs;
    // Checked again on the freshest copy: two processes (a decline and a ring timeout) must not ring twice.
    const { after, wrote } = await writer.update(id, (fresh) => ring(fresh, repId, expiresAt, now()));
    if (!wrote) return;
    await store.markOffered(repId, now());
    await store.scheduleDue("offer", id, expiresAt);
    publish.offer([repId], leadCard(after, site, now()));
  }

  // Nobody online, outside hours, or the maximum wait passed: the site's fallback. The lead is kept, flagged.
  async function fallback(c: Conversation, why: "nobody" | "closed" | "timeout"): Promise<void> {
    const settings = routingOf(await store.getSite(c.siteKey));
    const booking = settings.fallback.kind === "booking" ? settings.fallback : null;
    const { after, wrote } = await writer.update(c.id, (fresh) => fallBack(fresh, booking ? "booking" : "callback"));
    if (!wrote) return;
    await Promise.all((["offer", "wait", "sla"] as const).map((kind) => store.cancelDue(kind, c.id)));
    publish.offerWithdrawn({ siteKey: c.siteKey }, c.id, "closed");
    const opening = why === "closed" ? `${fallbackCopy.closed} ` : "";
    await append({
      conversationId: c.id,
      clientId: `bot:fallback:${after.rev}`,
      author: "bot",
      text: opening + (booking ? fallbackCopy.booking : fallbackCopy.callback),
      at: now(),
      ...(booking ? { link: { url: booking.url, label: booking.label } } : {}),
    });
    await show(after);
    await queueChanged(c.siteKey);
  }

  // Every waiting visitor of a site hears their place and the estimate.
  async function queueChanged(siteKey: string): Promise<void> {
    const [ids, average, members] = await Promise.all([
      store.listQueue(siteKey),
      store.averageAccept(siteKey),
      team(store, now()),
    ]);
    const reps = members.filter((m) => serves(m, siteKey)).length;
    ids.forEach((conversationId, i) => {
      publish.queue({ conversationId, position: i + 1, estimateMs: estimateWait(i + 1, average, reps) });
    });
  }

  // Waiting leads of a site get another chance: a rep became available or freed capacity.
  async function offerWaiting(siteKey: string): Promise<void> {
    for (const id of await store.listQueue(siteKey)) await offer(id);
  }

  // A rep went offline (every tab silent): their live chats go back to the queue, the lead is never dropped.
  async function repLeft(repId: string): Promise<void> {
    for (const id of await store.listRepConversations(repId)) {
      const { after, wrote, before } = await writer.update(id, (c) => backToQueue(c, repId, now()));
      if (!wrote) continue;
      await append({
        conversationId: id,
        clientId: `system:left:${after.rev}`,
        author: "system",
        text: `${before.repName ?? "The rep"} left the chat. Connecting you to another rep.`,
        at: now(),
      });
      await show(after);
      events.queued(after);
    }
  }

  // The speed-to-lead target passed with the lead still waiting for its first person (L12): recorded once, and
  // everyone who could take it rings (R6).
  async function breached(c: Conversation): Promise<void> {
    const { after, wrote } = await writer.update(c.id, (fresh) => breach(fresh, now()));
    if (!wrote) return;
    log.warn("speed-to-lead target missed; ringing every rep online", {
      conversationId: c.id,
      siteKey: c.siteKey,
      waitedMs: now() - (after.queuedAt ?? now()),
    });
    await store.cancelDue("offer", c.id);
    await offer(c.id);
    await told(after);
  }

  async function fire(due: { kind: DueKind; conversationId: string }): Promise<void> {
    if (due.kind === "reply" || due.kind === "follow-up" || due.kind === "sequence") {
      return timers[due.kind]?.(due.conversationId);
    }
    const c = await store.getConversation(due.conversationId);
    if (c?.status !== "queued") return;
    if (due.kind === "wait") return fallback(c, "timeout");
    if (due.kind === "sla") return breached(c);
    const rung = c.offer?.repId;
    if (!rung) return;
    // The ring timed out: stop ringing that rep and move on to the next.
    publish.offerWithdrawn({ repIds: [rung] }, c.id, "expired");
    await writer.update(c.id, (fresh) => ringTimedOut(fresh, rung));
    await offer(c.id);
  }

  async function tick(): Promise<void> {
    for (const repId of await store.expireRepTabs(now())) {
      await repLeft(repId);
      await announce(repId);
    }
    // Everything due now, a batch at a time: a burst (many follow-ups due in the same second) is not left for
    // later ticks. Each batch is taken by one process, and fired at once.
    for (let batch = await store.takeDue(now(), dueBatch); ; batch = await store.takeDue(now(), dueBatch)) {
      await Promise.all(
        batch.map((due) =>
          // One failure must not lose the timers taken with it: it goes back, to be tried again shortly.
          fire(due).catch(async (err: unknown) => {
            log.error("routing timer failed; retrying", { err: err instanceof Error ? err.message : String(err) });
            await store.scheduleDue(due.kind, due.conversationId, now() + tickMs).catch(() => {});
          }),
        ),
      );
      if (batch.length < dueBatch) break;
    }
    if (now() >= nextSweep) {
      nextSweep = now() + sweepMs;
      await sweep();
    }
  }

  // The safety net under the timers and events, every few seconds: a crash between two steps, or a store
  // error at the wrong moment, must not leave a lead waiting forever or a chat with a rep who is gone.
  async function sweep(): Promise<void> {
    for (const p of await store.presence(now())) {
      if (!p.online && (await store.listRepConversations(p.repId)).length > 0) await repLeft(p.repId);
    }
    for (const site of await store.listSites()) {
      const { maxWaitMs, offerMode, sla } = routingOf(site);
      for (const id of await store.listQueue(site.key)) {
        const c = await store.getConversation(id);
        if (c?.status !== "queued") continue;
        if ((c.queuedAt ?? 0) + maxWaitMs <= now()) await fallback(c, "timeout");
        else if (!c.acceptedAt && !c.slaBreachedAt && (c.queuedAt ?? 0) + sla.liveMs <= now()) await breached(c);
        else if (offerMode === "one") await offer(id);
      }
    }
  }

  async function announce(repId: string): Promise<void> {
    const member = (await team(store, now())).find((m) => m.repId === repId);
    if (member) publish.presence(presenceView(member));
  }

  const events: HandoffEvents = {
    queued(c) {
      void (async () => {
        const { maxWaitMs, sla } = routingOf(await store.getSite(c.siteKey));
        const queuedAt = c.queuedAt ?? now();
        await store.scheduleDue("wait", c.id, queuedAt + maxWaitMs);
        // Speed to lead counts to the lead's first person: a chat back in the queue after its rep left had one.
        if (c.acceptedAt === undefined) await store.scheduleDue("sla", c.id, queuedAt + sla.liveMs);
        await offer(c.id);
        await queueChanged(c.siteKey);
      })().catch((err: unknown) =>
        log.error("routing failed", { err: err instanceof Error ? err.message : String(err) }),
      );
    },
    accepted(c, waitedMs) {
      void (async () => {
        await Promise.all((["offer", "wait", "sla"] as const).map((kind) => store.cancelDue(kind, c.id)));
        await store.recordAccept(c.siteKey, waitedMs);
        await queueChanged(c.siteKey);
      })().catch((err: unknown) =>
        log.error("routing failed", { err: err instanceof Error ? err.message : String(err) }),
      );
    },
    // A rep's capacity was freed: every site's waiting leads get another chance (the rep may serve several).
    freed() {
      void (async () => {
        for (const site of await store.listSites()) await offerWaiting(site.key);
      })().catch((err: unknown) =>
        log.error("routing failed", { err: err instanceof Error ? err.message : String(err) }),
      );
    },
  };

  let timer: ReturnType<typeof setInterval> | undefined;
  let running = false;
  let nextSweep = 0;
  return {
    events,
    offer,
    announce,
    queueChanged,
    // A rep was signed out by the owner (disabled or removed): the same path as going offline, at once.
    async repGone(repId: string): Promise<void> {
      await repLeft(repId);
      await announce(repId);
    },
    // A rep declined: not offered this lead again during this wait; in one-at-a-time mode the next rep rings.
    // `sites`: the ones the rep serves (absent: all), checked as for an accept.
    async declined(id: string, repId: string, sites?: readonly string[]): Promise<void> {
      const { wrote } = await writer.update(id, (c) => decline(c, repId, sites));
      publish.offerWithdrawn({ repIds: [repId] }, id, "declined");
      if (wrote) await offer(id);
    },
    // A rep became available: every waiting lead of the sites they serve is offered again.
    async repAvailable(siteKeys: string[]): Promise<void> {
      for (const siteKey of siteKeys) await offerWaiting(siteKey);
    },
    start() {
      timer = setInterval(() => {
        if (running || !store.isAvailable()) return;
        running = true;
        track(tick)
          .catch((err: unknown) =>
            log.error("routing tick failed", { err: err instanceof Error ? err.message : String(err) }),
          )
          .finally(() => {
            running = false;
          });
      }, tickMs);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
    tick,
  };
}

export type Router = ReturnType<typeof createRouter>;
