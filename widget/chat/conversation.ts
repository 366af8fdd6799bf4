// The visitor's side of one conversation, outside Preact so it can be driven by a fake socket in tests. The
// server is the authority: this only holds what it was told, plus an outbox of sends not yet acknowledged.

import type { ActivityReport } from "../../shared/protocol/behaviour.ts";
import type { PendingTrigger } from "../../shared/protocol/engage.ts";
import {
  BanterError,
  type ConversationView,
  ErrorCode,
  type IdentifyRequest,
  isTransient,
  type LeadSource,
  type Message,
  type RateRequest,
  retryMaxMs,
} from "../../shared/protocol/index.ts";
import { createOutbox, type Outbox } from "../transport/outbox.ts";
import type { OutboxStore } from "../transport/outbox-store.ts";
import { connectErrorOf, onMessages, request, type VisitorSocket } from "../transport/socket.ts";
import { type TypingIndicators, type TypingSignal, typingIndicators, typingSignal } from "../transport/typing.ts";
import { backoffMs } from "../ui/backoff.ts";
import { contiguousSeq, mergeMessages } from "../ui/messages.ts";
import type { ChatState } from "./chat-state.ts";
import { type Tell, tellChanges } from "./embed-events.ts";
import type { SavedSend } from "./outbox-store.ts";
import type { TokenStore } from "./storage.ts";

export interface ConversationDeps {
  socket: VisitorSocket;
  tokens: TokenStore;
  outbox: OutboxStore<SavedSend>;
  newClientId(): string;
  pageUrl(): string;
  // Pages opened on the site before this one (the loader keeps them); absent in tests that do not care.
  pagesBefore?(): string[];
  // The page's IANA time zone, sent with every join (undefined: not known, nothing sent).
  timeZone?(): string | undefined;
  // Where this visit came from and who the host page said the visitor is (the loader keeps both), for the join.
  source?(): LeadSource | undefined;
  identity?(): IdentifyRequest | undefined;
  // A teaser the visitor clicked (storage.ts pendingTrigger), sent with the next join, and forgotten once it went.
  trigger?(): PendingTrigger | undefined;
  triggerDone?(): void;
  // What the loader recorded of the visit, sent with the join of a visitor who has no token yet, and told when a
  // join carried it (the server has it then).
  behaviour?(): ActivityReport | undefined;
  behaviourSent?(): void;
  // Tells the host page's Banter('on', ...) listeners what happened.
  tell?: Tell;
}

export class Conversation {
  private state: ChatState;
  private readonly listeners = new Set<() => void>();
  private joined = false;
  // Bumped on every connect so the answer to a join from an earlier connection is ignored.
  private generation = 0;
  private joinTries = 0;
  private joinTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly outbox: Outbox<SavedSend>;
  private readonly typing: TypingSignal;
  // The rep's typing, by name; one conversation at a time (key "").
  private readonly repTyping: TypingIndicators<string>;
  // The error the outbox reported, so the outbox clears only its own.
  private outboxError: string | null = null;
  // A returning visitor's first join brings the conversation as it stood: history, not news for the host page.
  private quiet: boolean;

