// FU10-FU12: the lead's owner and where sales has it (shared/followups/SPEC.md). Kept on the conversation
// (`Conversation.sales`), so the owner is set in the same write as the accept and the history goes with the
// lead: erased with it, expired with it.
import {
  BanterError,
  ErrorCode,
  type Sales,
  type SalesStatus,
  type Stage,
  statusesWithReason,
} from "../protocol/index.ts";

export const newSales = (): Sales => ({ status: "new", history: [] });

// FU10: the rep who takes the chat owns the lead, unless someone already does.
export function ownedOnAccept(sales: Sales | undefined, rep: { id: string; name: string }): Sales {
  const s = sales ?? newSales();
  return s.ownerId ? s : { ...s, ownerId: rep.id, ownerName: rep.name };
}

// FU10: by hand; null takes the owner away.
export function withOwner(sales: Sales | undefined, owner: { id: string; name: string } | null): Sales {
  const { ownerId: _id, ownerName: _name, ...rest } = sales ?? newSales();
  return owner ? { ...rest, ownerId: owner.id, ownerName: owner.name } : rest;
}

// FU11: a new status, with the reason rejected and lost need, kept in the history. The same status and reason
// again is no change (null), so a resent request writes nothing and sends no second webhook.
export function changeStatus(
  sales: Sales | undefined,
  change: { status: SalesStatus; reason?: string },
  by: string,
  at: number,
): Sales | BanterError | null {
  const s = sales ?? newSales();
  const needsReason = statusesWithReason.includes(change.status);
  const reason = needsReason ? change.reason?.trim() : undefined;
  if (needsReason && !reason) {
    return new BanterError(ErrorCode.BAD_REQUEST, `A lead marked ${change.status} needs a reason.`);
  }
  if (s.status === change.status && s.reason === reason) return null;
  const { reason: _old, ...rest } = s;
  const entry = { status: change.status, at, by, ...(reason ? { reason } : {}) };
  return { ...rest, status: change.status, ...(reason ? { reason } : {}), history: [...s.history, entry] };
}

// FU12: the card's stage is SQL once sales accepted the lead, whatever the bot made of it.
export function stageOf(botStage: Stage, sales: Sales | undefined): Stage {
  return sales?.status === "sql" ? "sql" : botStage;
}
