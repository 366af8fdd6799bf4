// How one conversation's state changes when the server sends a snapshot of it, or a fresh inbox.
import type {
  ConversationDetail,
  ConversationStatus,
  Inbox,
  LeadCard,
  Message,
  RepUser,
} from "../../../shared/protocol/index.ts";
import { mergeMessages } from "../../ui/messages.ts";
import { type PendingMessage, settlePending } from "./messages.ts";

export interface Chat {
  lead: LeadCard;
  status: ConversationStatus;
  messages: Message[];
  pending: PendingMessage[];
  // How far the rep has read: what this console saw, or the server's repReadSeq (another tab), whichever is higher.
  readSeq: number;
  visitorTyping: boolean;
}

export function newChat(lead: LeadCard): Chat {
  return { lead, status: lead.status, messages: [], pending: [], readSeq: 0, visitorTyping: false };
}

// The visitor's messages after the read mark. Bot and system lines are not news a rep has to answer.
export function unreadCount(chat: Chat): number {
  return chat.messages.filter((m) => m.author === "visitor" && m.seq > chat.readSeq).length;
}

function withDetail(chat: Chat | undefined, detail: ConversationDetail): Chat {
  const base = chat ?? newChat(detail.lead);
  return {
    ...base,
    lead: detail.lead,
    status: detail.conversation.status,
    messages: mergeMessages(base.messages, detail.messages),
    pending: settlePending(base.pending, detail.messages),
    readSeq: Math.max(base.readSeq, detail.conversation.repReadSeq ?? 0),
  };
}

// The part of the console's state these work on (console-state.ts holds the rest).
interface ChatsState {
  me?: RepUser;
  offers: LeadCard[];
  chats: Chat[];
  selectedId?: string;
}

export function updateChat<S extends ChatsState>(state: S, id: string, f: (chat: Chat) => Chat): S {
  if (!state.chats.some((c) => c.lead.conversationId === id)) return state;
  return { ...state, chats: state.chats.map((c) => (c.lead.conversationId === id ? f(c) : c)) };
}

export function upsertDetail(state: ChatsState, detail: ConversationDetail): Chat[] {
  const id = detail.lead.conversationId;
  const existing = state.chats.find((c) => c.lead.conversationId === id);
  const chat = withDetail(existing, detail);
  return existing ? state.chats.map((c) => (c === existing ? chat : c)) : [chat, ...state.chats];
}

export function fromInbox<S extends ChatsState>(state: S, inbox: Inbox): S {
  // Messages already loaded survive a reconnect; the open conversation survives even once closed, so the rep
  // can still read it.
  const old = new Map(state.chats.map((c) => [c.lead.conversationId, c]));
  const chats = inbox.conversations.map((lead) => {
    const prev = old.get(lead.conversationId);
    return prev ? { ...prev, lead, status: lead.status } : newChat(lead);
  });
  const selected = state.selectedId ? old.get(state.selectedId) : undefined;
  if (selected && !chats.some((c) => c.lead.conversationId === state.selectedId)) chats.push(selected);
  const selectedId = chats.some((c) => c.lead.conversationId === state.selectedId) ? state.selectedId : undefined;
  return { ...state, me: inbox.me, offers: inbox.offers, chats, selectedId };
}
