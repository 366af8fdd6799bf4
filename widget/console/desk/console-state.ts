// Everything the console shows, as one pure reducer, so the socket wiring stays thin and the rules (dedupe, unread,
// what survives a reconnect) live in one place.
import type {
  ConversationDetail,
  ConversationView,
  Inbox,
  LeadCard,
  Message,
  Outcome,
  RepPresence,
  RepUser,
} from "../../../shared/protocol/index.ts";
import { mergeMessages } from "../../ui/messages.ts";
import { type Chat, fromInbox, newChat, updateChat, upsertDetail } from "./chats.ts";
import { type PendingMessage, settlePending } from "./messages.ts";
import type { MyStatus } from "./presence.ts";
import { upsertPresence } from "./team.ts";

export type { Chat } from "./chats.ts";
export { unreadCount } from "./chats.ts";

export type Connection = "connecting" | "online" | "reconnecting";

export interface ConsoleState {
  me?: RepUser;
  connection: Connection;
  offers: LeadCard[];
  chats: Chat[];
  selectedId?: string;
  // What this rep chose (header toggle); undefined until the inbox says who is logged in.
  status?: MyStatus;
  // Teammates for transfers, including this rep (filtered out where shown).
  team: RepPresence[];
  // Shown in role="status" (polite) and role="alert" (errors) regions.
  notice?: string;
  alert?: string;
  // Read by an aria-live="assertive" region; `count` lets the same text be announced twice.
  announcement?: { text: string; count: number };
}

export type Action =
  | { type: "connection"; connection: Connection }
  | { type: "inbox"; inbox: Inbox }
  | { type: "offer-added"; lead: LeadCard }
  | { type: "offer-removed"; conversationId: string; notice?: string }
  | { type: "accepted"; detail: ConversationDetail }
  | { type: "detail"; detail: ConversationDetail }
  | { type: "select"; conversationId: string }
  | { type: "message"; message: Message }
  | { type: "conversation"; conversation: ConversationView }
  | { type: "pending"; conversationId: string; pending: PendingMessage }
  | { type: "send-failed"; conversationId: string; clientId: string; alert: string }
  | { type: "read"; conversationId: string; seq: number }
  | { type: "typing"; conversationId: string; typing: boolean }
  | { type: "status"; status: MyStatus }
  | { type: "team"; reps: RepPresence[] }
  | { type: "presence"; presence: RepPresence }
  | { type: "assigned"; lead: LeadCard; notice: string }
  | { type: "chat-removed"; conversationId: string; notice: string }
  | { type: "closed"; conversation: ConversationView; outcome?: Outcome }
  | { type: "notice"; text?: string }
  | { type: "alert"; text?: string };

export const initialState: ConsoleState = { connection: "connecting", offers: [], chats: [], team: [] };

export function reduce(state: ConsoleState, action: Action): ConsoleState {
  switch (action.type) {
    case "connection":
      // Typing heard before a disconnect may never be cleared by the server: forget it.
      return {
        ...state,
        connection: action.connection,
        chats: action.connection === "online" ? state.chats : state.chats.map(notTyping),
      };
    case "inbox":
      return fromInbox(state, action.inbox);
    case "offer-added": {
      const id = action.lead.conversationId;
      const offers = [...state.offers.filter((o) => o.conversationId !== id), action.lead];
      const count = (state.announcement?.count ?? 0) + 1;
      return { ...state, offers, announcement: { text: `New hot lead from ${action.lead.siteName}`, count } };
    }
    case "offer-removed": {
      const offers = state.offers.filter((o) => o.conversationId !== action.conversationId);
      return { ...state, offers, notice: action.notice ?? state.notice };
    }
    case "accepted": {
      const id = action.detail.lead.conversationId;
      const offers = state.offers.filter((o) => o.conversationId !== id);
      return { ...state, offers, chats: upsertDetail(state, action.detail), selectedId: id };
    }
    case "detail":
      return { ...state, chats: upsertDetail(state, action.detail) };
    case "select":
      // Read marks follow what the rep actually sees (see useAttention), not the click.
      return { ...state, selectedId: action.conversationId };
    case "message": {
      const m = action.message;
      return updateChat(state, m.conversationId, (c) => ({
        ...c,
        messages: mergeMessages(c.messages, [m]),
        pending: settlePending(c.pending, [m]),
        // The message is what the visitor was typing.
        visitorTyping: m.author === "visitor" ? false : c.visitorTyping,
      }));
    }
    case "conversation": {
      const v = action.conversation;
      return updateChat(state, v.id, (c) => ({
        ...c,
        status: v.status,
        lead: { ...c.lead, status: v.status },
        readSeq: Math.max(c.readSeq, v.repReadSeq ?? 0),
      }));
    }
    case "read":
      return updateChat(state, action.conversationId, (c) =>
        action.seq > c.readSeq ? { ...c, readSeq: action.seq } : c,
      );
    case "typing":
      return updateChat(state, action.conversationId, (c) =>
        c.visitorTyping === action.typing ? c : { ...c, visitorTyping: action.typing },
      );
    case "pending": {
      // A retry re-sends with the same clientId (the server deduplicates it), so it replaces its failed copy.
      const p = action.pending;
      return updateChat(state, action.conversationId, (c) => ({
        ...c,
        pending: [...c.pending.filter((x) => x.clientId !== p.clientId), p],
      }));
    }
    case "send-failed": {
      const next = updateChat(state, action.conversationId, (c) => ({
        ...c,
        pending: c.pending.map((p) => (p.clientId === action.clientId ? { ...p, failed: true } : p)),
      }));
      return { ...next, alert: action.alert };
    }
    case "status":
      return { ...state, status: action.status };
    case "team":
      return { ...state, team: action.reps };
    case "presence":
      return { ...state, team: upsertPresence(state.team, action.presence) };
    case "assigned":
      return { ...assign(state, action.lead), notice: action.notice };
    case "chat-removed": {
      const chats = state.chats.filter((c) => c.lead.conversationId !== action.conversationId);
      const selectedId = state.selectedId === action.conversationId ? undefined : state.selectedId;
      return { ...state, chats, selectedId, notice: action.notice };
    }
    case "closed": {
      const { conversation: v, outcome } = action;
      return updateChat(state, v.id, (c) => ({
        ...c,
        status: v.status,
        lead: outcome ? { ...c.lead, status: v.status, outcome } : { ...c.lead, status: v.status },
      }));
    }
    case "notice":
      return { ...state, notice: action.text };
    case "alert":
      return { ...state, alert: action.text };
  }
}

function notTyping(c: Chat): Chat {
  return c.visitorTyping ? { ...c, visitorTyping: false } : c;
}

// A conversation handed to this rep: listed first, without taking the rep away from the one they have open.
function assign(state: ConsoleState, lead: LeadCard): ConsoleState {
  const id = lead.conversationId;
  const offers = state.offers.filter((o) => o.conversationId !== id);
  if (state.chats.some((c) => c.lead.conversationId === id)) {
    return { ...updateChat(state, id, (c) => ({ ...c, lead, status: lead.status })), offers };
  }
  return { ...state, offers, chats: [newChat(lead), ...state.chats] };
}

export function selectedChat(state: ConsoleState): Chat | undefined {
  return state.chats.find((c) => c.lead.conversationId === state.selectedId);
}
