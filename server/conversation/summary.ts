// A conversation as one row of the inbox: who (as far as known), where in the funnel, and the latest word.
import { contactOf } from "../../shared/leads/contact.ts";
import { previewText } from "../../shared/leads/inbox.ts";
import type { ConversationSummary, LeadCard, Message } from "../../shared/protocol/index.ts";
import type { Conversation } from "../store/types.ts";

export function summaryOf(conversation: Conversation, lead: LeadCard, last?: Message): ConversationSummary {
  const q = lead.qualification;
  const summary: ConversationSummary = {
    id: conversation.id,
    siteKey: conversation.siteKey,
    siteName: lead.siteName,
    status: conversation.status,
    ...contactOf(lead.answers, lead.email, lead.identity),
    tier: q.tier,
    score: q.score,
    stage: q.stage,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
  };
  if (conversation.repId) summary.repId = conversation.repId;
  if (conversation.repName) summary.repName = conversation.repName;
  if (conversation.outcome) summary.outcome = conversation.outcome;
  if (last) summary.preview = { author: last.author, text: previewText(last.text) };
  return summary;
}
