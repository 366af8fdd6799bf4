// What the rep can do, each one request on the /rep socket. Results land in the reducer; failures become a
// role="alert" message, except the ones a rep should read as news rather than errors.
import { type Dispatch, useMemo } from "preact/hooks";
import { BanterError, ErrorCode } from "../../shared/protocol/index.ts";
import { type RepSocket, request } from "../transport/socket.ts";
import { newClientId } from "../ui/messages.ts";
import type { Action, ConsoleState } from "./console-state.ts";

type Ref<T> = { current: T };

function codeOf(err: unknown): string | undefined {
  return err instanceof BanterError ? err.code : undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : "Something went wrong.";
}

export function useRepActions(
  socketRef: Ref<RepSocket | undefined>,
  stateRef: Ref<ConsoleState>,
  dispatch: Dispatch<Action>,
) {
  return useMemo(() => {
    // A reply that arrives after logout (or for an older socket) must not touch the state.
    const run = async (
      work: (socket: RepSocket) => Promise<Action | undefined>,
      onError?: (err: unknown) => Action,
    ) => {
      const socket = socketRef.current;
      if (!socket) return undefined;
      let action: Action | undefined;
      try {
        action = await work(socket);
      } catch (err) {
        action = onError ? onError(err) : { type: "alert", text: messageOf(err) };
      }
      if (!action || socketRef.current !== socket) return undefined;
      dispatch(action);
      return action;
    };

    const load = (conversationId: string) =>
      run(async (socket) => ({
        type: "detail",
        detail: await request(socket, "conversation:get", { conversationId, lastSeq: 0 }),
      }));

    const open = async (conversationId: string) => {
      dispatch({ type: "select", conversationId });
      await load(conversationId);
    };

    const accept = async (conversationId: string) => {
      const done = await run(
        async (socket) => ({ type: "accepted", detail: await request(socket, "offer:accept", { conversationId }) }),
        (err) => {
          const code = codeOf(err);
          if (code === ErrorCode.CONFLICT) {
            return { type: "offer-removed", conversationId, notice: "Another rep took this lead" };
          }
          if (code === ErrorCode.NOT_FOUND || code === ErrorCode.CLOSED) {
            return { type: "offer-removed", conversationId, notice: "This lead is no longer waiting" };
          }
          return { type: "alert", text: messageOf(err) };
        },
      );
      // Accepting opens the conversation; loading it picks up anything said between the ack and now.
      if (done?.type === "accepted") await load(conversationId);
    };

    const sendText = (conversationId: string, clientId: string, text: string) => {
      dispatch({ type: "pending", conversationId, pending: { clientId, text, at: Date.now(), failed: false } });
      return run(
        async (socket) => {
          const { message } = await request(socket, "message:send", { conversationId, clientId, text });
          return { type: "message", message };
        },
        (err) => ({ type: "send-failed", conversationId, clientId, alert: `Message not sent: ${messageOf(err)}` }),
      );
    };

    const send = (conversationId: string, text: string) => sendText(conversationId, newClientId(), text);

    const retry = (conversationId: string, clientId: string, text: string) => {
      dispatch({ type: "alert" });
      return sendText(conversationId, clientId, text);
    };

    const close = (conversationId: string) =>
      run(
        async (socket) => {
          const { conversation } = await request(socket, "conversation:close", { conversationId });
          return { type: "conversation", conversation };
        },
        (err) =>
          codeOf(err) === ErrorCode.CLOSED
            ? { type: "conversation", conversation: closedView(stateRef.current, conversationId) }
            : { type: "alert", text: messageOf(err) },
      );

    const dismissAlert = () => dispatch({ type: "alert" });

    return { load, open, accept, send, retry, close, dismissAlert };
  }, [socketRef, stateRef, dispatch]);
}

// Closing an already closed conversation is not an error to the rep: show it as closed.
function closedView(state: ConsoleState, id: string) {
  const chat = state.chats.find((c) => c.lead.conversationId === id);
  return { id, siteKey: chat?.lead.siteKey ?? "", status: "closed" as const, lastSeq: 0, repReadSeq: 0 };
}