  constructor(private readonly deps: ConversationDeps) {
    const { socket } = deps;
    this.outbox = createOutbox<SavedSend>({
      author: "visitor",
      store: deps.outbox,
      send: (o) => request(socket, "message:send", o.req).then((r) => r.message),
      delivered: (_o, m) => {
        this.problem(null);
        this.receive([m]);
      },
      failed: (_o, e) => this.problem(e.message),
      // Only the rate limit is the visitor's to know (and act on); other hiccups stay behind "sending…".
      waiting: (e) => {
        if (e.code === ErrorCode.RATE_LIMITED) this.problem(e.message);
      },
      changed: (outbox) => this.set({ outbox }),
    });
    this.typing = typingSignal((typing) => {
      // Only a courtesy to the rep: a lost one just delays their indicator.
      if (this.joined) request(socket, "typing:set", { typing }).catch(() => {});
    });
    this.repTyping = typingIndicators((_, repTyping) => {
      if (repTyping !== this.state.repTyping) this.set({ repTyping });
    });
    this.quiet = deps.tokens.get() !== undefined;
    this.state = {
      conversationId: null,
      status: null,
      repReadSeq: 0,
      repTyping: null,
      queue: null,
      messages: [],
      outbox: [],
      link: "connecting",
      error: null,
    };
    // Sends a reload interrupted: shown as pending at once, sent after the first join.
    this.outbox.restore(deps.outbox.load());

    socket.on("connect", () => void this.join(true));
    socket.on("disconnect", () => {
      this.joined = false;
      this.generation++;
      clearTimeout(this.joinTimer);
      this.outbox.pause();
      this.typing.reset();
      this.repTyping.set("", null);
      this.set({ link: "reconnecting" });
    });
    socket.on("connect_error", (err) => {
      const e = connectErrorOf(err);
      // socket.io retries lost connections itself (active), but not a handshake the server refused. Of those, a
      // transient one (too many connections from this network, the store down) is worth asking again later.
      const retry = !socket.active && isTransient(e.code);
      this.set({ link: socket.active || retry ? "reconnecting" : "refused", error: e.message });
      if (retry) this.joinTimer = setTimeout(() => socket.connect(), backoffMs(this.joinTries++, retryMaxMs));
    });
    onMessages(socket, (ms) => this.receive(ms));
    socket.on("conversation:updated", (c) => this.apply(c));
    socket.on("typing:updated", (t) => {
      if (t.author !== "rep" || (this.state.conversationId && t.conversationId !== this.state.conversationId)) return;
      this.repTyping.set("", t.typing ? t.name || this.state.repName || "Someone" : null);
    });
    // Kept whatever the status: the server may tell the place before the conversation:updated that says "queued".
    socket.on("queue:updated", (q) => {
      if (!this.state.conversationId || q.conversationId === this.state.conversationId) this.set({ queue: q });
    });
  }

