// The inbox's HTTP calls (server/http/conversations.ts).
import type { ConversationList, ConversationRecord, InboxView, Note } from "../../../../shared/protocol/index.ts";
import { api } from "../../shell/api.ts";

export function listConversations(query: { view?: InboxView; q?: string; cursor?: string }) {
  const params = new URLSearchParams();
  if (query.view) params.set("view", query.view);
  if (query.q) params.set("q", query.q);
  if (query.cursor) params.set("cursor", query.cursor);
  const search = params.toString();
  return api<ConversationList>("GET", `/api/conversations${search ? `?${search}` : ""}`);
}

export const getConversation = (id: string) =>
  api<ConversationRecord>("GET", `/api/conversations/${encodeURIComponent(id)}`);

export const addNote = (id: string, text: string) =>
  api<Note>("POST", `/api/conversations/${encodeURIComponent(id)}/notes`, { text });
