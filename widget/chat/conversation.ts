// The visitor's side of one conversation, outside Preact so it can be driven by a fake socket in tests. The
// server is the authority: this only holds what it was told, plus an outbox of sends not yet acknowledged.
import {
  BanterError,
  type ConversationStatus,
  type ConversationView,
  ErrorCode,
  type Message,
  type VisitorSend,
} from "../../shared/protocol/index.ts";
import { connectErrorOf, request, type VisitorSocket } from "../transport/socket.ts";
import { contiguousSeq, mergeMessages } from "../ui/messages.ts";
import type { TokenStore } from "./storage.ts";

export interface Outgoing {
  clientId: string;
  // What the pending bubble shows: the text, or the label of the quick reply chosen.
  label: string;
  req: VisitorSend;
  failed: boolean;
  // Refused for good (the conversation ended, the message is invalid): not re-sent on the next join.
  refused?: boolean;
  // Which delivery attempt is current, so a late failure of an earlier attempt cannot mark a retry failed.
  attempt: number;
}

// connecting: before the first join; online: joined; reconnecting: lost, socket.io is retrying;
// refused: the server turned the handshake down (unknown site, forbidden origin) and will not be retried.
export type Link = "connecting" | "online" | "reconnecting" | "refused";

export interface ChatState {
  conversationId: string | null;
  status: ConversationStatus | null;
  repName?: string;
  messages: Message[];
  outbox: Outgoing[];
  link: Link;
  error: string | null;
}

export interface ConversationDeps {
  socket: VisitorSocket;
  tokens: TokenStore;
  newClientId(): string;
  pageUrl(): string;
}

export class Conversation {
  private state: ChatState = {
    conversationId: null,
    status: null,
    messages: [],
    outbox: [],
    link: "connecting",
    error: null,
  };
  private readonly listeners = new Set<() => void>();
  private joined = false;
  // Bumped on every connect so the answer to a join from an earlier connection is ignored.
  private generation = 0;

  constructor(private readonly deps: ConversationDeps) {
    const { socket } = deps;
    socket.on("connect", () => void this.join(true));
    socket.on("disconnect", () => {
      this.joined = false;
      this.generation++;
      this.set({ link: "reconnecting" });
    });
    socket.on("connect_error", (err) => {
      this.set({ link: socket.active ? "reconnecting" : "refused", error: connectErrorOf(err).message });
    });
    socket.on("message:created", (m) => this.receive([m]));
    socket.on("conversation:updated", (c) => this.apply(c));
  }

  get(): ChatState {
    return this.state;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  sendText(text: string): void {
    this.enqueue({ text }, text);
  }

  choose(value: string, label: string): void {
    this.enqueue({ choice: value }, label);
  }

  // The server opens a new conversation for a visitor whose last one is closed; joining again fetches it.
  async startNew(): Promise<void> {
    if (this.state.status === "closed" && this.joined) await this.join(false);
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
    this.deps.socket.removeAllListeners();
    this.deps.socket.disconnect();
  }

  private async join(mayRetryFresh: boolean): Promise<void> {
    const gen = ++this.generation;
    this.joined = false;
    const visitorToken = this.deps.tokens.get();
    const lastSeq = contiguousSeq(this.state.messages);
    try {
      const res = await request(this.deps.socket, "conversation:join", {
        ...(visitorToken ? { visitorToken } : {}),
        lastSeq,
        pageUrl: this.deps.pageUrl(),
      });
      if (gen !== this.generation) return;
      this.deps.tokens.set(res.visitorToken);
      const known = this.state.conversationId;
      if (known && res.conversation.id !== known) {
        // A different conversation (the old one expired or was replaced): what we hold belongs to the old one, and
        // the answer started after our old lastSeq, so drop it all and ask for the new one from the start.
        this.set({ conversationId: null, messages: [] });
        if (lastSeq > 0) return this.join(false);
      }
      this.joined = true;
      this.set({ conversationId: res.conversation.id, link: "online", error: null });
      this.apply(res.conversation);
      this.receive(res.messages);
      this.flush();
    } catch (err) {
      if (gen !== this.generation) return;
      // A stale or foreign token must not lock the visitor out: forget it and start over once.
      if (mayRetryFresh && visitorToken && err instanceof BanterError && err.code === ErrorCode.UNAUTHORIZED) {
        this.deps.tokens.clear();
        return this.join(false);
      }
      this.set({ error: messageOf(err) });
    }
  }

  private enqueue(body: { text: string } | { choice: string }, label: string): void {
    const clientId = this.deps.newClientId();
    const item: Outgoing = { clientId, label, req: { clientId, ...body }, failed: false, attempt: 0 };
    this.set({ outbox: [...this.state.outbox, item], error: null });
    // Not joined: the item waits in the outbox and goes out after the next join, never before it (socket.io
    // would flush its own buffer ahead of our join and the server would answer NOT_JOINED).
    if (this.joined) this.deliver(clientId);
  }

  // Resending after a reconnect is safe: the server deduplicates by clientId.
  private flush(): void {
    for (const item of this.state.outbox) if (!item.refused) this.deliver(item.clientId);
  }

  private deliver(clientId: string): void {
    const item = this.state.outbox.find((o) => o.clientId === clientId);
    if (!item) return;
    const attempt = item.attempt + 1;
    this.patchOutgoing(clientId, { attempt, failed: false });
    request(this.deps.socket, "message:send", item.req).then(
      ({ message }) => this.receive([message]),
      (err) => {
        const now = this.state.outbox.find((o) => o.clientId === clientId);
        if (now?.attempt !== attempt) return;
        const refused = err instanceof BanterError && refusals.has(err.code);
        this.patchOutgoing(clientId, { failed: true, refused });
        this.set({ error: messageOf(err) });
      },
    );
  }

  private receive(all: Message[]): void {
    const id = this.state.conversationId;
    const incoming = id ? all.filter((m) => m.conversationId === id) : all;
    if (incoming.length === 0) return;
    // The stored copy of one of our sends replaces its pending bubble, whether the ack or the broadcast came first.
    const sent = new Set(incoming.filter((m) => m.author === "visitor").map((m) => m.clientId));
    this.set({
      messages: mergeMessages(this.state.messages, incoming),
      outbox: sent.size ? this.state.outbox.filter((o) => !sent.has(o.clientId)) : this.state.outbox,
    });
  }

  // The socket is only in its own conversation's room; the id check guards the moment a new conversation replaces
  // the old one.
  private apply(c: ConversationView): void {
    if (this.state.conversationId && c.id !== this.state.conversationId) return;
    this.set({ conversationId: c.id, status: c.status, repName: c.repName });
  }

  private patchOutgoing(clientId: string, patch: Partial<Outgoing>): void {
    this.set({ outbox: this.state.outbox.map((o) => (o.clientId === clientId ? { ...o, ...patch } : o)) });
  }

  private set(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn();
  }
}

// Answers that a resend cannot change.
const refusals = new Set<string>([ErrorCode.CLOSED, ErrorCode.BAD_REQUEST, ErrorCode.FORBIDDEN]);

function messageOf(err: unknown): string {
  return err instanceof BanterError ? err.message : "Something went wrong. Please try again.";
}
