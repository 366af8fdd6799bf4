// The /rep socket and the console state it feeds. Every (re)connect reloads the inbox, because broadcasts missed
// while offline are gone; then the outbox and read marks go out again and every conversation catches up by seq
// (the open one first), so unread counts are right after a reload too.
import { useEffect, useMemo, useReducer, useRef } from "preact/hooks";
import { ErrorCode, type LeadCard } from "../../../shared/protocol/index.ts";
import { createOutbox } from "../../transport/outbox.ts";
import { createReadReporter } from "../../transport/read-marks.ts";
import { connectErrorOf, connectRep, onMessages, request } from "../../transport/socket.ts";
import { type Action, type ConsoleState, initialState, reduce } from "./console-state.ts";
import { loadOutbox, type OutboxEntry, repOutbox } from "./outbox.ts";
import { heartbeatMs, loadStatus, onStatusStored } from "./presence.ts";
import { ring } from "./ring.ts";
import { type Link, messageOf } from "./run.ts";
import { useRepActions } from "./use-rep-actions.ts";
import { visitorTyping } from "./visitor-typing.ts";

// A server that refuses the handshake (or kicks us) is not retried by socket.io itself.
const manualRetryMs = 5000;

export function useRepSocket(onUnauthorized: (message: string) => void) {
  const [state, dispatch] = useReducer(reduce, initialState);
  const linkRef = useRef<Link | undefined>(undefined);
  // Socket handlers are registered once per login but need the latest state and callback.
  const stateRef = useRef<ConsoleState>(state);
  stateRef.current = state;
  const unauthorizedRef = useRef(onUnauthorized);
  unauthorizedRef.current = onUnauthorized;

  const actions = useRepActions(linkRef, stateRef, dispatch);

  useEffect(() => {
    const socket = connectRep(location.origin);
    let retry: ReturnType<typeof setTimeout> | undefined;
    const live = () => linkRef.current?.socket === socket;
    const send = (action: Action) => {
      if (live()) dispatch(action);
    };
    const sender = createOutbox<OutboxEntry>({
      author: "rep",
      store: repOutbox,
      send: async ({ conversationId, clientId, text }) =>
        (await request(socket, "message:send", { conversationId, clientId, text })).message,
      delivered: (_entry, message) => send({ type: "message", message }),
      failed: ({ conversationId, clientId }, err) =>
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
    // Tells the server this tab is still here. Every tab beats: the server counts a rep once however many tabs.
    const beat = () => {
      if (socket.connected) request(socket, "presence:heartbeat", {}).catch(() => {});
    };
    const heartbeat = setInterval(beat, heartbeatMs);
    const stopStorageSync = onStatusStored(() => {
      const me = stateRef.current.me;
      if (me) send({ type: "status", status: loadStatus(me.id) ?? "available" });
    });

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
        beat();
        // The server may have forgotten the rep's status while they were gone: the remembered choice goes out
        // again. Not awaited: a slow answer must not hold up the conversations below.
        const chosen = loadStatus(inbox.me.id);
        send({ type: "status", status: chosen ?? "available" });
        if (chosen) {
          request(socket, "presence:set", { status: chosen }).catch((err: unknown) =>
            send({ type: "alert", text: `Your status was not saved: ${messageOf(err)}` }),
          );
        }
        void actions.loadTeam();
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
    socket.on("offer:withdrawn", ({ conversationId, reason }) => {
      // Ringing moved on to a teammate: said once, so the rep knows why the card went. Taken or ended: it just goes.
      const mine = stateRef.current.offers.some((o) => o.conversationId === conversationId);
      const notice = reason === "expired" && mine ? "The offer moved to another rep" : undefined;
      send(notice ? { type: "offer-removed", conversationId, notice } : { type: "offer-removed", conversationId });
    });
    socket.on("presence:updated", (presence) => {
      send({ type: "presence", presence });
      // This rep chose in another browser: show it (this browser's own choice still goes out on reconnect).
      const me = stateRef.current.me;
      if (me && presence.repId === me.id && presence.status !== "offline") {
        send({ type: "status", status: presence.status });
      }
    });
    socket.on("conversation:assigned", (lead) => {
      if (!live()) return;
      send({ type: "assigned", lead, notice: `${lead.email ?? "A visitor"} was transferred to you` });
      void actions.load(lead.conversationId);
    });
    onMessages(socket, (messages) => {
      sender.settle(messages);
      for (const message of messages) send({ type: "message", message });
    });
    socket.on("conversation:updated", (conversation) => send({ type: "conversation", conversation }));
    socket.on("typing:updated", (t) => typing.updated(t));

    return () => {
      clearTimeout(retry);
      clearInterval(heartbeat);
      stopStorageSync();
      linkRef.current = undefined;
      sender.stop();
      reads.stop();
      typing.stop();
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, []);

  return useMemo(() => ({ state, ...actions }), [state, actions]);
}
