// The part of a conversation its lifecycle governs (SPEC.md): its status, and the rep, queue and offer that go with
// it. Transitions take any record with these fields (the server's stored Conversation) and return it changed, so
// they know nothing of the engine's state or the store's bookkeeping.
import {
  BanterError,
  type ConversationStatus,
  ErrorCode,
  type Outcome,
  type Rating,
  type Sales,
} from "../protocol/index.ts";

export interface Life {
  siteKey: string;
  status: ConversationStatus;
  repId?: string;
  repName?: string;
  queuedAt?: number;
  acceptedAt?: number;
  repReadSeq?: number;
  // The current offer when ringing one rep at a time, and every rep tried or declined for this wait.
  offer?: { repId?: string; expiresAt?: number; tried: string[] };
  outcome?: Outcome;
  missedHandoff?: boolean;
  callback?: { phone?: string; when?: string };
  // When the lead passed its speed-to-lead target still waiting for its first person (L12).
  slaBreachedAt?: number;
  // The lead's owner and sales status (shared/leads/sales.ts): the accept sets the owner in its own write.
  sales?: Sales;
  // The visitor's rating of the chat with its rep, once it ended (L13).
  rating?: Rating;
}

// A rep as the lifecycle knows them.
export interface Person {
  id: string;
  name: string;
}

// `c` with `change`, checked against the lifecycle's fields: a spread over a type parameter is not (TypeScript
// would take `{ ...c, status: "gone" }` as a C).
export function changed<C extends Life>(c: C, change: Partial<Life>): C {
  return { ...c, ...change };
}

// A transition's answer: the record to write, null when there is nothing to write, or a refusal for the caller
// (a value, not thrown: the server's writer throws it as it is).
export type Step<C> = C | null | BanterError;

export const notYours = () => new BanterError(ErrorCode.FORBIDDEN, "This conversation is not yours.");
export const hasEnded = () => new BanterError(ErrorCode.CLOSED, "This conversation has ended.");
