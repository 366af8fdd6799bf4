import type { Message } from "../../shared/protocol/index.ts";
import type { Publisher } from "../conversation/events.ts";
import type { RepNamespace } from "./rep.ts";
import { rooms } from "./rooms.ts";
import type { VisitorNamespace } from "./visitor.ts";

// Maps the service's and the router's announcements onto socket.io rooms. With the Redis adapter, every emit
// reaches the room's sockets on every server process: one publish per namespace, except for `messages`.
// `acrossProcesses`: the Redis adapter is on (socket.io's in-memory adapter has no serverSideEmit).
export function socketPublisher(visitors: VisitorNamespace, reps: RepNamespace, acrossProcesses = false): Publisher {
  const toReps = (repIds: string[]) => reps.to(repIds.map(rooms.rep));
  // This process's sockets in the conversation's room, visitors' and reps' alike.
  const deliver = (lines: Message[]) => {
    const room = rooms.conversation((lines[0] as Message).conversationId);
    visitors.local.to(room).emit("messages:created", lines);
    reps.local.to(room).emit("messages:created", lines);
  };
  // Another process's bot turn.
  if (acrossProcesses) visitors.on("messages:created", (lines) => lines.length > 0 && deliver(lines));
  return {
    message(message) {
      visitors.to(rooms.conversation(message.conversationId)).emit("message:created", message);
      reps.to(rooms.conversation(message.conversationId)).emit("message:created", message);
    },
    // A bot turn's lines in one packet to each socket, and one publish for every other process (which delivers
    // them to its own sockets of the room in both namespaces) instead of one per line per namespace.
    messages(lines) {
      if (lines.length === 0) return;
      deliver(lines);
      if (acrossProcesses) visitors.serverSideEmit("messages:created", lines);
    },
    conversation(view) {
      visitors.to(rooms.conversation(view.id)).emit("conversation:updated", view);
      reps.to(rooms.conversation(view.id)).emit("conversation:updated", view);
    },
    // To the other side only: the visitor's typing to its rep, the rep's to the visitor's tabs.
    typing(t) {
      const room = rooms.conversation(t.conversationId);
      if (t.author === "visitor") reps.to(room).emit("typing:updated", t);
      else visitors.to(room).emit("typing:updated", t);
    },
    offer(repIds, lead) {
      if (repIds.length > 0) toReps(repIds).emit("offer:created", lead);
    },
    offerWithdrawn(to, conversationId, reason, repName) {
      const target = "siteKey" in to ? reps.to(rooms.siteReps(to.siteKey)) : toReps(to.repIds);
      if ("repIds" in to && to.repIds.length === 0) return;
      target.emit("offer:withdrawn", repName ? { conversationId, reason, repName } : { conversationId, reason });
    },
    assigned(repId, lead) {
      toReps([repId]).emit("conversation:assigned", lead);
    },
    presence(p) {
      reps.emit("presence:updated", p);
    },
    queue(q) {
      visitors.to(rooms.conversation(q.conversationId)).emit("queue:updated", q);
    },
  };
}
