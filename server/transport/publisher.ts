import type { Message } from "../../shared/protocol/index.ts";
import type { Publisher } from "../conversation/events.ts";
import type { RoomRelay } from "../store/room-relay.ts";
import type { RepNamespace } from "./rep.ts";
import { rooms } from "./rooms.ts";
import type { VisitorNamespace } from "./visitor.ts";

// Maps the service's and the router's announcements onto socket.io rooms. With the Redis adapter, every emit
// reaches the room's sockets on every server process: one publish per namespace, except for `messages`.
// `relay`: with the Redis adapter, a bot turn's lines to the other processes with a socket in the conversation's
// room (store/room-relay.ts).
export function socketPublisher(visitors: VisitorNamespace, reps: RepNamespace, relay?: RoomRelay): Publisher {
  const toReps = (repIds: string[]) => reps.to(repIds.map(rooms.rep));
  // This process's sockets in the conversation's room, visitors' and reps' alike.
  const deliver = (room: string, lines: Message[]) => {
    visitors.local.to(room).emit("messages:created", lines);
    reps.local.to(room).emit("messages:created", lines);
  };
  // Another process's bot turn.
  if (relay) {
    for (const nsp of [visitors, reps]) relay.follow(nsp.adapter, rooms.isConversation);
    relay.receive((room, text) => deliver(room, JSON.parse(text) as Message[]));
  }
  return {
    message(message) {
      visitors.to(rooms.conversation(message.conversationId)).emit("message:created", message);
      reps.to(rooms.conversation(message.conversationId)).emit("message:created", message);
    },
    // A bot turn's lines in one packet to each socket, and one publish for the other processes with a socket in
    // the room (each delivers them to its own, in both namespaces) instead of one per line per namespace.
    messages(lines) {
      if (lines.length === 0) return;
      const room = rooms.conversation((lines[0] as Message).conversationId);
      deliver(room, lines);
      relay?.send(room, JSON.stringify(lines));
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
