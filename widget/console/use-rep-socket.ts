// The /rep socket and the console state it feeds. Every (re)connect reloads the inbox, because broadcasts missed
// while offline are gone; then the outbox and read marks go out again and every conversation catches up by seq
// (the open one first), so unread counts are right after a reload too.
import { useEffect, useMemo, useReducer, useRef } from "preact/hooks";
import { ErrorCode, type LeadCard } from "../../shared/protocol/index.ts";
import { connectErrorOf, connectRep, request } from "../transport/socket.ts";
import { type Action, type ConsoleState, initialState, reduce } from "./console-state.ts";
import { loadOutbox } from "./outbox.ts";
import { createReadReporter } from "./read-reporter.ts";
import { ring } from "./ring.ts";
import { createSender } from "./sender.ts";
import { type Link, messageOf, useRepActions } from "./use-rep-actions.ts";
import { visitorTyping } from "./visitor-typing.ts";

// A server that refuses the handshake (or kicks us) is not retried by socket.io itself.
const manualRetryMs = 5000;

export function useRepSocket(token: string, onUnauthorized: (message: string) => void) {
  const [state, dispatch] = useReducer(reduce, initialState);
  const linkRef = useRef<Link | undefined>(undefined);
  // Socket handlers are registered once per token but need the latest state and callback.
  const stateRef = useRef<ConsoleState>(state);
  stateRef.current = state;
  const unauthorizedRef = useRef(onUnauthorized);
  unauthorizedRef.current = onUnauthorized;

  const actions = useRepActions(linkRef, stateRef, dispatch);

  useEffect(() => {
    const socket = connectRep(location.origin, token);
    let retry: ReturnType<typeof setTimeout> | undefined;
    const live = () => linkRef.current?.socket === socket;
    const send = (action: Action) => {
      if (live()) dispatch(action);
    };
    const sender = createSender({
      deliver: async ({ conversationId, clientId, text }) =>
        (await request(socket, "message:send", { conversationId, clientId, text })).message,
      delivered: (_entry, message) => send({ type: "message", message }),
      refused: ({ conversationId, clientId }, err) =>
        send({ type: "send-failed", conversationId, clientId, alert: `Message not sent: ${messageOf(err)}` }),
    });
    const reads = createReadReporter({
      report: async (conversationId, seq) =>
        (await request(socket, "conversation:read", { conversationId, seq })).conversation,
      reported: (conversation) => send({ type: "conversation", conversation }),
    });
    const typing = visitorTyping(send);
    linkRef.current = { socket, sender, reads };

    const retryLater = () => {
      clearTimeout(retry);
      retry = setTimeout(() => {
        if (live() && !socket.connected) socket.connect();
      }, manualRetryMs);
    };
    const offline = () => {
      sender.pause();
      reads.pause();
      send({ type: "connection", connection: "reconnecting" });
    };

    socket.on("connect", async () => {
      send({ type: "connection", connection: "online" });
      try {
        const inbox = await request(socket, "inbox:get", {});
        if (!live()) return;
        send({ type: "inbox", inbox });
        // Unacknowledged sends from before a reload (or from another tab) reappear as pending and go out again.
        for (const { conversationId, clientId, text, at } of sender.resume(loadOutbox(inbox.me.id))) {
          send({ type: "pending", conversationId, pending: { clientId, text, at, failed: false } });
        }
        reads.resume();
        const open = stateRef.current.selectedId;
        if (open) await actions.load(open);
        const others = inbox.conversations.map((c) => c.conversationId).filter((id) => id !== open);
        if (live()) await Promise.all(others.map(actions.load));
      } catch (err) {
        send({ type: "alert", text: messageOf(err) });
      }
    });
    socket.on("connect_error", (err) => {
      const refused = connectErrorOf(err);
      if (refused.code === ErrorCode.UNAUTHORIZED) {
        unauthorizedRef.current("Your session has ended. Please log in again.");
        return;
      }
      offline();
      if (!socket.active) retryLater();
    });
    socket.on("disconnect", (reason) => {
      offline();
      if (reason === "io server disconnect") retryLater();
    });

    socket.on("offer:created", (lead: LeadCard) => {
      const known = stateRef.current.offers.some((o) => o.conversationId === lead.conversationId);
      send({ type: "offer-added", lead });
      if (!known && live()) ring(lead);
    });
    socket.on("offer:withdrawn", ({ conversationId }) => send({ type: "offer-removed", conversationId }));
    socket.on("message:created", (message) => {
      sender.settle([message]);
      send({ type: "message", message });
    });
    socket.on("conversation:updated", (conversation) => send({ type: "conversation", conversation }));
    socket.on("typing:updated", (t) => typing.updated(t));

    return () => {
      clearTimeout(retry);
      linkRef.current = undefined;
      sender.stop();
      reads.stop();
      typing.stop();
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [token]);

  return useMemo(() => ({ state, ...actions }), [state, actions]);
}
