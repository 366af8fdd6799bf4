// The conversation's life: open, bot turns, handoff to the queue, accept, live messages, close. Transport calls
// these after validating input; they read and write the store and announce what happened through a Publisher,
// which knows nothing of the domain and the service nothing of socket.io.
import { type Effect, type Input, type Playbook, reservedValues, start, step } from "../../shared/engine/index.ts";
import { extractPhone } from "../../shared/engine/understand/index.ts";
import { mergeIdentity } from "../../shared/leads/identity.ts";
import {
  BanterError,
  type ConversationView,
  ErrorCode,
  type LeadCard,
  type LeadSource,
  type Message,
  type Outcome,
  type QueueState,
  type RepPresence,
  type RepUser,
  type Typing,
  type VisitorIdentity,
} from "../../shared/protocol/index.ts";
import type {
  AppendResult,
  Conversation,
  ConversationsStore,
  MessageDraft,
  MessagesStore,
  PlaybooksStore,
  Site,
  SitesStore,
} from "../store/types.ts";
import { conversationView, leadCard } from "./lead-card.ts";

export interface Publisher {
  // To everyone in the conversation: the visitor's tabs and its rep.
  message(message: Message): void;
  conversation(view: ConversationView): void;
  typing(typing: Typing): void;
  // To reps: offers ring the reps routing chose; withdrawals go to a site's reps or to some reps.
  offer(repIds: string[], lead: LeadCard): void;
  offerWithdrawn(
    to: { siteKey: string } | { repIds: string[] },
    conversationId: string,
    reason: WithdrawReason,
    repName?: string,
  ): void;
  assigned(repId: string, lead: LeadCard): void;
  presence(presence: RepPresence): void;
  // To a waiting visitor.
  queue(queue: QueueState): void;
}

export type WithdrawReason = "taken" | "expired" | "declined" | "closed";

// What routing needs to hear from the conversation's life (server/routing/router.ts).
export interface HandoffEvents {
  // The bot took a turn (metrics): `c` as the turn left it.
  turned?(c: Conversation): void;
  queued(c: Conversation): void;
  accepted(c: Conversation, waitedMs: number): void;
  // A rep's capacity was freed (a chat closed or moved on): waiting leads may now be offered.
  freed(siteKey: string): void;
}

export interface ServiceDeps {
  store: SitesStore & PlaybooksStore & ConversationsStore & MessagesStore;
  publish: Publisher;
  events: HandoffEvents;
  now: () => number;
  newId: () => string;
  // After every conversation write this process won (webhooks): what the conversation was and became.
  written?: (before: Conversation, after: Conversation) => void;
}

const qualifiedStages = new Set(["mql", "sql"]);

const maxPageTrail = 20;
const maxPlaybooksKept = 100;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// Compare-and-set retries before giving up; contention on one conversation is two or three writers at most.
const maxAttempts = 8;

// The label a quick reply shows in the transcript: any option of the playbook, or one the engine offers. Not
// only the current question's: a resent or stale click (a second tab) must be deduplicated or re-asked (E5).
function quickReplyLabel(playbook: Playbook, value: string): string | undefined {
  if (value === reservedValues.yes) return playbook.copy.yes;
  if (value === reservedValues.no) return playbook.copy.no;
  if (value === reservedValues.skip) return playbook.copy.skip;
  return playbook.questions.flatMap((q) => q.options ?? []).find((o) => o.value === value)?.label;
}

