import type { ConversationView, LeadCard } from "../../shared/protocol/index.ts";
import type { Conversation, Site } from "../store/types.ts";

// What a rep reads: BANT answers, the explainable score, and where the lead came from.
export function leadCard(conversation: Conversation, site: Site | null): LeadCard {
  const { engine } = conversation;
  const email = engine.answers.find((a) => a.slot === "email")?.answer;
  const card: LeadCard = {
    conversationId: conversation.id,
    siteKey: conversation.siteKey,
    siteName: site?.name ?? conversation.siteKey,
    status: conversation.status,
    qualification: engine.qualification,
    answers: engine.answers
      .filter((a) => a.slot !== "email")
      .map((a) => ({ slot: a.slot, question: a.question, answer: a.answer })),
    createdAt: conversation.createdAt,
  };
  if (email) card.email = email;
  if (conversation.pageUrl) card.pageUrl = conversation.pageUrl;
  if (conversation.queuedAt) card.queuedAt = conversation.queuedAt;
  if (conversation.repName) card.repName = conversation.repName;
  return card;
}

export function conversationView(conversation: Conversation, lastSeq: number): ConversationView {
  const view: ConversationView = {
    id: conversation.id,
    siteKey: conversation.siteKey,
    status: conversation.status,
    lastSeq,
  };
  if (conversation.repName) view.repName = conversation.repName;
  return view;
}
