import type { AskedQuestion } from "../../shared/engine/index.ts";
import { stageOf } from "../../shared/leads/sales.ts";
import type { ConversationView, LeadCard, VisitorQuestion } from "../../shared/protocol/index.ts";
import { siteTrigger } from "../sites/triggers.ts";
import type { Conversation, Site } from "../store/types.ts";
import { qualificationAt } from "./activity.ts";

// What a rep reads: BANT answers, the explainable score, and where the lead came from. `now`: when it is read,
// for the score's inactivity decay (S11); without it, the score as stored.
export function leadCard(conversation: Conversation, site: Site | null, now?: number): LeadCard {
  const { engine } = conversation;
  const qualification = now === undefined ? engine.qualification : qualificationAt(conversation, now);
  const answers = Object.values(engine.slots).sort((a, b) => a.order - b.order);
  const email = answers.find((a) => a.value.kind === "email")?.display;
  const phone = answers.find((a) => a.value.kind === "phone")?.display;
  const card: LeadCard = {
    conversationId: conversation.id,
    siteKey: conversation.siteKey,
    siteName: site?.name ?? conversation.siteKey,
    status: conversation.status,
    qualification: { ...qualification, stage: stageOf(qualification.stage, conversation.sales) },
    answers: answers
      .filter((a) => a.value.kind !== "email" && a.value.kind !== "phone")
      .map((a) => ({ slot: a.slot, label: a.label, answer: a.display, words: a.words })),
    createdAt: conversation.createdAt,
    pageTrail: conversation.pageTrail ?? (conversation.pageUrl ? [conversation.pageUrl] : []),
  };
  if (card.qualification.stage !== qualification.stage) card.botStage = qualification.stage;
  if (conversation.sales) card.sales = conversation.sales;
  const asked = askedOf(engine.asked ?? []);
  if (asked.length > 0) card.asked = asked;
  if (conversation.timeZone) card.timeZone = conversation.timeZone;
  if (conversation.offer?.expiresAt) card.offerExpiresAt = conversation.offer.expiresAt;
  if (conversation.outcome) card.outcome = conversation.outcome;
  if (conversation.missedHandoff) card.missedHandoff = true;
  if (conversation.slaBreachedAt) card.slaBreachedAt = conversation.slaBreachedAt;
  if (conversation.callback) card.callback = conversation.callback;
  if (email) card.email = email;
  if (phone) card.phone = phone;
  if (engine.outcomeReason) card.outcomeReason = engine.outcomeReason;
  if (conversation.pageUrl) card.pageUrl = conversation.pageUrl;
  if (conversation.queuedAt) card.queuedAt = conversation.queuedAt;
  if (conversation.repName) card.repName = conversation.repName;
  if (conversation.source) card.source = conversation.source;
  if (conversation.identity) card.identity = conversation.identity;
  if (conversation.followUpEmails) card.followUpEmails = conversation.followUpEmails;
  if (conversation.rating) card.rating = conversation.rating;
  if (conversation.trigger) {
    // Named as the site names it now; a trigger deleted since is only its id.
    const name = site ? siteTrigger(site, conversation.trigger)?.name : undefined;
    card.trigger = name === undefined ? { id: conversation.trigger } : { id: conversation.trigger, name };
  }
  if (conversation.reengagedAt) card.reengagedAt = conversation.reengagedAt;
  return card;
}

// A5: each question with the topic of the answer the bot gave (the answer's id when it has no topic, as the
// matcher names it); none when the bot did not know.
function askedOf(asked: readonly AskedQuestion[]): VisitorQuestion[] {
  return asked.map((a) => {
    const topic = a.topic ?? a.answerId;
    return topic ? { text: a.text, topic } : { text: a.text };
  });
}

export function conversationView(conversation: Conversation, lastSeq: number): ConversationView {
  const view: ConversationView = {
    id: conversation.id,
    siteKey: conversation.siteKey,
    status: conversation.status,
    lastSeq,
    repReadSeq: conversation.repReadSeq ?? 0,
  };
  if (conversation.repName) view.repName = conversation.repName;
  if (conversation.rating) view.rated = true;
  if (conversation.engine.outcome !== null) {
    const { tier, score, stage } = conversation.engine.qualification;
    view.qualification = { tier, score, stage };
  }
  return view;
}
