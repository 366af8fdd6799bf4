// What the rep can do, each one request on the /rep socket. Results land in the reducer; failures become a
// role="alert" message, except the ones a rep should read as news rather than errors.
import { type Dispatch, useMemo } from "preact/hooks";
import { ErrorCode, type Outcome } from "../../../shared/protocol/index.ts";
import { request } from "../../transport/socket.ts";
import { contiguousSeq, newClientId } from "../../ui/messages.ts";
import type { Action, ConsoleState } from "./console-state.ts";
import { routingActions } from "./routing-actions.ts";
import { codeOf, type Link, messageOf, type Ref, runner } from "./run.ts";

export function useRepActions(linkRef: Ref<Link | undefined>, stateRef: Ref<ConsoleState>, dispatch: Dispatch<Action>) {
  return useMemo(() => {
    const run = runner(linkRef, dispatch);

    // Catches up from the last message held without a gap (merging by seq makes repeats harmless).
    const load = (conversationId: string) =>
      run(async (socket) => {
        const held = stateRef.current.chats.find((c) => c.lead.conversationId === conversationId)?.messages ?? [];
        const detail = await request(socket, "conversation:get", { conversationId, lastSeq: contiguousSeq(held) });
        linkRef.current?.sender.settle(detail.messages);
        return { type: "detail", detail };
      });

    // A ringing lead's conversation so far, for the offer card: read-only, not kept in the state.
    const preview = async (conversationId: string) => {
      const socket = linkRef.current?.socket;
      if (!socket) throw new Error("Not connected.");
      return (await request(socket, "conversation:get", { conversationId, lastSeq: 0 })).messages;
    };

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

    // The sender keeps trying through transient failures and reconnects; only a refusal shows "not sent".
    const sendText = (conversationId: string, clientId: string, text: string) => {
      const link = linkRef.current;
      if (!link) return;
      const at = Date.now();
      dispatch({ type: "pending", conversationId, pending: { clientId, text, at, failed: false } });
      link.sender.send({ repId: stateRef.current.me?.id ?? "", conversationId, clientId, text, at });
    };

    const send = (conversationId: string, text: string) => sendText(conversationId, newClientId(), text);

    const retry = (conversationId: string, clientId: string, text: string) => {
      dispatch({ type: "alert" });
      return sendText(conversationId, clientId, text);
    };

    // The outcome is what came of the conversation (reports count it); the server keeps it on the lead card.
    const close = (conversationId: string, outcome?: Outcome) =>
      run(
        async (socket) => {
          const req = outcome ? { conversationId, outcome } : { conversationId };
          const { conversation } = await request(socket, "conversation:close", req);
          return outcome ? { type: "closed", conversation, outcome } : { type: "closed", conversation };
        },
        (err) =>
          codeOf(err) === ErrorCode.CLOSED
            ? { type: "conversation", conversation: closedView(stateRef.current, conversationId) }
            : { type: "alert", text: messageOf(err) },
      );

    const dismissAlert = () => dispatch({ type: "alert" });

    // Best effort: a lost typing signal only delays the visitor's indicator, so failures are ignored, and nothing
    // is sent offline (socket.io would deliver it late, after it stopped being true).
    const setTyping = (conversationId: string, typing: boolean) => {
      const socket = linkRef.current?.socket;
      if (socket?.connected) request(socket, "typing:set", { conversationId, typing }).catch(() => {});
    };

    // The rep has seen the open conversation up to `seq`: unread clears now, the server hears of it shortly.
    const seen = (conversationId: string, seq: number) => {
      dispatch({ type: "read", conversationId, seq });
      const chat = stateRef.current.chats.find((c) => c.lead.conversationId === conversationId);
      if (chat && chat.status !== "closed") linkRef.current?.reads.mark(conversationId, seq);
    };

    return {
      load,
      preview,
      open,
      accept,
      send,
      retry,
      close,
      dismissAlert,
      setTyping,
      seen,
      ...routingActions(linkRef, stateRef, dispatch, run),
    };
  }, [linkRef, stateRef, dispatch]);
}

// Closing an already closed conversation is not an error to the rep: show it as closed.
function closedView(state: ConsoleState, id: string) {
  const chat = state.chats.find((c) => c.lead.conversationId === id);
  return { id, siteKey: chat?.lead.siteKey ?? "", status: "closed" as const, lastSeq: 0, repReadSeq: 0 };
}
