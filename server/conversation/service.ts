// The conversation's life: open, bot turns, handoff to the queue, accept, live messages, close. Transport calls
// these after validating input; they read the store, write conversations through the writer by the lifecycle's
// transitions (shared/lifecycle), and announce what happened through a Publisher, which knows nothing of the
// domain and the service nothing of socket.io. Routing hears of handoffs through HandoffEvents.
import type { Input, Playbook } from "../../shared/engine/index.ts";
import { mergeBehaviour } from "../../shared/leads/behaviour.ts";
import { mergeIdentity } from "../../shared/leads/identity.ts";
import {
  accept,
  atCapacity,
  awaitsCallback,
  cannotTake,
  close,
  hasEnded,
  notYours,
  rate,
  transfer,
} from "../../shared/lifecycle/index.ts";
import type { ActivityReport } from "../../shared/protocol/behaviour.ts";
import {
  BanterError,
  ErrorCode,
  type LeadSource,
  type Message,
  type Outcome,
  type RateRequest,
  type RepUser,
  type Typing,
  type VisitorIdentity,
} from "../../shared/protocol/index.ts";
import { counted, type Deferred } from "../limits/guard.ts";
import { type AvailabilityStore, availability } from "../routing/availability.ts";
import { defaultCapacity } from "../routing/settings.ts";
import type {
  AccountsStore,
  Conversation,
  ConversationsStore,
  MessageDraft,
  MessagesStore,
  PlaybooksStore,
  Site,
  SitesStore,
} from "../store/types.ts";
import { withActivity } from "./activity.ts";
import { botTurns } from "./bot-turns.ts";
import { type Begun, type Draft, draftsOf, maxPageTrail } from "./drafts.ts";
import type { HandoffEvents, Publisher } from "./events.ts";
import { leadCard } from "./lead-card.ts";
import { notices } from "./notices.ts";
import { playbookCache } from "./playbooks.ts";
import { notOnOffer, quickReplyLabel } from "./quick-replies.ts";
import { turnCache } from "./turn-cache.ts";
import type { ConversationWriter } from "./writer.ts";

export interface ServiceDeps {
  store: SitesStore & PlaybooksStore & ConversationsStore & MessagesStore & AccountsStore & AvailabilityStore;
  writer: ConversationWriter;
  publish: Publisher;
  events: HandoffEvents;
  now: () => number;
  // The id a visitor's drafted conversation gets (auth/tokens.ts draftConversationId): the same in every tab.
  draftIdOf: (siteKey: string, visitorId: string, after?: string) => string;
  // A rep's line was stored (a visitor who left hears of it by email: server/notify/replies.ts).
  repSaid?: (conversationId: string) => Promise<void>;
  // How many conversations this process keeps for their next bot turn (turn-cache.ts; 0: none).
  turnCacheSize?: number;
}

// Whether the bot answers the visitor's next line in `c` (a rep's chat, a finished bot, a callback do not).
const botAnswers = (c: Conversation) => c.status === "bot" && c.engine.outcome === null && !awaitsCallback(c);

