// Every write of a conversation goes through here: a compare-and-set on its rev, retried on the freshest copy
// until it wins, so the service and routing can both change a conversation without losing each other's writes.
// What to write is a transition's (shared/lifecycle) or the caller's; the writer only applies it.
import type { Step } from "../../shared/lifecycle/index.ts";
import { BanterError, ErrorCode } from "../../shared/protocol/index.ts";
import type { AppendResult, Conversation, ConversationsStore, LimitHit, MessageDraft } from "../store/types.ts";

export interface WriterDeps {
  store: ConversationsStore;
  now: () => number;
  // After every conversation write this process won (webhooks): what the conversation was and became.
  written?: (before: Conversation, after: Conversation) => void;
}

export interface Written {
  before: Conversation;
  after: Conversation;
  wrote: boolean;
  // The lines stored with the write (`saying`), not yet published.
  said: AppendResult[];
}

// `saying`: messages stored in the same step as the write that wins (a bot turn's lines, made by the same
// `change`). `room`: the write makes the chat live for a rep, who must have room for it among their live chats
// (the store counts them in the same step); `full` is the refusal when they have not.
export type WriteOptions =
  | { saying?: () => MessageDraft[]; room?: never }
  | { room: { capacity: number; full: BanterError }; saying?: never };

// Compare-and-set retries before giving up; contention on one conversation is two or three writers at most.
const maxAttempts = 8;

export function conversationWriter({ store, now, written }: WriterDeps) {
  async function get(id: string): Promise<Conversation> {
    const c = await store.getConversation(id);
    if (!c) throw new BanterError(ErrorCode.NOT_FOUND, "No such conversation.");
    return c;
  }

  // Applies `change` to the freshest copy until the compare-and-set wins. `change` answers null to write nothing,
  // or a refusal, thrown as it is.
  async function update(
    id: string,
    change: (c: Conversation) => Step<Conversation>,
    options: WriteOptions = {},
  ): Promise<Written> {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const before = await get(id);
      const next = change(before);
      if (next instanceof BanterError) throw next;
      if (!next) return { before, after: before, wrote: false, said: [] };
      const stored = await put(before, { ...next, updatedAt: now() }, options);
      if (!stored) continue;
      written?.(before, stored.conversation);
      return { before, after: stored.conversation, wrote: true, said: stored.said };
    }
    throw new BanterError(ErrorCode.CONFLICT, "The conversation is busy; try again.");
  }

  async function put(before: Conversation, next: Conversation, { saying, room }: WriteOptions) {
    if (!room) return store.updateConversationSaying(next, before.repId, saying?.() ?? []);
    const stored = await store.updateConversationIfRoom(next, before.repId, room.capacity);
    if (stored === "full") throw room.full;
    return stored && { conversation: stored, said: [] };
  }

  // One try, no retry: `next` with `lines` if nothing changed since `before` was read and lines[0] gets `firstSeq`
  // (the store's updateConversationSaying). Null when something did. `limits`: counted in the same step
  // (updateConversationTurn), which refuses the write with `retryAfterMs` when one is over.
  async function once(
    before: Conversation,
    next: Conversation,
    lines: MessageDraft[],
    firstSeq: number,
    limits: LimitHit[] = [],
  ): Promise<{ conversation: Conversation; said: AppendResult[] } | { retryAfterMs: number } | null> {
    const stamped = { ...next, updatedAt: now() };
    const stored =
      limits.length > 0
        ? await store.updateConversationTurn(stamped, before.repId, lines, firstSeq, limits)
        : await store.updateConversationSaying(stamped, before.repId, lines, firstSeq);
    if (stored && "conversation" in stored) written?.(before, stored.conversation);
    return stored;
  }

  // A drafted conversation (H3) stored as `next` with `lines`, its first turn, in one step: `start` is the
  // conversation as it would be stored alone (drafts.ts). The store's createConversationTurn: "exists" when the
  // draft is stored already or its visitor has another open conversation, and nothing is written.
  async function first(start: Conversation, next: Conversation, lines: MessageDraft[], limits: LimitHit[]) {
    const stored = await store.createConversationTurn({ ...next, updatedAt: now() }, lines, limits);
    if (stored !== "exists" && "conversation" in stored) written?.({ ...start, rev: 1 }, stored.conversation);
    return stored;
  }

  return { get, update, once, first };
}

export type ConversationWriter = ReturnType<typeof conversationWriter>;
