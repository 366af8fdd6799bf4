// The /rep socket and the console state it feeds. Every (re)connect reloads the inbox, because broadcasts missed
// while offline are gone; the open conversation then catches up from the server by seq.
import { useEffect, useMemo, useReducer, useRef } from "preact/hooks";
import { ErrorCode, type LeadCard } from "../../shared/protocol/index.ts";
import { connectErrorOf, connectRep, type RepSocket, request } from "../transport/socket.ts";
import { type Action, type ConsoleState, initialState, reduce } from "./console-state.ts";
import { ring } from "./ring.ts";
import { useRepActions } from "./use-rep-actions.ts";

// A server that refuses the handshake (or kicks us) is not retried by socket.io itself.
const manualRetryMs = 5000;

export function useRepSocket(token: string, onUnauthorized: (message: string) => void) {
  const [state, dispatch] = useReducer(reduce, initialState);
  const socketRef = useRef<RepSocket | undefined>(undefined);
  // Socket handlers are registered once per token but need the latest state and callback.
  const stateRef = useRef<ConsoleState>(state);
  stateRef.current = state;
  const unauthorizedRef = useRef(onUnauthorized);
  unauthorizedRef.current = onUnauthorized;

  const actions = useRepActions(socketRef, stateRef, dispatch);

  useEffect(() => {
    const socket = connectRep(location.origin, token);
    socketRef.current = socket;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const live = () => socketRef.current === socket;
    const send = (action: Action) => {
      if (live()) dispatch(action);
    };
    const retryLater = () => {
      clearTimeout(retry);
      retry = setTimeout(() => {
        if (live() && !socket.connected) socket.connect();
      }, manualRetryMs);
    };

    socket.on("connect", async () => {
      send({ type: "connection", connection: "online" });
      try {
        send({ type: "inbox", inbox: await request(socket, "inbox:get", {}) });
        const open = stateRef.current.selectedId;
        if (open && live()) await actions.load(open);
      } catch (err) {
        send({ type: "alert", text: (err as Error).message });
      }
    });
    socket.on("connect_error", (err) => {
      const refused = connectErrorOf(err);
      if (refused.code === ErrorCode.UNAUTHORIZED) {
        unauthorizedRef.current("Your session has ended. Please log in again.");
        return;
      }
      send({ type: "connection", connection: "reconnecting" });
      if (!socket.active) retryLater();
    });
    socket.on("disconnect", (reason) => {
      send({ type: "connection", connection: "reconnecting" });
      if (reason === "io server disconnect") retryLater();
    });

    socket.on("offer:created", (lead: LeadCard) => {
      const known = stateRef.current.offers.some((o) => o.conversationId === lead.conversationId);
      send({ type: "offer-added", lead });
      if (!known && live()) ring(lead);
    });
    socket.on("offer:withdrawn", ({ conversationId }) => send({ type: "offer-removed", conversationId }));
    socket.on("message:created", (message) => send({ type: "message", message }));
    socket.on("conversation:updated", (conversation) => send({ type: "conversation", conversation }));

    return () => {
      clearTimeout(retry);
      socketRef.current = undefined;
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [token]);

  return useMemo(() => ({ state, ...actions }), [state, actions]);
}
