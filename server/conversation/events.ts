// What the conversation's life announces, and to whom: the people in it and the reps, through sockets
// (transport/publisher.ts), and routing (routing/router.ts). Neither knows the other.
import type {
  ConversationView,
  LeadCard,
  Message,
  QueueState,
  RepPresence,
  Typing,
} from "../../shared/protocol/index.ts";
import type { Conversation } from "../store/types.ts";

export interface Publisher {
  // To everyone in the conversation: the visitor's tabs and its rep. `messages`: several lines of one
  // conversation, in seq order, in one broadcast (a bot turn: the visitor's line and the bot's answer).
  message(message: Message): void;
  messages(lines: Message[]): void;
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

// What routing needs to hear from the conversation's service.
export interface HandoffEvents {
  // The bot took a turn (metrics): `c` as the turn left it.
  turned?(c: Conversation): void;
  queued(c: Conversation): void;
  accepted(c: Conversation, waitedMs: number): void;
  // A rep's capacity was freed (a chat closed or moved on): waiting leads may now be offered.
  freed(siteKey: string): void;
}