  get(): ChatState {
    return this.state;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  sendText(text: string): void {
    this.typing.stop();
    this.enqueue({ text }, text);
  }

  choose(value: string, label: string): void {
    this.enqueue({ choice: value }, label);
  }

  // The visitor typed in the composer. Only a rep watches: while the bot runs nobody is told.
  typed(): void {
    if (this.joined && this.state.status === "live") this.typing.input();
  }

  // Only on the visitor's request does the server replace a closed conversation with a new one.
  async startNew(): Promise<void> {
    if (this.state.status === "closed" && this.joined) await this.join(false, true);
  }

  // The host page moved to another page (Banter('page'), a history change). Until joined there is nothing to do:
  // the loader keeps the page list, and the next join carries it.
  page(pageUrl: string): void {
    if (this.joined) request(this.deps.socket, "page:view", { pageUrl }).catch(warn("page"));
  }

  // ChatHandle.engage(): the engage chunk left a clicked teaser for an app already joined. Joined again to carry it,
  // from the first message: a conversation not yet written in restarts at the teaser's question, under the same
  // seqs. The outbox waits for that join, so the teaser's reply follows it.
  engage(): void {
    if (!this.joined) return;
    this.outbox.pause();
    void this.join(false, false, true);
  }

  // Banter('identify', ...): the loader has stored it for later joins; a joined conversation hears it now.
  identify(req: IdentifyRequest): void {
    if (this.joined) request(this.deps.socket, "visitor:identify", req).catch(warn("identify"));
  }

  // "Email me this transcript": where it goes, and whether this server sends email at all.
  emailTranscript(email?: string) {
    return request(this.deps.socket, "transcript:email", email ? { email } : {});
  }

  // "How was your chat?" (lifecycle L13): the answer marks the conversation rated; a refusal is the caller's to show.
  async rate(req: RateRequest): Promise<void> {
    this.apply((await request(this.deps.socket, "conversation:rate", req)).conversation);
  }

  async end(): Promise<void> {
    try {
      const { conversation } = await request(this.deps.socket, "conversation:close", {});
      this.apply(conversation);
    } catch (err) {
      this.set({ error: messageOf(err) });
    }
  }

  dispose(): void {
    this.listeners.clear();
    clearTimeout(this.joinTimer);
    this.outbox.stop();
    this.typing.reset();
    this.repTyping.set("", null);
    this.deps.socket.removeAllListeners();
    this.deps.socket.disconnect();
  }

  private plainJoin = false;

  private async join(mayRetryFresh: boolean, startNew = false, fromStart = false): Promise<void> {
    const gen = ++this.generation;
    this.joined = false;
    clearTimeout(this.joinTimer);
    const visitorToken = this.deps.tokens.get();
    // After a reconnect: from the highest seq below which nothing is missing, so a lost broadcast is refilled too.
    const lastSeq = fromStart ? 0 : contiguousSeq(this.state.messages);
    const timeZone = this.deps.timeZone?.();
    // Sent until the server refuses them once (a host page's identity it holds to stricter rules than ours).
    const source = this.plainJoin ? undefined : this.deps.source?.();
    const identity = this.plainJoin ? undefined : this.deps.identity?.();
    const trigger = this.plainJoin ? undefined : this.deps.trigger?.();
    const behaviour = this.plainJoin || visitorToken ? undefined : this.deps.behaviour?.();
    try {
      const res = await request(this.deps.socket, "conversation:join", {
        ...(visitorToken ? { visitorToken } : {}),
        lastSeq,
        pageUrl: this.deps.pageUrl(),
        ...(timeZone ? { timeZone } : {}),
        ...(this.deps.pagesBefore ? { pagesBefore: this.deps.pagesBefore().slice(0, -1) } : {}),
        // A clicked teaser asks for a chat: a closed conversation is replaced, as by "Start a new chat".
        ...(startNew || trigger ? { startNew: true } : {}),
        ...(source ? { source } : {}),
        ...(identity ? { identity } : {}),
        ...(trigger ? { trigger: { id: trigger.id, ...(trigger.startAt ? { startAt: trigger.startAt } : {}) } } : {}),
        ...(behaviour ? { behaviour } : {}),
      });
      if (gen !== this.generation) return;
      this.joinTries = 0;
      this.deps.tokens.set(res.visitorToken);
      if (behaviour) this.deps.behaviourSent?.();
      const c = res.conversation;
      const known = this.state.conversationId;
      if (known && c.id !== known) {
        // A different conversation (the old one expired or was replaced): what we hold belongs to the old one, and
        // the answer started after our old lastSeq, so drop it all and ask for the new one from the start.
        this.outbox.dropRefused();
        this.set({ conversationId: null, messages: [], repReadSeq: 0, queue: null });
        if (lastSeq > 0) return this.join(false, startNew);
      }
      const incoming = res.messages.filter((m) => m.conversationId === c.id);
      const messages = mergeMessages(this.state.messages, incoming);
      const have = contiguousSeq(messages);
      // An ack carries one page of messages (the server's read limit). While more are missing and this page brought
      // some, ask for the rest before going online; requiring progress keeps this from looping.
      if (have < c.lastSeq && have > lastSeq) {
        this.set({ conversationId: c.id, messages });
        return this.join(false, false, fromStart);
      }
      this.joined = true;
      this.outbox.settle(incoming);
      this.set({ ...viewPatch(c, this.state), conversationId: c.id, messages, link: "online", error: null });
      this.quiet = false;
      this.outbox.resume();
      if (trigger) {
        this.deps.triggerDone?.();
        // The quick reply the visitor clicked is their first message, through the outbox like any other.
        if (trigger.reply) this.sendText(trigger.reply);
      } else if (!this.plainJoin && this.deps.trigger?.()) {
        // Left while this join was on its way: one more join carries it (never after the server refused one).
        this.engage();
      }
    } catch (err) {
      if (gen !== this.generation) return;
      // A stale or foreign token must not lock the visitor out: forget it and start over once.
      if (mayRetryFresh && visitorToken && err instanceof BanterError && err.code === ErrorCode.UNAUTHORIZED) {
        this.deps.tokens.clear();
        this.quiet = false;
        return this.join(false);
      }
      // What the host page said about the visit must never keep the visitor from chatting: join without it.
      if (
        err instanceof BanterError &&
        err.code === ErrorCode.BAD_REQUEST &&
        (source || identity || trigger || behaviour)
      ) {
        console.warn(
          `Banter: the chat server refused the visit's source, identity, teaser or behaviour (${err.message}); joining without.`,
        );
        this.plainJoin = true;
        this.deps.triggerDone?.();
        return this.join(mayRetryFresh, startNew, fromStart);
      }
      this.set({ error: messageOf(err) });
      // The store was unreachable for a moment, or the answer was late: try again, further apart each time.
      const code = err instanceof BanterError ? err.code : ErrorCode.INTERNAL;
      if (isTransient(code) && this.deps.socket.connected) {
        // Jittered even when the server says how long: clients behind one address must not all come back at once.
        const hint = err instanceof BanterError ? err.retryAfterMs : undefined;
        const wait = Math.max(hint ?? 0, backoffMs(this.joinTries++, retryMaxMs));
        this.joinTimer = setTimeout(() => {
          // A retried "Start a new chat" stays one.
          if (gen === this.generation) void this.join(mayRetryFresh, startNew, fromStart);
        }, wait);
      }
    }
  }

  private enqueue(body: { text: string } | { choice: string }, label: string): void {
    const clientId = this.deps.newClientId();
    // Acting again puts the last problem behind; a new one shows up again if it persists.
    this.set({ error: null });
    // Not joined: the item waits in the outbox and goes out after the next join, never before it (socket.io
    // would flush its own buffer ahead of our join and the server would answer NOT_JOINED).
    this.outbox.send({ clientId, label, req: { clientId, ...body }, at: Date.now() });
  }

  private receive(all: Message[]): void {
    const id = this.state.conversationId;
    const incoming = id ? all.filter((m) => m.conversationId === id) : all;
    if (incoming.length === 0) return;
    // A rep's message ends their typing, even if the typing:false was lost on the way.
    if (incoming.some((m) => m.author === "rep")) this.repTyping.set("", null);
    // The stored copy of one of our sends replaces its pending bubble, whether the ack or the broadcast came first.
    this.outbox.settle(incoming);
    this.set({ messages: mergeMessages(this.state.messages, incoming) });
  }

  // The socket is only in its own conversation's room; the id check guards the moment a new conversation replaces
  // the old one.
  private apply(c: ConversationView): void {
    if (this.state.conversationId && c.id !== this.state.conversationId) return;
    this.set({ ...viewPatch(c, this.state), conversationId: c.id });
  }

  // A problem the outbox reports for the visitor to read (null: the last one it reported is over). It clears only
  // its own.
  private problem(message: string | null): void {
    if (message === null && this.outboxError === null) return;
    if (message !== null) this.set({ error: message });
    else if (this.state.error === this.outboxError) this.set({ error: null });
    this.outboxError = message;
  }

  private set(patch: Partial<ChatState>): void {
    const prev = this.state;
    this.state = { ...prev, ...patch };
    if (this.deps.tell && !this.quiet) tellChanges(prev, this.state, this.deps.tell);
    for (const fn of this.listeners) fn();
  }
}

function viewPatch(c: ConversationView, held: ChatState): Partial<ChatState> {
  // Broadcasts can overtake each other: within one conversation the rep's read mark only moves forward.
  const read = c.repReadSeq ?? 0;
  return {
    status: c.status,
    repName: c.repName,
    qualification: c.qualification,
    rated: c.rated === true,
    // A place in line is stale once a rep has taken the chat; if the rep leaves, the server tells the new one.
    queue: c.status === "queued" && held.queue?.conversationId === c.id ? held.queue : null,
    repReadSeq: held.conversationId === c.id ? Math.max(held.repReadSeq, read) : read,
  };
}

// Page views and identities are the host page's business: a refusal is told to its developer, not the visitor.
function warn(what: string) {
  return (err: unknown) => console.warn(`Banter: ${what} was not recorded:`, err instanceof Error ? err.message : err);
}

function messageOf(err: unknown): string {
  return err instanceof BanterError ? err.message : "Something went wrong. Please try again.";
}
