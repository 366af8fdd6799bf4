import type { Publisher } from "../conversation/service.ts";
import type { RepNamespace } from "./rep.ts";
import { rooms } from "./rooms.ts";
import type { VisitorNamespace } from "./visitor.ts";

export function socketPublisher(visitors: VisitorNamespace, reps: RepNamespace): Publisher {
  return {
    message(message) {
      visitors.to(rooms.conversation(message.conversationId)).emit("message:created", message);
      reps.to(rooms.conversation(message.conversationId)).emit("message:created", message);
    },
    conversation(view) {
      visitors.to(rooms.conversation(view.id)).emit("conversation:updated", view);
      reps.to(rooms.conversation(view.id)).emit("conversation:updated", view);
    },
    offerCreated(lead) {
      reps.to(rooms.siteReps(lead.siteKey)).emit("offer:created", lead);
    },
    // To the other side only: the visitor's typing to its rep, the rep's to the visitor's tabs.
    typing(t) {
      const room = rooms.conversation(t.conversationId);
      if (t.author === "visitor") reps.to(room).emit("typing:updated", t);
      else visitors.to(room).emit("typing:updated", t);
    },
    offerWithdrawn(siteKey, conversationId, repName) {
      reps
        .to(rooms.siteReps(siteKey))
        .emit("offer:withdrawn", repName ? { conversationId, repName } : { conversationId });
    },
  };
}