export function conversationService({
  store,
  writer,
  publish,
  events,
  now,
  draftIdOf,
  repSaid,
  turnCacheSize,
}: ServiceDeps) {
  const { get: mustGet, update } = writer;
  const playbookOf = playbookCache(store);
  const told = notices(store, publish);
  const { append, view, show } = told;
  const handoffNow = (siteKey: string) => availability(store, siteKey, now());
  const cache = turnCache(turnCacheSize);
  const bot = botTurns({ store, writer, notices: told, publish, events, now, handoffNow, cache });
  // How many live chats a rep may have (the team page sets it).
  const capacityOf = async (repId: string) => (await store.getUser(repId))?.capacity ?? defaultCapacity;
  const drafts = draftsOf({ store, bot, playbookOf, draftIdOf });

  // The pages a visitor opens during the conversation, and their time zone, for the rep's lead card.
  async function trackPage(c: Conversation, pageUrl?: string, timeZone?: string): Promise<Conversation> {
    const trail = c.pageTrail ?? [];
    const newPage = pageUrl && trail.at(-1) !== pageUrl;
    const newZone = timeZone && c.timeZone !== timeZone;
    if (!newPage && !newZone) return c;
    const { after } = await update(c.id, (fresh) => {
      const t = fresh.pageTrail ?? [];
      const next = { ...fresh };
      if (pageUrl && t.at(-1) !== pageUrl) next.pageTrail = [...t, pageUrl].slice(-maxPageTrail);
      if (timeZone) next.timeZone = timeZone;
      return next;
    });
    return after;
  }

  // A report of what the visitor did on the site, merged into the conversation and scored in one write.
  async function recordActivity(id: string, report: ActivityReport): Promise<Conversation> {
    const c = await mustGet(id);
    const playbook = await playbookOf(c.engine.playbookId, c.engine.playbookVersion);
    const { after } = await update(id, (fresh) => withActivity(fresh, playbook, report, now()));
    return after;
  }

  // The visitor's line as stored, and as the engine reads it: a quick reply's choice is stored as its label.
  function lineOf(
    conversationId: string,
    playbook: Playbook,
    req: { clientId: string; text?: string; choice?: string },
  ): { mine: MessageDraft; input: Input } | BanterError {
    let text = req.text ?? "";
    if (req.choice !== undefined) {
      const label = quickReplyLabel(playbook, req.choice);
      if (!label) return notOnOffer();
      text = label;
    }
    const mine: MessageDraft = { conversationId, clientId: req.clientId, author: "visitor", text, at: now() };
    return { mine, input: req.choice !== undefined ? { choice: req.choice } : { text } };
  }

  return {
    view,
    trackPage,

    // POST /api/sites/:key/activity: into the visitor's latest conversation on the site, open or closed.
    async activity(siteKey: string, visitorId: string, report: ActivityReport): Promise<Conversation> {
      const id = await store.findVisitorConversation(siteKey, visitorId);
      if (!id) throw new BanterError(ErrorCode.NOT_FOUND, "This visitor has no conversation yet.");
      return recordActivity(id, report);
    },
    drafted: drafts.drafted,
    // H3: the visitor's first line stores their drafted conversation, usually in one write with its greeting and
    // the bot's answer (bot.firstTurn), which answers the line as stored. Otherwise (another tab stored it first,
    // the visitor has another conversation open) it is stored as it is, the limits counted by then, and the line
    // is taken as any other (visitorSays with the conversation begun).
    async begin(
      draft: Draft,
      req: { clientId: string; text?: string; choice?: string },
      limits: Deferred = counted,
    ): Promise<Begun | { message: Message }> {
      const { conversation, greeting, playbook } = await drafts.fromDraft(draft);
      const line = lineOf(draft.id, playbook, req);
      if (line instanceof BanterError) throw await limits.check().then(() => line);
      const said = await bot.firstTurn(conversation, playbook, greeting, draft.at, line.input, line.mine, limits);
      if (said) return { message: said };
      if (said === undefined) await limits.check();
      return drafts.begin(draft, req);
    },
    stored: drafts.stored,

    // Stores who the host page says the visitor is (verified or not, decided by the caller), unless it would
    // talk over a verified identity (shared/leads/identity.ts). Returns the conversation as stored.
    async identify(conversationId: string, claim: VisitorIdentity): Promise<Conversation> {
      const { after } = await update(conversationId, (c) => {
        const identity = mergeIdentity(c.identity, claim);
        return identity ? { ...c, identity } : null;
      });
      return after;
    },
    lead: async (c: Conversation) => leadCard(c, await store.getSite(c.siteKey), now()),
    get: mustGet,
    typing: (t: Typing) => publish.typing(t),

    async repTyping(conversationId: string, rep: RepUser, typing: boolean): Promise<void> {
      const c = await mustGet(conversationId);
      if (c.repId !== rep.id) throw notYours();
      publish.typing({ conversationId, author: "rep", name: rep.name, typing });
    },

    // The visitor's conversation on this site: the open one, or the closed one unless they asked for a new one.
    // Otherwise a draft (H3): the greeting and first question are shown, and nothing is stored, listed or counted
    // until the visitor says something (begin).
    async open(
      site: Site,
      visitorId: string,
      pageUrl: string | undefined,
      startNew = false,
      timeZone?: string,
      pagesBefore: string[] = [],
      // Where the visit came from: kept with a new conversation only, never over an existing one's.
      source?: LeadSource,
      // The proactive message the visitor clicked: a new conversation only counts for it and starts at its question.
      trigger?: { id: string; startAt?: string },
      // What the visitor did on the site before (JoinRequest.behaviour): the draft's, or merged into the
      // conversation this join returns.
      report?: ActivityReport,
    ): Promise<{ conversation: Conversation } | { draft: Draft }> {
      const existingId = await store.findVisitorConversation(site.key, visitorId);
      const existing = existingId ? await store.getConversation(existingId) : null;
      // Recovery after a crash between a bot turn and its messages (closing lines included); a no-op
      // (deduplicated) otherwise.
      if (existing?.botSaid) await bot.say(existing.id, existing.botSaid.cause, existing.botSaid.effects);
      const reported = async (c: Conversation) => (report ? recordActivity(c.id, report) : c);
      if (existing?.status === "closed" && !startNew) return { conversation: await reported(existing) };
      if (existing && existing.status !== "closed")
        return { conversation: await reported(await trackPage(existing, pageUrl, timeZone)) };
      // Behaviour is the visitor's: their next conversation starts with what the last one knew of them.
      const behaviour = report ? mergeBehaviour(existing?.behaviour, report, now()) : existing?.behaviour;
      const draft = drafts.fresh(
        site,
        visitorId,
        existingId ?? undefined,
        { pageUrl, timeZone, pagesBefore, source, trigger, behaviour },
        now(),
      );
      return { draft };
    },

    // `limits`: the caller's rate limits, not counted yet; nothing is written unless they pass. `begun`: the
    // conversation and seq begin() just stored (after counting the limits).
    // A conversation this process wrote the last turn of (turn-cache.ts), or begun, is not read again: the turn
    // is one round trip, its limits counted in its write. Anything written since makes that write refuse, and the
    // turn goes on as for a conversation not known: read while its limits are checked, in one round trip, then
    // written at once if nothing moved meanwhile, else one step at a time.
    async visitorSays(
      conversationId: string,
      req: { clientId: string; text?: string; choice?: string },
      limits: Deferred = counted,
      begun?: Begun,
    ): Promise<Message> {
      const known = begun?.lastSeq !== undefined ? { ...begun, lastSeq: begun.lastSeq } : cache.take(conversationId);
      if (known && botAnswers(known.conversation)) {
        const c = known.conversation;
        const playbook = await playbookOf(c.engine.playbookId, c.engine.playbookVersion);
        const line = lineOf(conversationId, playbook, req);
        // Refused unwritten: counted all the same, as a refusal after a read is.
        if (line instanceof BanterError) throw await limits.check().then(() => line);
        const done = await bot.turnAtOnce(c, playbook, line.input, line.mine, known.lastSeq + 1, limits);
        if (done) return done;
        // The write counted them (null); undefined never reached the store.
        if (done === undefined) await limits.check();
        limits = counted;
      }
      const read = Promise.all([store.getConversation(conversationId), store.lastSeq(conversationId)]);
      // Caught at once: a failed read while the check is pending is not an unhandled rejection.
      read.catch(() => {});
      await limits.check();
      const [found, last] = await read;
      if (!found) throw new BanterError(ErrorCode.NOT_FOUND, "No such conversation.");
      let c = found;
      if (c.status === "closed") throw hasEnded();
      const playbook = await playbookOf(c.engine.playbookId, c.engine.playbookVersion);
      const line = lineOf(conversationId, playbook, req);
      if (line instanceof BanterError) throw line;
      const { mine, input } = line;
      const text = mine.text;
      if (!awaitsCallback(c)) {
        const done = await bot.turnAtOnce(c, playbook, input, mine, last + 1);
        if (done) return done;
        if (done === null) {
          // Something moved since the read (a close, another tab's line, a resend): the long way starts from a
          // fresh copy, and a conversation closed meanwhile takes no more lines.
          c = await mustGet(conversationId);
          if (c.status === "closed") throw hasEnded();
        }
      }
      const callback = awaitsCallback(c);
      const message = await append(mine);
      if (callback) {
        await bot.takeCallback(c, text, message.seq);
        return message;
      }
      // A resend of a message whose turn failed is answered now; the turn skips it if it was answered.
      await bot.turn(conversationId, playbook, input, message.seq);
      return message;
    },

    // `sites`: the site keys the rep takes leads for (absent: every site). Their capacity is taken in the write
    // that makes the chat theirs (L6), so two accepts at once cannot both take their last place.
    async accept(conversationId: string, rep: RepUser, sites?: readonly string[]): Promise<Conversation> {
      const capacity = await capacityOf(rep.id);
      const { before, after } = await update(conversationId, (c) => accept(c, rep, now(), sites), {
        room: { capacity, full: atCapacity(capacity) },
      });
      publish.offerWithdrawn({ siteKey: before.siteKey }, before.id, "taken", rep.name);
      events.accepted(after, now() - (before.queuedAt ?? now()));
      await append({
        conversationId,
        clientId: `system:accepted:${rep.id}`,
        author: "system",
        text: `${rep.name} joined the chat.`,
        at: now(),
      });
      await show(after);
      return after;
    },

    async repSays(conversationId: string, rep: RepUser, clientId: string, text: string): Promise<Message> {
      const c = await mustGet(conversationId);
      if (c.repId !== rep.id) throw notYours();
      if (c.status !== "live") throw hasEnded();
      const m = await append({ conversationId, clientId, author: "rep", authorName: rep.name, text, at: now() });
      await repSaid?.(conversationId);
      return m;
    },

    // Read receipts: everything up to seq (capped at what exists) is read by the conversation's rep.
    async markRead(conversationId: string, rep: RepUser, seq: number): Promise<Conversation> {
      const last = await store.lastSeq(conversationId);
      const { after, wrote } = await update(conversationId, (c) => {
        if (c.repId !== rep.id) return notYours();
        const read = Math.min(seq, last);
        return read > (c.repReadSeq ?? 0) ? { ...c, repReadSeq: read } : null;
      });
      if (wrote) await show(after);
      return after;
    },

    // Hands a live conversation to another rep (checked available by the caller), within their capacity (L6, L7).
    async transfer(conversationId: string, from: RepUser, to: RepUser): Promise<Conversation> {
      const capacity = await capacityOf(to.id);
      const { after } = await update(conversationId, (c) => transfer(c, from, to), {
        room: { capacity, full: cannotTake() },
      });
      await append({
        conversationId,
        clientId: `system:transfer:${after.rev}`,
        author: "system",
        text: `${from.name} transferred the chat to ${to.name}.`,
        at: now(),
      });
      await show(after);
      publish.assigned(to.id, leadCard(after, await store.getSite(after.siteKey), now()));
      events.freed(after.siteKey);
      return after;
    },

    // L13: the visitor rates the chat with its rep once it ended. Every tab of the visitor hears it was rated.
    async rate(conversationId: string, req: RateRequest): Promise<Conversation> {
      const { after, wrote } = await update(conversationId, (c) => rate(c, req, now()));
      if (wrote) await show(after);
      return after;
    },

    async close(
      conversationId: string,
      // The owner ends a conversation to erase the visitor's data: the visitor and the rep are told like any close.
      by: { visitor: true } | { rep: RepUser; outcome?: Outcome } | { owner: RepUser },
    ): Promise<Conversation> {
      const { before, after, wrote } = await update(conversationId, (c) => close(c, by));
      if (!wrote) return after;
      if (before.status === "queued") publish.offerWithdrawn({ siteKey: before.siteKey }, before.id, "closed");
      if (before.status === "live") events.freed(before.siteKey);
      const who = "rep" in by ? by.rep.name : "owner" in by ? by.owner.name : "The visitor";
      await append({
        conversationId,
        clientId: "system:closed",
        author: "system",
        text: `${who} ended the chat.`,
        at: now(),
      });
      await show(after);
      return after;
    },
  };
}

export type ConversationService = ReturnType<typeof conversationService>;
