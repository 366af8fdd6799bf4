import type { Publisher } from "../conversation/events.ts";
import type { RepNamespace } from "./rep.ts";
import { rooms } from "./rooms.ts";
import type { VisitorNamespace } from "./visitor.ts";

// Maps the service's and the router's announcements onto socket.io rooms. With the Redis adapter, every emit
// reaches the room's sockets on every server process.
export function socketPublisher(visitors: VisitorNamespace, reps: RepNamespace): Publisher {
  const toReps = (repIds: string[]) => reps.to(repIds.map(rooms.rep));
  return {
    message(message) {
      visitors.to(rooms.conversation(message.conversationId)).emit("message:created", message);
      reps.to(rooms.conversation(message.conversationId)).emit("message:created", message);
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
