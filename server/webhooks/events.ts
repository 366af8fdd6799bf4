// Which webhook events one conversation write caused, read from the conversation before and after it. Only the
// writer that won the compare-and-set sees the pair, so each event is emitted once across every process.
import type { WebhookEvent } from "../../shared/protocol/index.ts";
import type { Conversation } from "../store/types.ts";

export function eventsOf(before: Conversation, after: Conversation): WebhookEvent[] {
  const events: WebhookEvent[] = [];
  if (!before.qualifiedAt && after.qualifiedAt) events.push("lead.qualified");
  // A lead queued by the bot, and again after its rep left: each is a new request for a person.
  if (before.status !== "queued" && after.status === "queued") events.push("handoff.requested");
  if (before.status === "queued" && after.status === "live") events.push("handoff.accepted");
  if (!before.missedHandoff && after.missedHandoff) events.push("handoff.missed");
  if (before.status !== "closed" && after.status === "closed") events.push("conversation.closed");
  // FU11: each change of sales status is one more history entry; a person's history carried to their newest
  // conversation (P6, a new `carriedFrom`) is no change.
  const carried = after.sales?.carriedFrom !== before.sales?.carriedFrom;
  if (!carried && (after.sales?.history.length ?? 0) > (before.sales?.history.length ?? 0))
    events.push("lead.status_changed");
  // Each rating the visitor gives or changes (a comment added later too): the lead card carries it.
  const [was, is] = [before.rating, after.rating];
  if (is && (was?.score !== is.score || was?.comment !== is.comment)) events.push("conversation.rated");
  // Behaviour after the chat lifted the lead to hot: once per rise (activity.ts sets a new time for each).
  if (after.reengagedAt !== undefined && after.reengagedAt !== before.reengagedAt) events.push("lead.reengaged");
  return events;
}