export function conversationService({ store, publish, events, now, newId, written }: ServiceDeps) {
  async function mustGet(id: string): Promise<Conversation> {
    const c = await store.getConversation(id);
    if (!c) throw new BanterError(ErrorCode.NOT_FOUND, "No such conversation.");
    return c;
  }

  // Playbook versions never change once stored (store contract), so each process keeps the ones it reads: a turn
  // then costs no Redis read, parse or validation of its playbook. Bounded: a process serves few versions at once.
  const playbooks = new Map<string, Promise<Playbook>>();
  function playbookOf(id: string, version: number): Promise<Playbook> {
    const key = `${id}@${version}`;
    let p = playbooks.get(key);
    if (!p) {
      p = store.getPlaybook(id, version).then((found) => {
        if (!found) throw new BanterError(ErrorCode.INTERNAL, "This conversation's playbook is missing.");
        // Shared by every turn from now on: frozen, so a step that mutated it would fail loudly, not drift.
        return deepFreeze(found);
      });
      // A failed read (the store away, a missing version) is not kept: the next turn asks again.
      p.catch(() => playbooks.delete(key));
      if (playbooks.size >= maxPlaybooksKept) playbooks.delete(playbooks.keys().next().value as string);
      playbooks.set(key, p);
    }
    return p;
  }

  async function append(draft: MessageDraft): Promise<Message> {
    const { message, duplicate } = await store.appendMessage(draft);
    if (!duplicate) publish.message(message);
    return message;
  }

  // Bot messages get ids derived from their cause, so a retried turn cannot say the same thing twice.
  function lines(conversationId: string, cause: string, effects: Effect[]): MessageDraft[] {
    const drafts: MessageDraft[] = [];
    for (const e of effects) {
      if (e.type !== "say") continue;
      const draft: MessageDraft = {
        conversationId,
        clientId: `bot:${cause}:${drafts.length}`,
        author: "bot",
        text: e.text,
        at: now(),
      };
      if (e.options) draft.options = e.options;
      drafts.push(draft);
    }
    return drafts;
  }

  // Stored lines are published in order; a line stored before (a retried step) was published then.
  function published(said: AppendResult[]): void {
    for (const { message, duplicate } of said) if (!duplicate) publish.message(message);
  }

  // A turn's lines stored in one step, then published in order.
  async function say(conversationId: string, cause: string, effects: Effect[]): Promise<void> {
    const drafts = lines(conversationId, cause, effects);
    if (drafts.length > 0) published(await store.appendMessages(drafts));
  }

  // Applies `change` to the freshest copy until the compare-and-set wins. `change` returns null to write nothing.
  // `known`: a copy the caller has just read, tried first instead of reading again (a stale one loses the
  // compare-and-set and the loop reads the fresh one). `saying`: messages stored in the same step as the write
  // that wins (a bot turn's lines, made by the same `change`), returned in `said`, not yet published.
  async function update(
    id: string,
    change: (c: Conversation) => Conversation | null,
    known?: Conversation,
    saying: () => MessageDraft[] = () => [],
  ): Promise<{ before: Conversation; after: Conversation; wrote: boolean; said: AppendResult[] }> {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const before = attempt === 0 && known ? known : await mustGet(id);
      const next = change(before);
      // Nothing to write is only believed of a fresh copy.
      if (!next && before === known && attempt === 0) continue;
      if (!next) return { before, after: before, wrote: false, said: [] };
      const stored = await store.updateConversationSaying({ ...next, updatedAt: now() }, before.repId, saying());
      if (!stored) continue;
      written?.(before, stored.conversation);
      return { before, after: stored.conversation, wrote: true, said: stored.said };
    }
    throw new BanterError(ErrorCode.CONFLICT, "The conversation is busy; try again.");
  }

  async function view(c: Conversation): Promise<ConversationView> {
    return conversationView(c, await store.lastSeq(c.id));
  }

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

  // The bot's answer to the visitor message `cause`, as a change of `fresh` (null: the bot does not answer: it no
  // longer owns the conversation, or has answered this message already), with the lines it says.
  function botStep(fresh: Conversation, playbook: Playbook, input: Input, cause: number) {
    if (fresh.status !== "bot" || fresh.engine.outcome !== null || (fresh.answeredSeq ?? 0) >= cause) return null;
    const t = step(playbook, fresh.engine, input, now());
    const said = t.effects.filter((e) => e.type === "say");
    const next: Conversation = {
      ...fresh,
      engine: t.state,
      answeredSeq: cause,
      botSaid: { cause: String(cause), effects: said },
    };
    // The first turn that classifies the lead as an MQL or SQL marks it, once (the lead.qualified webhook).
    if (!fresh.qualifiedAt && qualifiedStages.has(t.state.qualification.stage)) next.qualifiedAt = now();
    const finished = t.effects.find((e) => e.type === "finished");
    // A hot lead (or one asking for a person) waits for a rep; any other ending closes the conversation.
    if (finished?.outcome === "handoff") Object.assign(next, { status: "queued", queuedAt: now() });
    else if (finished) next.status = "closed";
    return { next, lines: lines(fresh.id, String(cause), t.effects) };
  }

  // What follows a bot turn's write: its lines go out, and a new status is announced.
  async function turned(before: Conversation, after: Conversation, said: AppendResult[]): Promise<void> {
    events.turned?.(after);
    published(said);
    if (after.status === before.status) return;
    publish.conversation(await view(after));
    if (after.status === "queued") events.queued(after);
  }

  // One bot turn for the visitor message `cause`, applied once even when several processes or resends race: the
  // turn runs only while the bot still owns the conversation and has not answered this message (answeredSeq).
  async function botTurn(id: string, playbook: Playbook, input: Input, cause: number) {
    let said: MessageDraft[] = [];
    const result = await update(
      id,
      (fresh) => {
        const answer = botStep(fresh, playbook, input, cause);
        said = answer?.lines ?? [];
        return answer?.next ?? null;
      },
      undefined,
      () => said,
    );
    if (result.wrote) await turned(result.before, result.after, result.said);
  }

  // The usual turn in one write: the visitor's line (as message `seq`), the bot's new state and its lines, stored
  // together if nothing changed since `c` and `seq` were read. Null when something did (another tab's message, a
  // resend, another writer), undefined when the bot does not answer `c` (a rep's chat): either way nothing is
  // written and the caller takes the long way, one step at a time.
  async function turnAtOnce(c: Conversation, playbook: Playbook, input: Input, mine: MessageDraft, seq: number) {
    const answer = botStep(c, playbook, input, seq);
    if (!answer) return undefined;
    const stored = await store.updateConversationSaying(
      { ...answer.next, updatedAt: now() },
      c.repId,
      [mine, ...answer.lines],
      seq,
    );
    if (!stored) return null;
    written?.(c, stored.conversation);
    const [visitorLine, ...said] = stored.said as [AppendResult, ...AppendResult[]];
    publish.message(visitorLine.message);
    await turned(c, stored.conversation, said);
    return visitorLine.message;
  }

  // After a missed handoff with the callback fallback: the visitor's next messages leave a phone number and a
  // time to call. Without a number, asked once more; then the conversation ends either way.
  async function takeCallback(c: Conversation, text: string, cause: number): Promise<void> {
    const phone = extractPhone(text)?.value.phone;
    const when = text
      .replace(/(?:\+\s*)?\(?\d[\d\s().-]{5,}\d/g, " ")
      .replace(/\s+/g, " ")
      .replace(/^[\s,.;:-]+|[\s,.;:-]+$/g, "")
      .slice(0, 200);
    const asked = c.callback?.when === "";
    const { wrote, after } = await update(c.id, (fresh) => {
      if (fresh.status !== "bot" || !fresh.missedHandoff || fresh.callback?.phone) return null;
      if (!phone && !asked) return { ...fresh, callback: { when: "" } };
      const callback = phone ? { phone, ...(when ? { when } : {}) } : {};
      return { ...fresh, status: "closed", callback };
    });
    if (!wrote) return;
    const reply =
      !phone && !asked
        ? "What number should we call you on?"
        : phone
          ? `Thanks! A rep will call you at ${phone}${when ? ` (${when})` : ""}.`
          : "Thanks! A rep will follow up by email.";
    await append({ conversationId: c.id, clientId: `bot:${cause}:0`, author: "bot", text: reply, at: now() });
    if (after.status === "closed") publish.conversation(await view(after));
  }

  return {
    view,
    update,
    append,
    trackPage,

    // Stores who the host page says the visitor is (verified or not, decided by the caller), unless it would
    // talk over a verified identity (shared/leads/identity.ts). Returns the conversation as stored.
    async identify(conversationId: string, claim: VisitorIdentity): Promise<Conversation> {
      const { after } = await update(conversationId, (c) => {
        const identity = mergeIdentity(c.identity, claim);
        return identity ? { ...c, identity } : null;
      });
      return after;
    },
    lead: async (c: Conversation) => leadCard(c, await store.getSite(c.siteKey)),
    get: mustGet,
    typing: (t: Typing) => publish.typing(t),

    async repTyping(conversationId: string, rep: RepUser, typing: boolean): Promise<void> {
      const c = await mustGet(conversationId);
      if (c.repId !== rep.id) throw new BanterError(ErrorCode.FORBIDDEN, "This conversation is not yours.");
      publish.typing({ conversationId, author: "rep", name: rep.name, typing });
    },

    // The visitor's conversation on this site: the open one, the closed one unless they asked for a new one, or a
    // new one (greeting and first question).
    async open(
      site: Site,
      visitorId: string,
      pageUrl: string | undefined,
      startNew = false,
      timeZone?: string,
      pagesBefore: string[] = [],
      // Where the visit came from: stored with a new conversation only, never over an existing one's.
      source?: LeadSource,
    ): Promise<Conversation> {
      const existingId = await store.findVisitorConversation(site.key, visitorId);
      const existing = existingId ? await store.getConversation(existingId) : null;
      // Recovery after a crash between a bot turn and its messages (closing lines included); a no-op
      // (deduplicated) otherwise.
      if (existing?.botSaid) await say(existing.id, existing.botSaid.cause, existing.botSaid.effects);
      if (existing?.status === "closed" && !startNew) return existing;
      if (existing && existing.status !== "closed") return trackPage(existing, pageUrl, timeZone);
      const playbook = await playbookOf(site.playbookId, site.playbookVersion);
      const t = start(playbook);
      const at = now();
      const draft: Conversation = {
        id: newId(),
        siteKey: site.key,
        visitorId,
        status: "bot",
        engine: t.state,
        createdAt: at,
        updatedAt: at,
        rev: 0,
        botSaid: { cause: "start", effects: t.effects.filter((e) => e.type === "say") },
      };
      const trail = [...pagesBefore, ...(pageUrl ? [pageUrl] : [])].filter((p, i, all) => p !== all[i - 1]);
      if (pageUrl) draft.pageUrl = pageUrl;
      if (trail.length > 0) draft.pageTrail = trail.slice(-maxPageTrail);
      if (timeZone) draft.timeZone = timeZone;
      if (source && Object.keys(source).length > 0) draft.source = source;
      const c = await store.createConversation(draft);
      // Whoever created it says the greeting; a racing second tab gets the same ids, deduplicated.
      await say(c.id, "start", t.effects);
      return c;
    },

    // `allowed`: the caller's limits check, under way; the conversation is read in the same round trip, and
    // nothing is written unless it passes.
    async visitorSays(
      conversationId: string,
      req: { clientId: string; text?: string; choice?: string },
      allowed: Promise<unknown> = Promise.resolve(),
    ): Promise<Message> {
      const read = Promise.all([store.getConversation(conversationId), store.lastSeq(conversationId)]);
      // Caught at once: a failed read while the check is pending is not an unhandled rejection.
      read.catch(() => {});
      await allowed;
      const [found, last] = await read;
      if (!found) throw new BanterError(ErrorCode.NOT_FOUND, "No such conversation.");
      let c = found;
      if (c.status === "closed") throw new BanterError(ErrorCode.CLOSED, "This conversation has ended.");
      const playbook = await playbookOf(c.engine.playbookId, c.engine.playbookVersion);
      let text = req.text ?? "";
      if (req.choice !== undefined) {
        const label = quickReplyLabel(playbook, req.choice);
        if (!label) throw new BanterError(ErrorCode.BAD_REQUEST, "That quick reply is not on offer.");
        text = label;
      }
      const mine: MessageDraft = { conversationId, clientId: req.clientId, author: "visitor", text, at: now() };
      const input: Input = req.choice !== undefined ? { choice: req.choice } : { text };
      const callbackOf = (x: Conversation) => x.missedHandoff && x.status === "bot" && !x.callback?.phone;
      if (!callbackOf(c)) {
        const done = await turnAtOnce(c, playbook, input, mine, last + 1);
        if (done) return done;
        if (done === null) {
          // Something moved since the read (a close, another tab's line, a resend): the long way starts from a
          // fresh copy, and a conversation closed meanwhile takes no more lines.
          c = await mustGet(conversationId);
          if (c.status === "closed") throw new BanterError(ErrorCode.CLOSED, "This conversation has ended.");
        }
      }
      const callback = callbackOf(c);
      const { message, duplicate } = await store.appendMessage(mine);
      if (!duplicate) publish.message(message);
      if (callback) {
        await takeCallback(c, text, message.seq);
        return message;
      }
      // A resend of a message whose turn failed is answered now; botTurn skips it if it was answered.
      await botTurn(conversationId, playbook, input, message.seq);
      return message;
    },

    async accept(conversationId: string, rep: RepUser): Promise<Conversation> {
      const { before, after } = await update(conversationId, (c) => {
        if (c.status === "live") throw new BanterError(ErrorCode.CONFLICT, "Another rep took this lead.");
        if (c.status !== "queued") throw new BanterError(ErrorCode.CLOSED, "This lead is no longer waiting.");
        return { ...c, status: "live", repId: rep.id, repName: rep.name, acceptedAt: now() };
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
      publish.conversation(await view(after));
      return after;
    },

    async repSays(conversationId: string, rep: RepUser, clientId: string, text: string): Promise<Message> {
      const c = await mustGet(conversationId);
      if (c.repId !== rep.id) throw new BanterError(ErrorCode.FORBIDDEN, "This conversation is not yours.");
      if (c.status !== "live") throw new BanterError(ErrorCode.CLOSED, "This conversation has ended.");
      return append({ conversationId, clientId, author: "rep", authorName: rep.name, text, at: now() });
    },

    // Read receipts: everything up to seq (capped at what exists) is read by the conversation's rep.
    async markRead(conversationId: string, rep: RepUser, seq: number): Promise<Conversation> {
      const last = await store.lastSeq(conversationId);
      const { after, wrote } = await update(conversationId, (c) => {
        if (c.repId !== rep.id) throw new BanterError(ErrorCode.FORBIDDEN, "This conversation is not yours.");
        const read = Math.min(seq, last);
        return read > (c.repReadSeq ?? 0) ? { ...c, repReadSeq: read } : null;
      });
      if (wrote) publish.conversation(await view(after));
      return after;
    },

    // Hands a live conversation to another rep (checked available with free capacity by the caller).
    async transfer(conversationId: string, from: RepUser, to: RepUser): Promise<Conversation> {
      const { after } = await update(conversationId, (c) => {
        if (c.repId !== from.id) throw new BanterError(ErrorCode.FORBIDDEN, "This conversation is not yours.");
        if (c.status !== "live") throw new BanterError(ErrorCode.CLOSED, "This conversation has ended.");
        return { ...c, repId: to.id, repName: to.name, repReadSeq: 0 };
      });
      await append({
        conversationId,
        clientId: `system:transfer:${after.rev}`,
        author: "system",
        text: `${from.name} transferred the chat to ${to.name}.`,
        at: now(),
      });
      publish.conversation(await view(after));
      publish.assigned(to.id, leadCard(after, await store.getSite(after.siteKey)));
      events.freed(after.siteKey);
      return after;
    },

    async close(
      conversationId: string,
      // The owner ends a conversation to erase the visitor's data: the visitor and the rep are told like any close.
      by: { visitor: true } | { rep: RepUser; outcome?: Outcome } | { owner: RepUser },
    ): Promise<Conversation> {
      const { before, after, wrote } = await update(conversationId, (c) => {
        if ("rep" in by && c.repId !== by.rep.id)
          throw new BanterError(ErrorCode.FORBIDDEN, "This conversation is not yours.");
        if (c.status === "closed") return null;
        return "rep" in by && by.outcome ? { ...c, status: "closed", outcome: by.outcome } : { ...c, status: "closed" };
      });
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
      publish.conversation(await view(after));
      return after;
    },
  };
}

export type ConversationService = ReturnType<typeof conversationService>;
